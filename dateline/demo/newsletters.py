"""The demo's newsletters: a daily digest and the first section's list, a few confirmed readers
(example.org addresses), and one issue already sent, so the admin shows its progress record.
A second run finds them and changes nothing."""

import datetime as dt

from django.test.utils import override_settings
from django.utils import timezone

from dateline.news.models import ArticlePage, SectionPage
from dateline.newsletters.models import Issue, IssueStory, Newsletter, Subscription
from dateline.newsletters.sending import send_issue, start_sending
from dateline.newsletters.tokens import hash_email

READERS = ["marta", "tom", "lena", "sam", "ana"]


def ensure_newsletters(section: SectionPage) -> int:
    """Make the demo lists, readers and sent issue; returns how many lists it made."""
    digest, made_digest = Newsletter.objects.get_or_create(
        slug="daily-digest",
        defaults={
            "name": "The daily digest",
            "description": "The day's main stories, every morning at seven.",
            "digest_time": dt.time(7, 0),
        },
    )
    desk, made_desk = Newsletter.objects.get_or_create(
        slug=f"{section.slug}-desk",
        defaults={
            "name": f"{section.title} desk",
            "description": f"Stories from our {section.title} section, when editors pick them.",
            "section": section,
        },
    )
    now = timezone.now()
    for newsletter, readers in ((digest, READERS), (desk, READERS[:3])):
        for name in readers:
            email = f"{name}@example.org"
            Subscription.objects.get_or_create(
                newsletter=newsletter, email_hash=hash_email(email), defaults={"email": email, "confirmed_at": now}
            )
    if not Issue.objects.filter(newsletter=desk).exists():
        stories = list(ArticlePage.objects.live().child_of(section).order_by("-first_published_at")[:3])
        issue = Issue.objects.create(
            newsletter=desk,
            subject=f"This week on the {section.title} desk",
            intro="Good morning. Three stories our editors chose for you this week.",
        )
        IssueStory.objects.bulk_create(
            [IssueStory(issue=issue, article=a, sort_order=i) for i, a in enumerate(stories)]
        )
        # Sent for real through Django's mail backend, into memory: the demo prints no e-mails.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            start_sending(issue)
            send_issue(issue.pk)
    return int(made_digest) + int(made_desk)
