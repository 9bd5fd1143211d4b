"""Requests no view should see: control characters in the URL, an over-long URL, an oversize body.

One check before routing, Wagtail's page tree and every view, so that no hostile value reaches a
query: PostgreSQL refuses a NUL in a text parameter (an error, a 500) where SQLite quietly finds
nothing. The limits match deploy/varnish/dateline.vcl, which answers the same way in front.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError

from .views import error_page

# C0 controls and DEL: no slug, id or search of ours contains them, and PostgreSQL refuses NUL.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f]")
# Page numbers (our listings read ?page=, Wagtail's admin ?p=): anything but a number names no page,
# and Wagtail's workflow editor turns one into a 500 (int("abc")). Django's list views also take "last".
PAGE_NUMBER_PARAMETERS = ("page", "p")
PAGE_NUMBER = re.compile(r"[0-9]{0,9}|last")
FORM_CONTENT_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def refusal(request: HttpRequest) -> HttpResponse | None:
    """The error response a request gets before any view sees it, or None when it may go on.

    Raises Http404 for a page number that is not one, so the reader gets the site's own 404 page.
    """
    if len(request.get_full_path()) > settings.DATELINE_MAX_URL_LENGTH:
        return refused(request, 414)
    try:
        if CONTROL_CHARACTERS.search(request.path) or _query_has_control_characters(request):
            return refused(request, 400)
    except TooManyFieldsSent:
        return refused(request, 400)
    if any(not PAGE_NUMBER.fullmatch(value) for name in PAGE_NUMBER_PARAMETERS for value in request.GET.getlist(name)):
        raise Http404("No such page number.")
    if request.method in BODY_METHODS:
        return _body_refusal(request)
    return None


def max_body_size(path: str) -> int:
    """Bytes a request body may have: uploads in the admin, forms (comments, passwords) elsewhere."""
    for prefix, size in settings.DATELINE_LARGE_UPLOAD_PATHS.items():
        if path.startswith(prefix):
            return size
    if path.startswith(tuple(settings.DATELINE_UPLOAD_PATH_PREFIXES)):
        return settings.DATELINE_MAX_UPLOAD_REQUEST_SIZE
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _query_has_control_characters(request: HttpRequest) -> bool:
    if not request.META.get("QUERY_STRING"):
        return False
    return any(
        CONTROL_CHARACTERS.search(key) or any(CONTROL_CHARACTERS.search(value) for value in values)
        for key, values in request.GET.lists()
    )


def _body_refusal(request: HttpRequest) -> HttpResponse | None:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return refused(request, 400)
    if length > max_body_size(request.path):
        return refused(request, 413)
    if not request.content_type.startswith(FORM_CONTENT_TYPES):
        return None
    try:
        # Parsed here rather than in CSRF or the view, where Django turns an oversize form into a 400.
        request.POST  # noqa: B018
    except RequestDataTooBig:
        return refused(request, 413)
    except (TooManyFieldsSent, TooManyFilesSent, MultiPartParserError):
        return refused(request, 400)
    return None


def refused(request: HttpRequest, status: int) -> HttpResponse:
    """Our own error page for a refused request; it reads nothing from the database."""
    return error_page(status, max_megabytes=max_body_size(request.path) // (1024 * 1024))


class RequestGuardMiddleware:
    """Answer 400, 413 or 414 before routing (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return refusal(request) or self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, InvalidPage):
            # A page number past the end, in a view that does not catch it (Wagtail's workflow editor).
            raise Http404("No such page number.") from exception
        return None
