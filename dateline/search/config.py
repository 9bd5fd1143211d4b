"""Which search engine Dateline uses, from one URL (the ``DATELINE_SEARCH_URL`` setting).

No URL: Wagtail's database backend (SQLite FTS5, PostgreSQL full text). A URL such as
``opensearch3+https://user:secret@search.internal:9200/dateline`` names the engine (the part of the
scheme before ``+``), the server, and the index name (the path). Kept free of Django imports so the
settings module can use it.
"""

from urllib.parse import urlsplit, urlunsplit

# Wagtail's database backend, indexing each language with its own PostgreSQL configuration.
DATABASE_BACKEND = "dateline.search.backends"
ENGINES = {
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}
ALIASES = {"elasticsearch": "elasticsearch8", "opensearch": "opensearch3"}
DEFAULT_INDEX = "dateline"


def search_backends(url: str) -> dict:
    """WAGTAILSEARCH_BACKENDS for an engine URL, or the database backend when the URL is empty."""
    if not url:
        return {"default": {"BACKEND": DATABASE_BACKEND}}
    parts = urlsplit(url)
    engine, _plus, transport = parts.scheme.partition("+")
    engine = ALIASES.get(engine, engine)
    if engine not in ENGINES:
        known = ", ".join(sorted(ENGINES) + sorted(ALIASES))
        raise ValueError(f"DATELINE_SEARCH_URL must start with one of {known}, for example opensearch3+https://…")
    index = parts.path.strip("/") or DEFAULT_INDEX
    server = urlunsplit((transport or "http", parts.netloc, "", "", ""))
    return {
        "default": {
            "BACKEND": ENGINES[engine],
            "URLS": [server],
            "INDEX": index,
            "TIMEOUT": 5,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
