"""The site's languages from one list of codes (the ``DATELINE_LANGUAGES`` setting).

A code is all an operator gives: its name, its own name, its text direction and its date and number
formats come from Django's table of languages (``django.conf.locale``); its URL prefix is the code
(the default language has none); its PostgreSQL text search configuration comes from
``SEARCH_CONFIGS`` below, ``simple`` for a language PostgreSQL has no stemmer for. Kept free of
Django settings so the settings module can use it.
"""

from django.conf.locale import LANG_INFO

# Language code -> PostgreSQL text search configuration (stemming and stop words), for the languages
# PostgreSQL ships a configuration for (`\dF` in psql). Anything else is indexed with "simple":
# whole words, lower-cased, no stemming.
SEARCH_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "pt": "portuguese",
    "pt-br": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
}
FALLBACK_SEARCH_CONFIG = "simple"


def language_names(codes: list[str]) -> list[tuple[str, str]]:
    """LANGUAGES for the codes, in their order: (code, English name), the name translated by Django's
    own catalogues when shown. Raises ValueError naming a code Django does not know."""
    unknown = [code for code in codes if code not in LANG_INFO or "name" not in LANG_INFO[code]]
    if unknown:
        raise ValueError(
            f"DATELINE_LANGUAGES names {', '.join(unknown)}, which Django does not know: "
            "use codes such as en, es, fr, ar, pt-br."
        )
    if not codes:
        raise ValueError("DATELINE_LANGUAGES is empty: list at least one language code, such as en.")
    return [(code, LANG_INFO[code]["name"]) for code in codes]


def search_config_for(language_code: str) -> str:
    """The PostgreSQL text search configuration for a language: its own, or "simple"."""
    code = language_code.lower()
    return SEARCH_CONFIGS.get(code) or SEARCH_CONFIGS.get(code.split("-")[0], FALLBACK_SEARCH_CONFIG)


def ensure_locales(sender=None, using="default", **kwargs) -> None:
    """A Wagtail locale for every configured language, so editors can translate into it at once.

    Connected to post_migrate: a language added to DATELINE_LANGUAGES is ready after the next
    migrate. Locales of languages no longer listed are left alone (their pages stay in the tree).
    """
    from django.conf import settings
    from wagtail.models import Locale

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.using(using).get_or_create(language_code=code)


def configured_languages() -> list[tuple[str, str]]:
    """LANGUAGES as model field choices: a callable, so a change of DATELINE_LANGUAGES changes no migration."""
    from django.conf import settings

    return list(settings.LANGUAGES)


def default_language() -> str:
    """LANGUAGE_CODE as a model field default, for the same reason."""
    from django.conf import settings

    return settings.LANGUAGE_CODE
