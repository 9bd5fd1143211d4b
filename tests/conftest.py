"""The page tree every test can stand on: root → front page → section, on the default site."""

import pytest
from wagtail.models import Locale, Page, Site

from dateline.home.models import HomePage

from .news.factories import SectionPageFactory


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import caches

    for alias in ("default", "renditions"):
        caches[alias].clear()


@pytest.fixture
def home(db) -> HomePage:
    """The front page made by the migrations, served at http://testserver/."""
    home = HomePage.objects.get(locale=Locale.get_default())
    Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)
    return home


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()
