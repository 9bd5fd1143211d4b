"""Dateline's own date formats per language (FORMAT_MODULE_PATH) beside its translation catalogues.

Only what a newsroom shows differently from Django's defaults is set here; the rest comes from
django.conf.locale.
"""
