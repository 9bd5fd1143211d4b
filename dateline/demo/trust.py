"""The demo's record and trust: policy pages and the settings that link them, corrections and
clarifications on a few stories, profiles with expertise, a fact check and a sponsored piece.

Data in trust.json; built through the models and Wagtail's revisions, and safe to run twice.
"""

import html
import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Site

from dateline.core.models import PublishingPrinciples
from dateline.home.models import HomePage
from dateline.news.models import ArticleKind, ArticlePage, Correction, Person, PolicyPage, SectionPage

DATA = Path(__file__).with_name("trust.json")


def _rich(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(text, quote=False)}</p>" for text in paragraphs)


def ensure_trust_demo(home: HomePage, *, with_pieces: bool = True) -> Counter:
    """Build what is missing of the demo's trust features; return how many of each it made.

    ``with_pieces`` adds the fact check and the sponsored piece (the full demo; a quick build keeps
    to the number of stories it was asked for)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    created = Counter()
    site = Site.objects.get(is_default_site=True)
    principles = PublishingPrinciples.for_site(site)
    for entry in data["policies"]:
        page = PolicyPage.objects.child_of(home).filter(slug=entry["slug"]).first()
        if page is None:
            page = PolicyPage(title=entry["title"], slug=entry["slug"], body=_rich(entry["body"]), live=False)
            HomePage.objects.get(pk=home.pk).add_child(instance=page)
            page.save_revision().publish()
            created["policy pages"] += 1
        setattr(principles, entry["field"], page)
    for field, value in data["contact"].items():
        setattr(principles, field, value)
    principles.save()

    for entry in data["people"]:
        Person.objects.filter(slug=entry["slug"]).update(
            same_as="\n".join(entry["same_as"]), knows_about=entry["knows_about"]
        )

    for entry in data["pieces"] if with_pieces else []:
        created["articles"] += _ensure_piece(home, entry)

    for entry in data["corrections"]:
        article = ArticlePage.objects.live().filter(slug=entry["article"]).first()
        if article is None or Correction.objects.filter(article=article, text=entry["text"]).exists():
            continue
        when = article.first_published_at + timedelta(hours=entry["hours_after"])
        article.corrections.add(Correction(kind=entry["kind"], text=entry["text"], published_at=when))
        revision = article.save_revision()
        revision.publish()
        _date_correction(article, revision, when)
        created["corrections"] += 1
    return +created  # only what it made


def _date_correction(article: ArticlePage, revision, when) -> None:
    """The story was republished with its correction when the correction ran, not when the demo
    was built: its "Updated" time, the editors' lists and its translations' status say so."""
    when = min(when, timezone.now())
    Page.objects.filter(pk=article.pk).update(last_published_at=when, latest_revision_created_at=when)
    type(revision).objects.filter(pk=revision.pk).update(created_at=when)
    PageLogEntry.objects.filter(page=article, revision=revision).update(timestamp=when)


def _ensure_piece(home: HomePage, entry: dict) -> int:
    section = SectionPage.objects.child_of(home).filter(slug=entry["section"]).first()
    if section is None or ArticlePage.objects.filter(slug=entry["slug"]).exists():
        return 0
    fields = {
        key: entry[key]
        for key in ("claim_reviewed", "claim_author", "claim_url", "rating_label", "rating_value", "sponsor_name")
        if key in entry
    }
    article = ArticlePage(
        title=entry["headline"],
        slug=entry["slug"],
        standfirst=entry["standfirst"],
        kind=ArticleKind.objects.get(slug=entry["kind"]),
        sponsor_url=entry.get("sponsor_url", ""),
        edited_by=Person.objects.filter(slug=entry["editor"]).first(),
        body=[{"type": "paragraph", "value": _rich([text])} for text in entry["body"]],
        live=False,
        **fields,
    )
    SectionPage.objects.get(pk=section.pk).add_child(instance=article)
    article.save_revision().publish()
    return 1
