import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

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
