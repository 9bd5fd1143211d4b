"""The demo's readership figures: a month to look at, made once."""

import pytest
from bs4 import BeautifulSoup

from dateline.readership.models import PageViews, ReferrerViews
from tests.demo.conftest import run_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def quick_pictures(monkeypatch):
    from tests.demo.conftest import _stub_pictures

    _stub_pictures(monkeypatch)


def test_the_demo_makes_a_month_of_figures_once_and_a_most_read_list(client, home, quick_pictures):
    run_demo("--articles", "4")
    days = set(PageViews.objects.values_list("day", flat=True))
    rows = PageViews.objects.count()
    assert len(days) >= 7
    assert ReferrerViews.objects.exclude(host="").exists()
    run_demo("--articles", "4")
    assert PageViews.objects.count() == rows
    html = BeautifulSoup(client.get("/").content, "lxml")
    assert html.select("aside.most-read ol li")
