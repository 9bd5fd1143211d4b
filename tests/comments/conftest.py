"""Comment fixtures: an open article, solved captchas, and a reader's post through the client."""

import base64
import json
import time

import altcha
import pytest
from django.urls import reverse
from django.utils import timezone

from dateline.comments import captcha
from dateline.comments.models import CommentSettings

from ..news.factories import ArticlePageFactory

ORIGIN = "http://testserver"


@pytest.fixture(autouse=True)
def _easy_captcha(settings):
    settings.DATELINE_COMMENTS_CAPTCHA_MAX_NUMBER = 500


@pytest.fixture
def article(section):
    return ArticlePageFactory(parent=section, first_published_at=timezone.now(), last_published_at=timezone.now())


@pytest.fixture
def rules(home):
    return CommentSettings.for_site(home.get_site())


def solve(challenge: dict) -> str:
    """The payload a reader's widget posts once it has solved the challenge."""
    solution = altcha.solve_challenge_v1(
        challenge["challenge"], challenge["salt"], challenge["algorithm"], challenge["maxNumber"]
    )
    payload = {
        "algorithm": challenge["algorithm"],
        "challenge": challenge["challenge"],
        "number": solution.number,
        "salt": challenge["salt"],
        "signature": challenge["signature"],
    }
    return base64.b64encode(json.dumps(payload).encode()).decode()


def solved_captcha(*, issued_seconds_ago: float = 30) -> str:
    return solve(captcha.create_challenge(now=time.time() - issued_seconds_ago))


def comment_data(**overrides) -> dict:
    data = {
        "name": "Ana Reader",
        "email": "ana@example.org",
        "body": "A fair account of the talks.",
        "altcha": solved_captcha(),
        "website": "",
        "parent": "",
    }
    data.update(overrides)
    return data


def post_comment(client, article, *, headers=None, **fields):
    headers = {"HTTP_ORIGIN": ORIGIN, **(headers or {})}
    return client.post(reverse("comments:post", kwargs={"article_id": article.pk}), comment_data(**fields), **headers)
