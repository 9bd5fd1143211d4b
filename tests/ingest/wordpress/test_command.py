"""The door: `dateline import_wordpress EXPORT.xml --uploads DIR`."""

import io

import pytest
from django.core.management import CommandError, call_command

from dateline.news.models import ArticlePage

from .conftest import EXPORT, UPLOADS

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_wordpress", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_command_imports_and_prints_counts_and_progress(home):
    out, err = run(str(EXPORT), "--uploads", str(UPLOADS))
    rows = {
        line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1].isalpha() and len(line.split()) == 5
    }
    assert rows["post"] == ["9", "0", "0", "0"]
    assert rows["comment"] == ["50", "0", "0", "0"]
    assert "9/9 posts (100%)" in err
    assert ArticlePage.objects.count() == 9


def test_dry_run_says_so_and_writes_nothing(home):
    out, _err = run(str(EXPORT), "--uploads", str(UPLOADS), "--dry-run")
    assert out.splitlines()[-1] == "Dry run: nothing was written."
    assert not ArticlePage.objects.exists()


def test_entity_expansion_is_refused_with_a_clear_message(home, tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>')
    with pytest.raises(CommandError, match="declares XML entities"):
        run(str(bomb))


def test_unreadable_mapping_is_refused(home):
    with pytest.raises(CommandError, match="write it as wordpress=dateline"):
        run(str(EXPORT), "--section-map", "local")
