"""Rate limits and single-use captchas on the shared cache: the local cache and Redis alike, and
comments still posting when Redis is down."""

import os
import socket

import pytest
from django.core.cache import cache

from dateline.comments import captcha
from dateline.comments.privacy import ClientInfo, hash_address
from dateline.comments.services import CommentRejected, post_comment
from dateline.comments.spam import Rate, hit_rate_limit

from .conftest import solved_captcha

pytestmark = pytest.mark.django_db

REDIS_LOCATION = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.3).close()
    except OSError:
        return False
    return True


def redis_cache(location):
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": location,
        "KEY_PREFIX": "dl-test",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.3, "SOCKET_TIMEOUT": 0.3},
    }


@pytest.fixture(params=["locmem", "redis"])
def shared_cache(request, settings):
    if request.param == "redis":
        if not redis_reachable():
            if os.environ.get("CI"):
                pytest.fail("CI needs Redis on 127.0.0.1:6379 for the rate-limit tests")
            pytest.skip("no Redis on 127.0.0.1:6379")
        settings.CACHES = {**settings.CACHES, "default": redis_cache(REDIS_LOCATION)}
    else:
        settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield request.param
    cache.clear()


def post(article, rules, n, *, email=None, address="198.51.100.7"):
    return post_comment(
        article=article,
        rules=rules,
        name="Ana",
        email=email or f"reader{n}@example.org",
        body=f"Thought number {n}.",
        client=ClientInfo(address_hash=hash_address(address)),
    )


def test_one_address_is_limited(shared_cache, article, rules, settings):
    settings.DATELINE_COMMENTS_RATE_PER_ADDRESS = "3/600"
    for n in range(3):
        post(article, rules, n)

    with pytest.raises(CommentRejected) as refused:
        post(article, rules, 3)

    assert (refused.value.code, refused.value.status) == ("rate_address", 429)


def test_other_addresses_are_not_limited_by_one_busy_address(shared_cache, article, rules, settings):
    settings.DATELINE_COMMENTS_RATE_PER_ADDRESS = "1/600"
    post(article, rules, 0)

    assert post(article, rules, 1, address="198.51.100.8").pk


def test_one_email_is_limited_across_addresses(shared_cache, article, rules, settings):
    settings.DATELINE_COMMENTS_RATE_PER_EMAIL = "2/600"
    post(article, rules, 0, email="busy@example.org", address="198.51.100.1")
    post(article, rules, 1, email="busy@example.org", address="198.51.100.2")

    with pytest.raises(CommentRejected) as refused:
        post(article, rules, 2, email="busy@example.org", address="198.51.100.3")

    assert refused.value.code == "rate_email"


def test_the_limit_resets_after_its_window(shared_cache):
    rate = Rate.parse("1/60")
    start = 1_000_000 * 60.0

    assert not hit_rate_limit("address", "k", rate, now=start)
    assert hit_rate_limit("address", "k", rate, now=start + 1)
    assert not hit_rate_limit("address", "k", rate, now=start + 61)


def test_a_captcha_is_single_use(shared_cache):
    solved = captcha.verify_solution(solved_captcha())
    captcha.use_challenge(solved)

    with pytest.raises(captcha.CaptchaError) as refused:
        captcha.use_challenge(solved)

    assert refused.value.code == "replayed"


def test_blocklist_and_duplicates_hold_with_either_cache(shared_cache, article, rules):
    from dateline.comments.models import CommentStatus

    rules.blocklist_words = "casino"
    assert (
        post_comment(
            article=article, rules=rules, name="A", email="a@example.org", body="casino", client=ClientInfo("h1")
        ).status
        == CommentStatus.SPAM
    )
    post(article, rules, 7)
    with pytest.raises(CommentRejected):
        post(article, rules, 7)


def test_comments_still_post_when_redis_is_down(settings, article, rules, caplog):
    settings.CACHES = {**settings.CACHES, "default": redis_cache("redis://127.0.0.1:1/0")}
    settings.DATELINE_COMMENTS_RATE_PER_ADDRESS = "1/600"

    solved = captcha.verify_solution(solved_captcha())
    captcha.use_challenge(solved)
    comments = [post(article, rules, n) for n in range(3)]

    assert all(comment.pk for comment in comments)
    assert "cache unavailable" in caplog.text
