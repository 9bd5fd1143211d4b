"""How many SQL queries the first reader after an edit costs: the memo emptied, as a purge empties it."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.core.memo import memo


def cold_queries(client, url) -> int:
    client.get(url)  # the first view creates the site settings and renditions
    memo.clear()  # as the first reader after an edit finds it
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
