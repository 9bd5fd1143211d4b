import io
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from PIL import Image
from wagtail.models import Site

QUICK_ARTICLES = 4


def _small_jpeg(key: str, *, variant: str = "") -> bytes:
    # A flat colour per key: a real, distinct JPEG without the cost of drawing the scene.
    seed = zlib.crc32((key + variant).encode())
    out = io.BytesIO()
    Image.new("RGB", (160, 90), (seed % 256, seed // 256 % 256, seed // 65536 % 256)).save(out, "JPEG")
    return out.getvalue()


def _stub_pictures(monkeypatch) -> None:
    from dateline.demo import pictures

    monkeypatch.setattr(pictures, "draw_scene", _small_jpeg)
    monkeypatch.setattr(pictures, "draw_portrait", _small_jpeg)


@pytest.fixture
def quick_pictures(monkeypatch):
    """Stand-in pictures for tests about the build; test_pictures.py draws the real ones."""
    _stub_pictures(monkeypatch)


def run_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def quick_demo(home, quick_pictures) -> str:
    """The demo with only its newest English stories (and their Spanish versions); returns its output."""
    return run_demo("--articles", str(QUICK_ARTICLES))


@dataclass
class BuiltDemo:
    output: str
    media: Path


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """One quick demo shared by a module's read-only tests, rolled back when the module is done.

    Each test still runs in its own savepoint inside this transaction, as pytest-django's tests do.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        pytest.MonkeyPatch.context() as monkeypatch,
        transaction.atomic(),
    ):
        _stub_pictures(monkeypatch)
        Site.objects.filter(is_default_site=True).update(hostname="testserver", port=80)
        yield BuiltDemo(output=run_demo("--articles", str(QUICK_ARTICLES)), media=media)
        transaction.set_rollback(True)
