"""Shared ground: site settings, structured-data and cache helpers. Knows no other Dateline app."""
