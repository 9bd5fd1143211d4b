"""The reader's own comments awaiting moderation, remembered in a signed cookie on their browser.

Requests carrying a valid one bypass the shared caches (the cache policy in dateline.core.headers
owns its name, salt and lifetime, and checks the signature), so the article can show that reader
their pending comments without any session.
"""

from django.http import HttpRequest, HttpResponse

from dateline.core.headers import PENDING_COOKIE_MAX_AGE as MAX_AGE
from dateline.core.headers import PENDING_COOKIE_NAME as PENDING_COOKIE
from dateline.core.headers import PENDING_COOKIE_SALT as _SALT

MAX_REMEMBERED = 20


def pending_comment_ids(request: HttpRequest) -> list[int]:
    value = request.get_signed_cookie(PENDING_COOKIE, default="", salt=_SALT, max_age=MAX_AGE)
    return [int(part) for part in value.split(",") if part.isdigit()][-MAX_REMEMBERED:]


def add_pending_comment(request: HttpRequest, response: HttpResponse, comment) -> None:
    ids = [pk for pk in pending_comment_ids(request) if pk != comment.pk] + [comment.pk]
    response.set_signed_cookie(
        PENDING_COOKIE,
        ",".join(str(pk) for pk in ids[-MAX_REMEMBERED:]),
        salt=_SALT,
        max_age=MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
