"""Identifiers that never change for the life of a story, whatever happens to its URL."""

import uuid


def article_guid(article) -> str:
    """A URN from the page's translation key and language.

    Slugs, sections and domains change; the translation key is made once and never changes, and the
    language tells translations of one story apart. Readers' feed software uses it to recognise an
    item it has already shown.
    """
    return f"urn:uuid:{uuid.uuid5(article.translation_key, article.locale.language_code)}"
