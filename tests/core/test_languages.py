"""Languages from one list of codes: names, direction, URL prefixes and search configurations follow."""

import json
import sys

import pytest

from dateline.core.languages import language_names, search_config_for

from .test_settings import run


def languages_of(tmp_path, **variables) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "from django.utils.translation import get_language_info; "
        "print(json.dumps({'default': settings.LANGUAGE_CODE, 'search': settings.DATELINE_SEARCH_CONFIGS, "
        "'languages': [[code, get_language_info(code)['bidi'], get_language_info(code)['name_local']] "
        "for code, _ in settings.WAGTAIL_CONTENT_LANGUAGES]}))"
    )
    result = run([sys.executable, "-c", code], tmp_path, DJANGO_SETTINGS_MODULE="dateline.settings.dev", **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_default_languages_are_english_spanish_french_and_arabic(tmp_path):
    values = languages_of(tmp_path)
    assert [code for code, _bidi, _name in values["languages"]] == ["en", "es", "fr", "ar"]
    assert values["default"] == "en"


def test_a_language_added_by_code_gets_its_direction_name_and_search_configuration(tmp_path):
    values = languages_of(tmp_path, DATELINE_LANGUAGES="pt,ar,sw")
    assert values["languages"] == [["pt", False, "Português"], ["ar", True, "العربيّة"], ["sw", False, "Kiswahili"]]
    assert values["default"] == "pt"
    assert values["search"] == {"pt": "portuguese", "ar": "arabic", "sw": "simple"}


def test_an_unknown_language_code_stops_start_up_naming_it(tmp_path):
    code = "import django; django.setup()"
    result = run(
        [sys.executable, "-c", code],
        tmp_path,
        DJANGO_SETTINGS_MODULE="dateline.settings.dev",
        DATELINE_LANGUAGES="en,xx",
    )
    assert result.returncode != 0
    assert "DATELINE_LANGUAGES names xx" in result.stderr


def test_a_default_language_outside_the_list_stops_start_up(tmp_path):
    code = "import django; django.setup()"
    result = run(
        [sys.executable, "-c", code],
        tmp_path,
        DJANGO_SETTINGS_MODULE="dateline.settings.dev",
        DATELINE_LANGUAGES="es,fr",
        LANGUAGE_CODE="en",
    )
    assert "LANGUAGE_CODE en is not in DATELINE_LANGUAGES" in result.stderr


@pytest.mark.parametrize(
    ("code", "config"),
    [
        ("en", "english"),
        ("es", "spanish"),
        ("fr", "french"),
        ("pt-br", "portuguese"),
        ("ar", "arabic"),
        ("sw", "simple"),
    ],
)
def test_search_configuration_follows_the_language(code, config):
    assert search_config_for(code) == config


def test_language_names_come_from_djangos_table():
    assert language_names(["fr", "ar"]) == [("fr", "French"), ("ar", "Arabic")]


@pytest.mark.django_db
def test_every_configured_language_has_a_wagtail_locale_after_migrate():
    from wagtail.models import Locale

    assert {"en", "es", "fr", "ar"} <= set(Locale.objects.values_list("language_code", flat=True))


def test_adding_a_language_needs_no_migration(tmp_path):
    result = run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        tmp_path,
        DJANGO_SETTINGS_MODULE="dateline.settings.dev",
        DATELINE_LANGUAGES="en,pt,sw",
    )
    assert result.returncode == 0, result.stdout + result.stderr
