"""Listing pages with stable ?page=N URLs: a page number that is not there is a 404, not page 1."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.http import Http404


def page_or_404(paginator: Paginator, number) -> Page:
    """The requested page (the first when none is asked for); a number past the end or nonsense is a 404."""
    try:
        return paginator.page(number or 1)
    except InvalidPage:
        raise Http404 from None
