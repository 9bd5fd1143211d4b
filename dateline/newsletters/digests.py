"""Digests that build themselves: at a list's digest time, an issue of the newest stories since the
previous digest (at most a day back) is made and sent, once per day and list."""

import logging

from django.db import transaction
from django.utils import formats, timezone, translation
from wagtail.models import Locale

from dateline.news.queries import latest_articles

from .models import Issue, IssueStory, Newsletter
from .sending import start_sending

logger = logging.getLogger(__name__)


def stories_for_digest(newsletter: Newsletter, *, since) -> list:
    if newsletter.section_id:
        articles = latest_articles(section=newsletter.section)
    else:
        locale = Locale.objects.filter(language_code=newsletter.language).first()
        articles = latest_articles(locale=locale)
    return list(articles.filter(first_published_at__gt=since)[: newsletter.digest_size])


def build_due_digests(*, now=None) -> list[Issue]:
    """Make and queue today's digest of every list whose digest time has come; returns the issues.

    Each list is claimed for the day with one conditional UPDATE, so two schedulers make one digest.
    A day with no new stories sends nothing."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    today = local.date()
    made = []
    due = Newsletter.objects.filter(digest_time__isnull=False, digest_time__lte=local.time()).exclude(
        last_digest_on=today
    )
    for newsletter in due.select_related("section"):
        if not Newsletter.objects.filter(pk=newsletter.pk).exclude(last_digest_on=today).update(last_digest_on=today):
            continue
        previous = (
            newsletter.issues.filter(is_digest=True)
            .order_by("-created_at")
            .values_list("created_at", flat=True)
            .first()
        )
        since = max(previous or now - timezone.timedelta(days=1), now - timezone.timedelta(days=1))
        stories = stories_for_digest(newsletter, since=since)
        if not stories:
            logger.info("Newsletter %s: no new stories for today's digest", newsletter.pk)
            continue
        with translation.override(newsletter.language):
            subject = f"{newsletter.name}: {formats.date_format(local, 'DATE_FORMAT')}"
        with transaction.atomic():
            issue = Issue.objects.create(newsletter=newsletter, subject=subject, is_digest=True)
            IssueStory.objects.bulk_create(
                [IssueStory(issue=issue, article=article, sort_order=i) for i, article in enumerate(stories)]
            )
            start_sending(issue)
        made.append(issue)
    return made
