"""Who counts as one reader for rate limits and bans: an IPv4 address, an IPv6 network (/64 unless
configured), found from the right of X-Forwarded-For past our own proxies only."""

import pytest
from django.test import RequestFactory

from dateline.comments.models import Ban, BanKind, Comment, CommentStatus
from dateline.comments.privacy import client_address, hash_address, subscriber_network

from .conftest import post_comment

pytestmark = pytest.mark.django_db


def test_eight_posts_from_one_ipv6_64_with_different_interface_ids_are_limited(client, article, settings):
    settings.DATELINE_COMMENTS_RATE_PER_ADDRESS = "5/600"

    statuses = [
        post_comment(
            client,
            article,
            headers={"REMOTE_ADDR": f"2001:db8:1:2::{n + 1:x}"},
            email=f"r{n}@example.org",
            body=f"Post {n}.",
        ).status_code
        for n in range(8)
    ]

    assert statuses == [303] * 5 + [429] * 3
    assert Comment.objects.count() == 5


def test_another_64_is_counted_apart(client, article, settings):
    settings.DATELINE_COMMENTS_RATE_PER_ADDRESS = "1/600"
    post_comment(client, article, headers={"REMOTE_ADDR": "2001:db8:1:2::1"}, email="a@example.org", body="One.")

    response = post_comment(
        client, article, headers={"REMOTE_ADDR": "2001:db8:1:3::1"}, email="b@example.org", body="Two."
    )

    assert response.status_code == 303


def test_an_ipv6_reader_is_counted_by_their_64():
    assert hash_address("2001:db8:1:2:aaaa:bbbb:cccc:dddd") == hash_address("2001:DB8:1:2::1")
    assert hash_address("2001:db8:1:2::1") != hash_address("2001:db8:1:3::1")


def test_the_ipv6_prefix_is_configurable(settings):
    settings.DATELINE_COMMENTS_IPV6_PREFIX = 56

    assert subscriber_network("2001:db8:1:2::1") == "2001:db8:1::/56"
    assert hash_address("2001:db8:1:2::1") == hash_address("2001:db8:1:ff::1")


def test_ipv4_addresses_count_one_by_one():
    assert subscriber_network(" 198.51.100.7 ") == "198.51.100.7"
    assert hash_address("198.51.100.7") != hash_address("198.51.100.8")


def test_an_ipv4_mapped_address_counts_as_its_ipv4_address():
    assert hash_address("::ffff:198.51.100.7") == hash_address("198.51.100.7")


def test_an_address_ban_covers_the_whole_ipv6_64(client, article, editor):
    from django.urls import reverse

    client.force_login(editor)
    client.post(reverse("wagtailsnippets_comments_ban:add"), {"kind": BanKind.ADDRESS, "value": "2001:db8:1:2::99"})
    assert Ban.objects.get().kind == BanKind.ADDRESS
    client.logout()

    response = post_comment(client, article, headers={"REMOTE_ADDR": "2001:db8:1:2:ffff::1"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def forwarded(remote_addr: str, chain: str):
    return RequestFactory().get("/", REMOTE_ADDR=remote_addr, HTTP_X_FORWARDED_FOR=chain)


def test_forwarded_for_is_read_from_the_right_skipping_only_trusted_proxies(settings):
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]

    # 203.0.113.9 is a proxy we do not know: it is the last hop we can vouch for, so it is the reader.
    assert client_address(forwarded("127.0.0.1", "198.51.100.1, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"


def test_a_reader_cannot_choose_their_address_by_sending_forwarded_for(settings):
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.1"]

    assert client_address(forwarded("127.0.0.1", "1.2.3.4, 198.51.100.1")) == "198.51.100.1"
    assert client_address(forwarded("198.51.100.1", "1.2.3.4")) == "198.51.100.1"


def test_ipv6_readers_behind_our_proxies_are_limited_per_64(client, article, settings):
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.1", "::1"]
    settings.DATELINE_COMMENTS_RATE_PER_ADDRESS = "2/600"

    statuses = [
        post_comment(
            client,
            article,
            headers={"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": f"2001:db8:9::{n + 1}, ::1"},
            email=f"r{n}@example.org",
            body=f"Post {n}.",
        ).status_code
        for n in range(3)
    ]

    assert statuses == [303, 303, 429]
    assert set(Comment.objects.values_list("address_hash", flat=True)) == {hash_address("2001:db8:9::")}
    assert not Comment.objects.exclude(status=CommentStatus.PENDING).exists()


def test_a_check_warns_when_varnish_is_in_front_and_no_proxy_is_trusted(settings):
    from dateline.comments.checks import trusted_proxies_behind_varnish

    settings.DATELINE_VARNISH_URLS = ["http://127.0.0.1:6081"]
    settings.DATELINE_TRUSTED_PROXIES = []
    assert [warning.id for warning in trusted_proxies_behind_varnish(None)] == ["dateline_comments.W001"]

    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.1"]
    assert trusted_proxies_behind_varnish(None) == []
