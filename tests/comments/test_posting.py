"""The comment form as a reader meets it: errors beside each field, typed text kept, captcha rules,
POST-redirect-GET with the reader's own comment shown as pending."""

import time

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.models import ReferenceIndex

from dateline.comments import captcha
from dateline.comments.models import Comment, CommentStatus
from dateline.comments.pending import PENDING_COOKIE, pending_comment_ids

from .conftest import ORIGIN, comment_data, post_comment, solve, solved_captcha

pytestmark = pytest.mark.django_db


def field_error(soup, name):
    node = soup.find(id=f"comment-{name}-error")
    return node.get_text(strip=True) if node else None


@pytest.mark.parametrize("field", ["name", "email", "body"])
def test_each_field_is_required_with_its_error_beside_it(client, article, field):
    response = post_comment(client, article, **{field: ""})

    soup = BeautifulSoup(response.content, "lxml")
    assert response.status_code == 400
    assert field_error(soup, field)
    errors = [name for name in ("name", "email", "body") if field_error(soup, name)]
    assert errors == [field]
    assert soup.find(id=f"comment-{field}")["aria-invalid"] == "true"
    assert not Comment.objects.exists()


def test_what_the_reader_typed_is_kept_when_a_field_is_wrong(client, article):
    response = post_comment(client, article, name="Ana <b>Reader</b>", email="not-an-email", body="Line one\nLine two")

    soup = BeautifulSoup(response.content, "lxml")
    assert soup.find(id="comment-name")["value"] == "Ana <b>Reader</b>"
    assert soup.find(id="comment-email")["value"] == "not-an-email"
    assert soup.find(id="comment-body").get_text().strip("\n") == "Line one\nLine two"
    assert field_error(soup, "email")


def test_a_failed_post_is_private_to_the_reader(client, article):
    response = post_comment(client, article, body="")

    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_whitespace_only_comment_is_refused(client, article):
    response = post_comment(client, article, body=" \n\t\u200b \n")

    assert response.status_code == 400
    assert field_error(BeautifulSoup(response.content, "lxml"), "body")


@pytest.mark.parametrize(("field", "limit"), [("name", 80), ("body", 5000)])
def test_length_limits_are_enforced(client, article, field, limit):
    response = post_comment(client, article, **{field: "x" * (limit + 1)})

    assert response.status_code == 400
    assert str(limit) in field_error(BeautifulSoup(response.content, "lxml"), field)


@pytest.mark.parametrize(("field", "limit"), [("name", 80), ("body", 5000)])
def test_length_limits_are_stated_on_the_form(client, article, field, limit):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    assert str(soup.find(id=f"comment-{field}")["maxlength"]) == str(limit)
    assert (
        f"{limit:,}" in soup.find(id=f"comment-{field}-help").get_text()
        or str(limit) in soup.find(id=f"comment-{field}-help").get_text()
    )


def test_body_at_the_limit_with_windows_line_ends_is_accepted(client, article):
    body = ("y" * 99 + "\r\n") * 49 + "z" * 99  # 5,000 characters once \r\n counts as one

    response = post_comment(client, article, body=body)

    assert response.status_code == 303


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("", "missing"),
        ("bm90IGpzb24=", "invalid"),
        ("%%%", "invalid"),
    ],
)
def test_missing_or_malformed_captcha_is_refused_with_a_message(client, article, payload, code):
    response = post_comment(client, article, altcha=payload)

    soup = BeautifulSoup(response.content, "lxml")
    assert response.status_code == 400
    expected = {"missing": captcha.MISSING, "invalid": captcha.INVALID}[code]
    assert field_error(soup, "altcha") == str(expected)
    assert not Comment.objects.exists()


def test_wrong_captcha_answer_is_refused(client, article):
    import base64
    import json

    good = json.loads(base64.b64decode(solved_captcha()))
    good["number"] += 1
    wrong = base64.b64encode(json.dumps(good).encode()).decode()

    response = post_comment(client, article, altcha=wrong)

    assert field_error(BeautifulSoup(response.content, "lxml"), "altcha") == str(captcha.INVALID)


def test_expired_captcha_is_refused(client, article, settings):
    old = solve(captcha.create_challenge(now=time.time() - settings.DATELINE_COMMENTS_CAPTCHA_EXPIRES - 5))

    response = post_comment(client, article, altcha=old)

    assert field_error(BeautifulSoup(response.content, "lxml"), "altcha") == str(captcha.EXPIRED)


def test_replayed_captcha_is_refused(client, article):
    payload = solved_captcha()
    assert post_comment(client, article, altcha=payload).status_code == 303

    response = post_comment(client, article, altcha=payload, body="Another thought entirely.")

    assert response.status_code == 400
    assert field_error(BeautifulSoup(response.content, "lxml"), "altcha") == str(captcha.REPLAYED)
    assert Comment.objects.count() == 1


def test_post_sooner_than_the_minimum_time_is_refused(client, article, rules):
    rules.min_seconds_to_post = 10
    rules.save()

    response = post_comment(client, article, altcha=solved_captcha(issued_seconds_ago=2))

    assert response.status_code == 400
    assert field_error(BeautifulSoup(response.content, "lxml"), "altcha")


def test_post_without_our_origin_is_forbidden(client, article):
    response = post_comment(client, article, headers={"HTTP_ORIGIN": "https://evil.example"})

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_post_without_origin_or_referer_is_forbidden(client, article):
    from django.urls import reverse

    response = client.post(reverse("comments:post", kwargs={"article_id": article.pk}), comment_data())

    assert response.status_code == 403


def test_post_with_our_referer_and_no_origin_is_accepted(client, article):
    from django.urls import reverse

    response = client.post(
        reverse("comments:post", kwargs={"article_id": article.pk}),
        comment_data(),
        HTTP_REFERER=f"{ORIGIN}{article.url}",
    )

    assert response.status_code == 303


def test_post_from_a_trusted_origin_is_accepted(client, article, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.example.org"]

    response = post_comment(client, article, headers={"HTTP_ORIGIN": "https://www.example.org"})

    assert response.status_code == 303


def test_a_good_post_redirects_to_the_article_comments(client, article):
    response = post_comment(client, article)

    assert response.status_code == 303
    assert response["Location"] == article.url + "#comments"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert (comment.name, comment.body) == ("Ana Reader", "A fair account of the talks.")


def test_the_pending_cookie_is_signed_http_only_and_lax(client, article):
    response = post_comment(client, article)

    cookie = response.cookies[PENDING_COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) > 24 * 3600
    request = RequestFactory().get("/", HTTP_COOKIE=f"{PENDING_COOKIE}={cookie.value}")
    assert pending_comment_ids(request) == [Comment.objects.get().pk]
    tampered = RequestFactory().get("/", HTTP_COOKIE=f"{PENDING_COOKIE}=1{cookie.value}")
    assert pending_comment_ids(tampered) == []


def test_the_poster_sees_their_comment_pending_with_a_notice(client, article):
    post_comment(client, article, body="My pending words.")

    response = client.get(article.url)

    soup = BeautifulSoup(response.content, "lxml")
    pending = soup.select(".comment--pending")
    assert [p.select_one(".comment__body").get_text(strip=True) for p in pending] == ["My pending words."]
    assert soup.select_one(".comments__notice[role=status]")
    assert "no-store" in response["Cache-Control"]


def test_another_reader_does_not_see_a_pending_comment(client, article):
    from django.test import Client

    post_comment(client, article, body="My pending words.")

    soup = BeautifulSoup(Client().get(article.url).content, "lxml")
    assert not soup.select(".comment")
    assert not soup.select(".comments__notice")


def test_a_forged_pending_cookie_shows_nothing(client, article):
    post_comment(client, article, body="Somebody's words.")
    other = __import__("django.test", fromlist=["Client"]).Client()
    other.cookies[PENDING_COOKIE] = str(Comment.objects.get().pk)

    soup = BeautifulSoup(other.get(article.url).content, "lxml")

    assert not soup.select(".comment--pending")


def test_the_article_page_carries_no_per_reader_token(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    form = soup.select_one("form[data-comment-form]")
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    widget = form.find("altcha-widget")
    assert widget["challengeurl"] == "/comments/challenge/"
    assert not widget.has_attr("challengejson")


def test_the_challenge_endpoint_is_never_cached(client):
    response = client.get("/comments/challenge/")

    data = response.json()
    assert set(data) == {"algorithm", "challenge", "maxNumber", "salt", "signature"}
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_form_has_labelled_required_fields_and_a_private_email_note(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    for name in ("name", "email", "body"):
        field = soup.find(attrs={"name": name, "id": f"comment-{name}"})
        assert field.has_attr("required")
        assert soup.find("label", attrs={"for": field["id"]}).get_text(strip=True)
    assert soup.find(id="comment-email-help").get_text(strip=True) == "Will not be published."
    assert soup.find("h3", id="make-a-comment").get_text(strip=True) == "Make a comment"


def test_without_javascript_the_form_says_what_is_needed(client, article):
    soup = BeautifulSoup(client.get(article.url).content, "lxml")

    noscript = soup.select_one("#comment-altcha noscript")
    assert "JavaScript" in noscript.get_text()


def test_a_reply_attaches_to_an_approved_comment(client, article):
    from .factories import CommentFactory

    parent = CommentFactory(article=article)

    response = post_comment(client, article, parent=str(parent.pk), body="I disagree, politely.")

    assert response.status_code == 303
    assert Comment.objects.get(body="I disagree, politely.").parent == parent


def test_reply_link_without_javascript_sets_the_parent(client, article):
    from .factories import CommentFactory

    parent = CommentFactory(article=article, name="Bea")

    soup = BeautifulSoup(client.get(f"{article.url}?reply_to={parent.pk}").content, "lxml")

    assert soup.find("input", attrs={"name": "parent"})["value"] == str(parent.pk)
    assert "Bea" in soup.select_one("[data-replying]").get_text()


def test_comments_closed_on_article_hides_the_form_and_refuses_posts(client, article):
    article.comments_open = False
    article.save()

    soup = BeautifulSoup(client.get(article.url).content, "lxml")
    response = post_comment(client, article)

    assert soup.select_one("form[data-comment-form]") is None
    assert soup.select_one(".comments__closed")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_posted_comment_leaves_no_rows_in_wagtails_reference_index(client, article):
    response = post_comment(client, article)

    assert response.status_code == 303
    assert Comment.objects.filter(article=article).exists()

    assert not ReferenceIndex.objects.filter(content_type__app_label="comments").exists()


def test_a_captcha_error_is_listed_under_a_human_label(client, article, rules):
    rules.min_seconds_to_post = 10
    rules.save()

    response = post_comment(client, article, altcha=solved_captcha(issued_seconds_ago=2))

    summary = BeautifulSoup(response.content, "lxml").select_one("#comment-form-errors a[href='#comment-altcha']")
    assert summary.get_text().startswith("Spam check: ")
    assert "Altcha" not in response.content.decode()
