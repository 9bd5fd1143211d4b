"""The public read API (/api/v1/): published articles, sections, tags and people as JSON, with an OpenAPI
description and its docs page. Read-only, public fields only, cached and purged like the pages.

Knows news (and core's cache headers and accounts' address hashing); nothing knows it.
"""
