"""Readers' e-mail addresses and network addresses stay private: never in a page, feed, API, log."""

import io
import json
import logging
from collections import deque
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import Client, RequestFactory
from django.utils import timezone

from dateline.comments.models import Ban, BanKind, Comment, CommentStatus
from dateline.comments.privacy import client_address, hash_address, hash_email

from ..news.factories import ArticlePageFactory, PersonFactory
from .conftest import post_comment
from .factories import CommentFactory

pytestmark = pytest.mark.django_db

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/django-admin/", "/comments/")


def crawl(client, start_urls, limit=400):
    """Every same-site URL reachable from the start URLs through links, alternates and sitemaps."""
    seen, queue, bodies = set(), deque(start_urls), {}
    while queue and len(seen) < limit:
        url = queue.popleft()
        path = urlsplit(url).path or "/"
        key = path + ("?" + urlsplit(url).query if urlsplit(url).query else "")
        if key in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(key)
        response = client.get(key, follow=True)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[key] = (response.status_code, content)
        kind = response.get("Content-Type", "")
        if "html" in kind:
            soup = BeautifulSoup(content, "lxml")
            found = [a.get("href", "") for a in soup.find_all(["a", "link"])]
        elif "xml" in kind:
            soup = BeautifulSoup(content, "xml")
            found = [loc.get_text() for loc in soup.find_all("loc")] + [
                link.get("href", "") for link in soup.find_all("link")
            ]
        elif "json" in kind:
            data = json.loads(content)
            found = [item.get("url", "") for item in data.get("items", [])] if isinstance(data, dict) else []
        else:
            found = []
        for href in found:
            absolute = urljoin("http://testserver" + key, href)
            if urlsplit(absolute).netloc in ("testserver", "") and urlsplit(absolute).scheme in ("http", ""):
                queue.append(
                    urlsplit(absolute).path + ("?" + urlsplit(absolute).query if urlsplit(absolute).query else "")
                )
    return bodies


@pytest.fixture
def commented_site(section, home):
    author = PersonFactory(name="Jo Writer", slug="jo-writer")
    article = ArticlePageFactory(
        parent=section, first_published_at=timezone.now(), last_published_at=timezone.now(), authors=[author]
    )
    article.tags.add("talks")
    article.save()
    emails = [f"private.reader{n}@secret-mail.example" for n in range(4)]
    top = CommentFactory(article=article, email=emails[0], body="Visible comment one, see https://example.org")
    CommentFactory(article=article, email=emails[1], parent=top, body="A visible reply.")
    CommentFactory(article=article, email=emails[2], status=CommentStatus.PENDING)
    CommentFactory(article=article, email=emails[3], status=CommentStatus.SPAM)
    return article, emails


def test_no_email_appears_in_any_page_feed_or_api_of_the_site(client, commented_site):
    article, emails = commented_site
    starts = [
        "/",
        article.url,
        "/robots.txt",
        "/sitemap.xml",
        "/news-sitemap.xml",
        "/feeds/feed.json",
        "/search/?q=visible",
    ]
    starts += ["/search/?q=" + emails[0], "/feeds/rss.xml", "/feeds/atom.xml", "/es/"]

    bodies = crawl(client, starts)

    assert article.url in bodies
    assert any(url.startswith("/tags/") for url in bodies)
    assert any(url.startswith("/people/") for url in bodies)
    assert any(url.startswith("/feeds/") for url in bodies)
    assert len(bodies) >= 10
    for url, (_status, content) in bodies.items():
        if "secret-mail" in url:
            continue  # a search for the address echoes the query back to the one who typed it
        text = content.decode("utf-8", "replace").lower()
        for email in emails:
            assert email not in text, url
            assert "secret-mail.example" not in text, url
            assert hash_email(email) not in text, url


def test_the_visible_comment_is_on_the_crawled_article(client, commented_site):
    article, _emails = commented_site

    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    assert [c.select_one(".comment__body").get_text(strip=True) for c in soup.select(".comment")][
        1
    ] == "A visible reply."


def test_posting_logs_neither_the_email_nor_the_address(client, article, caplog):
    caplog.set_level(logging.DEBUG)

    post_comment(client, article, email="log.me@secret-mail.example", headers={"REMOTE_ADDR": "203.0.113.77"})
    post_comment(client, article, email="log.me@secret-mail.example", headers={"REMOTE_ADDR": "203.0.113.77"})

    assert "secret-mail.example" not in caplog.text
    assert "203.0.113.77" not in caplog.text


def test_the_raw_network_address_is_never_stored(client, article):
    post_comment(client, article, headers={"REMOTE_ADDR": "203.0.113.77"})

    comment = Comment.objects.get()
    stored = json.dumps({field.attname: str(getattr(comment, field.attname)) for field in Comment._meta.fields})
    assert "203.0.113.77" not in stored
    assert comment.address_hash == hash_address("203.0.113.77")


def test_forwarded_for_is_ignored_without_a_trusted_proxy(settings):
    settings.DATELINE_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert client_address(request) == "127.0.0.1"


def test_forwarded_for_names_the_reader_behind_a_trusted_proxy(settings):
    settings.DATELINE_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.1, 10.1.2.3")

    # The spoofable left end is skipped: the first address our proxies did not add is the reader's.
    assert client_address(request) == "198.51.100.1"


def test_forget_commenter_exports_then_deletes_everything_about_an_email(article, capsys):
    CommentFactory(article=article, email="gone@example.org", body="Mine.")
    CommentFactory(article=article, email="stays@example.org", body="Theirs.")
    Ban.objects.create(kind=BanKind.EMAIL, value_hash=hash_email("gone@example.org"))

    call_command("forget_commenter", "Gone@Example.org")

    export = json.loads(capsys.readouterr().out)
    assert [c["body"] for c in export["comments"]] == ["Mine."]
    assert len(export["bans"]) == 1
    assert list(Comment.objects.values_list("body", flat=True)) == ["Theirs."]
    assert not Ban.objects.exists()


def test_forget_commenter_export_only_deletes_nothing(article, capsys):
    CommentFactory(article=article, email="gone@example.org")

    call_command("forget_commenter", "gone@example.org", "--export-only")

    assert json.loads(capsys.readouterr().out)["email"] == "gone@example.org"
    assert Comment.objects.count() == 1


def test_forgetting_a_parent_keeps_other_readers_replies(article):
    top = CommentFactory(article=article, email="gone@example.org")
    reply = CommentFactory(article=article, email="stays@example.org", parent=top)

    call_command("forget_commenter", "gone@example.org", stdout=io.StringIO(), stderr=io.StringIO())

    reply.refresh_from_db()
    assert reply.parent is None


def test_old_comments_lose_email_and_address_hash_but_keep_their_text(article, settings):
    settings.DATELINE_COMMENTS_RETENTION_DAYS = 365
    old = CommentFactory(article=article, created_at=timezone.now() - timezone.timedelta(days=366), body="Old words.")
    new = CommentFactory(article=article, created_at=timezone.now() - timezone.timedelta(days=10))

    call_command("purge_comment_personal_data", stdout=io.StringIO())

    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.email, old.email_hash, old.address_hash, old.body) == ("", "", "", "Old words.")
    assert new.email
    assert new.email_hash
    assert new.address_hash


def test_another_reader_sees_approved_comments_but_no_emails(commented_site):
    article, emails = commented_site

    html = Client().get(article.url).content.decode()

    assert not any(email in html for email in emails)
