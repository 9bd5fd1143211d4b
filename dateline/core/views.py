"""Pages the site frame needs when things go wrong."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

RETRY_AFTER_SECONDS = 30


def error_page(status: int, **context) -> HttpResponse:
    """`<status>.html` (templates/error_page.html) in the active language, rendered without touching
    the database, and kept out of every cache."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    context = {
        "LANGUAGE_CODE": language,
        "site_name": settings.DATELINE_SITE_NAME,
        "home_url": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
        **context,
    }
    response = HttpResponse(render_to_string(f"{status}.html", context), status=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def database_unavailable(request) -> HttpResponse:
    """503 with Retry-After while the database is down."""
    response = error_page(503, is_write=request.method not in ("GET", "HEAD", "OPTIONS"))
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
