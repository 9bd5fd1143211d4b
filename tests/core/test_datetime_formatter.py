"""core_tags.datetime_formatter: what date_format gives, compiled once per language and format."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import translation
from django.utils.formats import date_format

from dateline.core.templatetags.core_tags import datetime_formatter

MOMENTS = [
    dt.datetime(2026, 2, 20, 14, 5, 9, 627913, tzinfo=dt.UTC),
    dt.datetime(2025, 12, 31, 23, 59, tzinfo=zoneinfo.ZoneInfo("America/Lima")),
    # Brussels' clocks go back at 03:00: 02:30 happens twice, and Django names no time zone for it.
    dt.datetime(2025, 10, 26, 2, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")),
    dt.datetime(2026, 7, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels")),
]


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt", "ar"])
@pytest.mark.parametrize("format_name", ["DATETIME_FORMAT", "DATE_FORMAT", "MONTH_DAY_FORMAT", "SHORT_DATE_FORMAT"])
def test_formats_aware_datetimes_as_date_format_does(language, format_name):
    with translation.override(language):
        format_value = datetime_formatter(format_name)
        assert [format_value(moment) for moment in MOMENTS] == [date_format(m, format_name) for m in MOMENTS]


def test_formats_in_the_language_active_when_asked():
    with translation.override("es"):
        assert datetime_formatter()(MOMENTS[0]) == "20 de febrero de 2026, 14:05 UTC"
    with translation.override("en"):
        assert datetime_formatter()(MOMENTS[0]) == "February 20, 2026, 14:05 UTC"
    with translation.override("fr"):
        assert datetime_formatter()(MOMENTS[0]) == "20 février 2026, 14:05 UTC"
    with translation.override("pt"):
        assert (
            datetime_formatter()(MOMENTS[0]) == "20 de Fevereiro de 2026, 14:05 UTC"
        )  # month names as Django's Portuguese catalogue writes them
    with translation.override("ar"):
        assert datetime_formatter()(MOMENTS[0]) == "20 فبراير 2026، 14:05 UTC"


def test_naive_datetimes_go_through_django():
    naive = dt.datetime(2026, 2, 20, 14, 5)
    assert datetime_formatter()(naive) == date_format(naive, "DATETIME_FORMAT")
