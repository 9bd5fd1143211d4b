"""Dateline: self-hosted news publishing with reader comments, on Django and Wagtail."""
