"""The beacon's door: POST /_views from static/readership/beacon.js, answered 204 whatever happens."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .counting import count_view, is_bot, is_countable_page, referrer_host

# A page id is a number; a host name is at most 253 characters.
MAX_PAGE_ID_LENGTH = 12
MAX_REFERRER_LENGTH = 253


def no_content() -> HttpResponse:
    response = HttpResponse(status=204)
    response.headers["Cache-Control"] = "private, no-store"
    return response


# Not a form a reader fills in: it changes nothing a reader owns, sets no cookie and reads none, so
# there is nothing for a forged request to take over.
@csrf_exempt
@require_POST
def record_view(request: HttpRequest) -> HttpResponse:
    """Count one view of a live, public page, unless the reader asked not to be counted or is a bot.

    Answers 204 in every case but malformed input (400), so the beacon tells nothing about the counts.
    """
    if request.headers.get("Sec-GPC") == "1" or is_bot(request.headers.get("User-Agent", "")):
        return no_content()
    page = request.POST.get("page", "")
    referrer = request.POST.get("ref", "")
    if (
        not page.isascii()
        or not page.isdigit()
        or len(page) > MAX_PAGE_ID_LENGTH
        or len(referrer) > MAX_REFERRER_LENGTH
    ):
        return HttpResponse("A page view names one page by its number.", status=400, content_type="text/plain")
    page_id = int(page)
    if page_id and is_countable_page(page_id):
        count_view(page_id=page_id, referrer=referrer_host(referrer, own_host=request.get_host()))
    return no_content()
