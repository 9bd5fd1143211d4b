"""Demo readers' comments, written for their own stories (comments.json, keyed by the story's slug)."""

import json
from pathlib import Path

from dateline.comments.models import Comment, CommentStatus
from dateline.comments.privacy import hash_address, hash_email
from dateline.comments.services import approve_comments
from dateline.comments.text import body_fingerprint
from dateline.news.models import ArticlePage

THREADS_FILE = Path(__file__).with_name("comments.json")


def load_threads() -> dict[str, list[dict]]:
    return json.loads(THREADS_FILE.read_text(encoding="utf-8"))


def add_demo_comments() -> int:
    """Approved comments and replies under each demo story that has some written for it and none yet.

    Safe to run twice; stories the demo did not build (a run with --articles) are skipped.
    Returns how many comments were added.
    """
    added = 0
    threads = load_threads()
    for article in ArticlePage.objects.live().filter(slug__in=threads, locale__language_code="en"):
        if Comment.objects.filter(article=article).exists():
            continue
        for thread in threads[article.slug]:
            top = _comment(article, thread["name"], thread["body"])
            for reply in thread["replies"]:
                _comment(article, reply["name"], reply["body"], parent=top)
            added += 1 + len(thread["replies"])
        approve_comments(Comment.objects.filter(article=article))
    return added


def _comment(article, name: str, body: str, parent=None) -> Comment:
    email = f"{name.split()[0].lower()}@readers.example"
    return Comment.objects.create(
        article=article,
        parent=parent,
        name=name,
        email=email,
        email_hash=hash_email(email),
        address_hash=hash_address("192.0.2.1"),
        body=body,
        body_hash=body_fingerprint(body),
        status=CommentStatus.PENDING,
        email_confirmed=True,  # made-up readers: approving them must not mail a confirmation link
    )
