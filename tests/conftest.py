"""The page tree every test can stand on: root → front page → section, on the default site."""

import datetime as dt
import importlib
from pathlib import Path

import pytest
from django.utils import timezone
from wagtail.models import Collection, Locale, Page, Site

from dateline.home.models import HomePage
from dateline.news.models import ArticleKind

from .news.factories import ArticlePageFactory, SectionPageFactory

# The data migration that makes the built-in kinds of work, run again after a transactional test's flush.
KINDS_MIGRATION = importlib.import_module("dateline.news.migrations.0006_move_article_types_to_kinds")

# The password of the editor and reporter fixtures.
STAFF_PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_caches():
    from django.core.cache import caches

    from dateline.core.memo import memo

    for cache in caches.all(initialized_only=False):
        cache.clear()
    memo.clear()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in the default language; one that activates Spanish cannot leak it."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def home(db) -> HomePage:
    """The English front page as the default site's root.

    The migrations make it, the root collection photos and documents go in, and the built-in kinds of
    work; transactional tests flush the database between tests, so all are rebuilt here when missing.
    """
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if not ArticleKind.objects.exists():
        for order, (slug, name, schema_type, labelled, distinct, sponsored) in enumerate(KINDS_MIGRATION.KINDS):
            ArticleKind.objects.create(
                slug=slug,
                name=name,
                schema_type=schema_type,
                is_labelled=labelled,
                is_distinct=distinct,
                is_sponsored=sponsored,
                sort_order=order,
            )
    locale, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node() or Page.add_root(title="Root", locale=locale)
        home = root.add_child(instance=HomePage(title="Home", slug="home", locale=locale))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    return home


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="World", slug="world")


@pytest.fixture
def story(section):
    """Make a live story (in the World section unless told), published the given number of hours ago."""

    def make(hours_ago: float = 1, parent=None, **fields):
        published = timezone.now() - dt.timedelta(hours=hours_ago)
        fields.setdefault("last_published_at", published)
        return ArticlePageFactory(parent=parent or section, first_published_at=published, **fields)

    return make


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


@pytest.fixture
def home_es(home):
    """The Spanish front page: a translation of the English one, served under /es/."""
    locale, _ = Locale.objects.get_or_create(language_code="es")
    existing = home.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    home_es = home.copy_for_translation(locale)
    home_es.title = "Portada"
    home_es.save_revision().publish()
    return home_es.specific


@pytest.fixture
def section_es(home_es):
    return SectionPageFactory(parent=home_es, title="Mundo", slug="mundo", locale=home_es.locale)


def _newsroom_member(group_name: str, username: str):
    from django.contrib.auth import get_user_model

    from dateline.accounts.roles import ensure_newsroom_groups

    # Transactional tests flush the root collection and the groups' rights with the page tree; restore them.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    reporters, editors = ensure_newsroom_groups()
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@newsroom.test", password=STAFF_PASSWORD
    )
    user.groups.add(editors if group_name == "Editors" else reporters)
    return user


@pytest.fixture
def editor(home):
    """A member of the Editors group (not a superuser); password "correct-horse-battery"."""
    return _newsroom_member("Editors", "editor")


@pytest.fixture
def reporter(home):
    """A member of the Reporters group; password "correct-horse-battery"."""
    return _newsroom_member("Reporters", "reporter")


def pytest_sessionfinish(session, exitstatus):
    """Remove the SQLite test database's WAL files, which Django's teardown leaves behind."""
    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        for suffix in ("-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
