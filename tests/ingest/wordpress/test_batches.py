"""Posts are written in batches, one transaction each, without one bad post costing the others."""

import pytest
from django.db import IntegrityError
from wagtail.contrib.redirects.models import Redirect

from dateline.comments.models import Comment
from dateline.ingest.wordpress import services
from dateline.news.models import ArticlePage

from .conftest import STRIKE, TERMINAL, article

pytestmark = pytest.mark.django_db


def test_a_batch_refused_at_commit_is_retried_one_post_at_a_time(run_import, monkeypatch):
    write = services._Importer.write_staged_redirects
    calls = []

    def refused_the_first_time(importer):
        calls.append(1)
        if len(calls) == 1:  # what SQLite or PostgreSQL says of a deferred foreign key at commit
            raise IntegrityError("FOREIGN KEY constraint failed")
        write(importer)

    monkeypatch.setattr(services._Importer, "write_staged_redirects", refused_the_first_time)
    report = run_import()
    assert report.counts[("post", "created")] == 9  # counted once, not once per attempt
    assert ArticlePage.objects.count() == 9
    assert Comment.objects.filter(article=article(STRIKE)).count() == 49
    assert Redirect.objects.filter(redirect_page=article(STRIKE)).exists()
    assert not [what for what, _reason in report.skipped if what.startswith("post")]


def test_a_post_failing_midway_is_skipped_and_leaves_no_trace(run_import, monkeypatch):
    import_comments = services._Importer.import_comments

    def failing_for_the_strike(importer, page, item, *, created):
        if item.id == STRIKE:
            raise ValueError("the comments could not be written")
        return import_comments(importer, page, item, created=created)

    monkeypatch.setattr(services._Importer, "import_comments", failing_for_the_strike)
    report = run_import()
    assert [(what, reason) for what, reason in report.skipped if what.startswith("post")] == [
        ("post 4 “Dockworkers strike shuts the harbour”", "the comments could not be written")
    ]
    assert report.counts[("post", "created")] == 8
    assert not ArticlePage.objects.filter(title="Dockworkers strike shuts the harbour").exists()
    assert not Redirect.objects.filter(old_path__contains="dockworkers-strike").exists()
    assert article(TERMINAL).tags.exists()


def test_small_batches_import_the_same_site(run_import, monkeypatch):
    monkeypatch.setattr(services, "POST_BATCH", 2)
    progress = []
    report = run_import(progress=lambda done, total: progress.append((done, total)))
    assert report.counts[("post", "created")] == 9
    assert progress == [(n, 9) for n in range(1, 10)]
    again = run_import()
    assert again.counts[("post", "unchanged")] == 9
