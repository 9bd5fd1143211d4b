"""The comment list's markup, built in Python (comments_tags._CommentsHtml): reader text escaped in
every place it lands, reply links and labels as the reply script and screen readers use them."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

HOSTILE = 'Ana "<script>alert(1)</script>" & Co'


def test_a_hostile_name_and_body_are_text_everywhere_they_appear(client, article):
    thread = CommentFactory(article=article, name=HOSTILE, body="<b>bold</b> & <img src=x onerror=alert(1)>")
    CommentFactory(article=article, parent=thread, name="Bea", body="Agreed.")

    html = client.get(article.url).content.decode()
    soup = BeautifulSoup(html, "lxml")

    assert "<script>alert(1)</script>" not in html
    assert "<img src=x" not in html
    comment = soup.select_one(f"#comment-{thread.pk}")
    assert comment.select_one(".comment__author").get_text() == HOSTILE
    assert comment.select_one(".comment__body").get_text() == "<b>bold</b> & <img src=x onerror=alert(1)>"
    reply_link = comment.select_one(".comment__reply")
    assert reply_link["data-reply-name"] == HOSTILE
    assert reply_link["data-reply-to"] == str(thread.pk)
    assert reply_link["href"].endswith(f"?reply_to={thread.pk}#make-a-comment")
    assert reply_link.select_one(".visually-hidden").get_text(strip=True) == f"to {HOSTILE}"
    replies = soup.select_one(f"#comment-{thread.pk}").find_next_sibling("ol")
    assert replies["aria-label"] == f"Replies to {HOSTILE}"
    reply = replies.select_one(".comment")
    assert "comment--reply" in reply["class"]
    # A reply is answered in its thread: its reply link points at the thread's first comment.
    assert reply.select_one(".comment__reply")["data-reply-to"] == str(thread.pk)


def test_the_labels_are_in_the_pages_language(client, section_es):
    from tests.news.factories import ArticlePageFactory

    article = ArticlePageFactory(parent=section_es, slug="acuerdo")
    article.save_revision().publish()
    thread = CommentFactory(article=article, name="Ana")
    CommentFactory(article=article, parent=thread, name="Bea")

    with translation.override("es"):
        soup = BeautifulSoup(client.get(article.url).content, "lxml")

    assert soup.select_one(f"#comment-{thread.pk} .comment__reply").get_text(" ", strip=True) == "Responder a Ana"
    assert soup.select_one(".comments__replies")["aria-label"] == "Respuestas a Ana"


def test_comments_are_not_answerable_once_the_thread_is_closed(client, article):
    CommentFactory(article=article, name="Ana")
    article.comments_open = False
    article.save_revision().publish()

    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    assert soup.select(".comment")
    assert not soup.select(".comment__reply")


def test_a_readers_name_and_words_keep_their_own_direction_on_a_page_of_another(client, article):
    # A Latin name in an Arabic thread, or an Arabic one here, must not reorder the text around it.
    thread = CommentFactory(article=article, name="سارة", body="شكرا على التقرير")

    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    comment = soup.select_one(f"#comment-{thread.pk}")
    assert comment.select_one(".comment__author bdi").get_text() == "سارة"
    assert comment.select_one(".comment__body")["dir"] == "auto"
    form = soup.select_one("form[data-comment-form]")
    assert form.select_one("input[name=name]")["dir"] == "auto"
    assert form.select_one("textarea[name=body]")["dir"] == "auto"

    replying = BeautifulSoup(client.get(f"{article.url}?reply_to={thread.pk}").content, "lxml")
    assert replying.select_one("[data-replying] bdi").get_text() == "سارة"
