"""The one HTTP door of the wire: a timeout for the whole answer, redirects only on the same host."""

import time

import pytest

from dateline.ingest import fetching

FEED = b"<rss version='2.0'><channel><title>Wire</title></channel></rss>"


def test_a_redirect_on_the_same_host_is_followed(wire_server):
    wire_server.routes["/new.xml"] = (FEED, "application/rss+xml")
    wire_server.redirects["/old.xml"] = "/new.xml"

    assert fetching.fetch(wire_server.url("/old.xml")) == FEED


def test_a_redirect_to_another_host_is_refused_saying_where(wire_server):
    wire_server.routes["/new.xml"] = (FEED, "application/rss+xml")
    # The same server under another name: a host nobody configured, as far as the source knows.
    elsewhere = wire_server.url("/new.xml").replace("127.0.0.1", "localhost")
    wire_server.redirects["/old.xml"] = elsewhere

    with pytest.raises(fetching.FetchFailed) as failure:
        fetching.fetch(wire_server.url("/old.xml"))

    assert failure.value.status == "unreachable"
    assert "redirected to another address (http://localhost/new.xml)" in str(failure.value)
    assert wire_server.requests == ["/old.xml"]


def test_a_server_dripping_bytes_is_cut_off_at_the_total_timeout(wire_server):
    # Each piece comes well within the timeout; the whole answer does not.
    wire_server.drips["/slow.xml"] = ([b"x" * 10] * 12, 0.2)
    started = time.monotonic()

    with pytest.raises(fetching.FetchFailed) as failure:
        fetching.fetch(wire_server.url("/slow.xml"), timeout=0.8)

    assert failure.value.status == "timed_out"
    assert time.monotonic() - started < 1.5


def test_an_answer_in_time_is_read_whole(wire_server):
    wire_server.drips["/steady.xml"] = ([FEED[:20], FEED[20:]], 0.05)

    assert fetching.fetch(wire_server.url("/steady.xml"), timeout=2) == FEED
