"""The newsroom's policy pages as links: for the footer of every page and the publisher's JSON-LD."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .memo import memo
from .models import POLICY_PAGES, PublishingPrinciples


@dataclass(frozen=True)
class PolicyLink:
    field: str
    label: str
    url: str


def _links(site: Site, principles: PublishingPrinciples, request: HttpRequest) -> list[PolicyLink]:
    ids = principles.page_ids()
    if not ids:
        return []
    pages = {page.pk: page for page in Page.objects.live().public().filter(pk__in=ids.values())}
    links = []
    for field, _property, label in POLICY_PAGES:
        page = pages.get(ids.get(field))
        if page is None:
            continue
        # The reader's language's translation when there is one, else the page as chosen.
        translated = page.get_translations().live().filter(locale__language_code=get_language()).first()
        url = (translated or page).get_url(request)
        if url:
            links.append(PolicyLink(field=field, label=str(label), url=url))
    return links


def policy_links(request: HttpRequest | None) -> list[PolicyLink]:
    """The live policy pages the site's settings name, in footer order (from the memo: a setting or
    a policy page change purges every page, which empties it)."""
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    principles = PublishingPrinciples.for_request(request)
    return memo.get(
        request,
        ("policy-links", site.pk, get_language()),
        lambda: _links(site, principles, request),
        keys=(),
    )
