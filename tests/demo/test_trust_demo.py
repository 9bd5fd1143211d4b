"""The demo shows issue 14's trust features to a new user: policies, corrections, a fact check, a sponsor."""

import json

import pytest
from wagtail.models import Site

from dateline.core.models import PublishingPrinciples
from dateline.demo.trust import DATA, ensure_trust_demo
from dateline.home.models import HomePage
from dateline.news.models import ArticlePage, Correction, PolicyPage

pytestmark = pytest.mark.django_db


def test_demo_fills_the_policy_pages_the_corrections_and_the_special_kinds(quick_demo):
    home = HomePage.objects.get(locale__language_code="en")
    created = ensure_trust_demo(home)  # the quick demo leaves out the extra pieces; the full one adds them
    assert created["articles"] == 2
    principles = PublishingPrinciples.for_site(Site.objects.get(is_default_site=True))
    assert len(principles.page_ids()) == 8
    assert PolicyPage.objects.live().count() == 8
    check = ArticlePage.objects.get(slug="fact-check-glacier-claim")
    assert (check.kind.slug, check.rating_label) == ("fact-check", "Mostly false")
    assert ArticlePage.objects.get(slug="sponsored-clean-ports-programme").sponsor_name == "Clean Ports Alliance"
    corrected = [entry["article"] for entry in json.loads(DATA.read_text())["corrections"]]
    present = set(ArticlePage.objects.live().filter(slug__in=corrected).values_list("slug", flat=True))
    assert set(Correction.objects.values_list("article__slug", flat=True)) == present
    for correction in Correction.objects.select_related("article"):
        # republished when the correction ran, not when the demo was built
        assert correction.article.last_published_at == correction.published_at
        assert correction.article.latest_revision_created_at == correction.published_at
    assert ensure_trust_demo(home) == {}  # safe to run twice
