"""Wagtail's database search backend, indexing each language's content with that language's
PostgreSQL text search configuration (DATELINE_SEARCH_CONFIGS: stemming and stop words).

Wagtail's PostgreSQL backend takes one SEARCH_CONFIG for everything. Here an object with a locale
(pages, people) is indexed with its language's configuration, so "elecciones" and "elección" share
a stem in Spanish; the reader's query is parsed with the configuration of the page's language
(``search.queries``). On SQLite and MySQL this is Wagtail's own backend, unchanged: FTS5 matches
whole words without stemming in every language.
"""

from collections import defaultdict

from django.conf import settings
from django.db import connection
from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.backends.database.postgres.postgres import PostgresIndex, PostgresSearchBackend


def search_config_for(obj, default: str | None) -> str | None:
    """The text search configuration for an object's language, or the backend's own."""
    locale = getattr(obj, "locale", None) if getattr(obj, "locale_id", None) else None
    return settings.DATELINE_SEARCH_CONFIGS.get(locale.language_code, default) if locale else default


class _WithConfig:
    """The backend as Wagtail's indexer reads it, with another text search configuration."""

    def __init__(self, backend, config):
        self._backend, self.config = backend, config

    def __getattr__(self, name):
        return getattr(self._backend, name)


class MultilingualPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        by_config = defaultdict(list)
        for obj in objs:
            by_config[search_config_for(obj, self.backend.config)].append(obj)
        backend = self.backend
        try:
            for config, group in by_config.items():
                self.backend = _WithConfig(backend, config)
                super().add_items(model, group)
        finally:
            self.backend = backend


class MultilingualPostgresSearchBackend(PostgresSearchBackend):
    index_class = MultilingualPostgresIndex


def SearchBackend(params):  # the name Wagtail looks up in a backend module
    """Wagtail's database backend for the default database, multilingual on PostgreSQL."""
    if connection.vendor == "postgresql":
        return MultilingualPostgresSearchBackend(params)
    return DatabaseSearchBackend(params)
