"""Readership figures without tracking readers: a first-party beacon counts page views per page and day
and the referring site's host, in the cache, flushed in batches to daily totals; editors read them in the
admin, the front page shows the most read. No cookie, address or user agent is stored.

Knows pages, articles, sections and people; news does not know it (the front page asks it for the most read).
"""
