import datetime
import functools
import json
from collections.abc import Callable

from django import template
from django.utils import dateformat
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT, MONTHS_AP, WEEKDAYS, WEEKDAYS_ABBR
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# The characters that could close a <script> element or open a comment inside it.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render structured data as a JSON-LD script element, safe against markup in the values."""
    if not data:
        return ""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


# Open Graph wants language_TERRITORY; our language codes name no territory, so each gets its main one.
_OG_LOCALES = {"en": "en_US", "es": "es_ES"}


@register.filter
def og_locale(language_code):
    """A Django language code as an Open Graph locale: "es" → "es_ES", "pt-br" → "pt_BR"."""
    code = str(language_code or "")
    if code in _OG_LOCALES:
        return _OG_LOCALES[code]
    language, _, territory = code.partition("-")
    if len(territory) == 2:
        territory = territory.upper()
    return f"{language}_{territory}" if territory else language


# Date format characters computed from the datetime's own fields, names in the active language.
# Django's date_format re-reads the format and re-translates month names on every call: a thread of
# 50 comments spent a third of its render there.
_NUMBERS = {
    "d": lambda value: f"{value.day:02d}",
    "j": lambda value: str(value.day),
    "m": lambda value: f"{value.month:02d}",
    "n": lambda value: str(value.month),
    "y": lambda value: f"{(value.year % 100):02d}",
    "Y": lambda value: f"{value.year:04d}",
    "G": lambda value: str(value.hour),
    "H": lambda value: f"{value.hour:02d}",
    "i": lambda value: f"{value.minute:02d}",
    "s": lambda value: f"{value.second:02d}",
    "T": lambda value: dateformat.TimeFormat(value).T(),  # empty for a time a DST change makes ambiguous
}


def _names(table: dict, *, title: bool = False) -> dict:
    return {key: str(name).title() if title else str(name) for key, name in table.items()}


def _name_lookups() -> dict:
    """Month and weekday names in the active language, as Django's DateFormat spells them."""
    months, months_ap, months_alt = _names(MONTHS), _names(MONTHS_AP), _names(MONTHS_ALT)
    months_3, months_3_title = _names(MONTHS_3), _names(MONTHS_3, title=True)
    weekdays, weekdays_abbr = _names(WEEKDAYS), _names(WEEKDAYS_ABBR)
    return {
        "F": lambda value: months[value.month],
        "N": lambda value: months_ap[value.month],
        "E": lambda value: months_alt[value.month],
        "b": lambda value: months_3[value.month],
        "M": lambda value: months_3_title[value.month],
        "l": lambda value: weekdays[value.weekday()],
        "D": lambda value: weekdays_abbr[value.weekday()],
    }


@functools.lru_cache(maxsize=32)
def _compiled_format(language: str, format_string: str) -> Callable[[datetime.datetime], str] | None:
    """The format as a list of pieces, or None when it uses a character only Django's DateFormat knows.

    Kept per process like a compiled template: formats and translations change only with a deploy."""
    lookups = {**_NUMBERS, **_name_lookups()}
    pieces = []
    for index, piece in enumerate(dateformat.re_formatchars.split(format_string)):
        if index % 2:
            if piece not in lookups:
                return None
            pieces.append(lookups[piece])
        elif piece:
            literal = dateformat.re_escaped.sub(r"\1", piece)
            pieces.append(lambda value, literal=literal: literal)
    return lambda value: "".join([piece(value) for piece in pieces])


def datetime_formatter(format_name: str = "DATETIME_FORMAT") -> Callable[[datetime.datetime], str]:
    """A function giving what `date_format(value, format_name)` gives for aware datetimes, in the
    active language, at a fraction of its cost: for formatting many dates in one render."""
    format_string = str(get_format(format_name))
    compiled = _compiled_format(get_language(), format_string)

    def format_value(value: datetime.datetime) -> str:
        if compiled is None or not isinstance(value, datetime.datetime) or value.tzinfo is None:
            return dateformat.format(value, format_string)
        return compiled(value)

    return format_value
