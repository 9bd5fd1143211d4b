"""The doors readers use: a fresh challenge for the widget, the comment post itself, and the link
that confirms a commenter's e-mail address.

The article page is shared by every reader and cached, so it carries no CSRF token or challenge;
see docs/decisions/0001-comments-on-cached-pages.md for why the post is safe without them.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import is_same_domain
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from dateline.news.models import ArticlePage

from . import captcha, services, trust
from .forms import CommentForm
from .models import CommentSettings, ConfirmedEmail
from .pending import add_pending_comment
from .privacy import ClientInfo


@require_GET
@never_cache
def challenge(request):
    """One proof-of-work challenge for the reader's widget; never cached, since each is single-use."""
    response = JsonResponse(captcha.create_challenge())
    patch_cache_control(response, private=True, no_store=True)
    return response


def origin_is_ours(request) -> bool:
    """Whether the post came from a page of this site, checked as Django's CSRF middleware checks
    the Origin header (falling back to Referer), against our host and CSRF_TRUSTED_ORIGINS."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER", "")
        parts = urlsplit(referer)
        if not parts.scheme or not parts.netloc:
            return False
        origin = f"{parts.scheme}://{parts.netloc}"
    if origin == "null":
        return False
    if origin == f"{request.scheme}://{request.get_host()}":
        return True
    if origin in settings.CSRF_TRUSTED_ORIGINS:
        return True
    scheme, _sep, host = origin.partition("://")
    return any(
        "*" in trusted
        and trusted.startswith(f"{scheme}://")
        and is_same_domain(host, trusted.partition("://")[2].lstrip("*"))
        for trusted in settings.CSRF_TRUSTED_ORIGINS
    )


def render_article_with_form(request, article: ArticlePage, form: CommentForm, *, status: int):
    """The article again, with the reader's form bound: their text kept, each error beside its field.

    Private to this reader, so shared caches must not keep it.
    """
    request.comment_form = form
    with translation.override(article.locale.language_code):
        response = article.serve(request)
        response.render()
    response.status_code = status
    patch_cache_control(response, private=True, no_store=True)
    return response


@csrf_exempt  # the shared, cached page cannot carry a token; origin and captcha checks stand in (ADR 0001)
@require_POST
def post_comment(request, article_id: int):
    """Take a reader's comment for one article; on success go back to the article (POST-redirect-GET)."""
    if not origin_is_ours(request):
        return HttpResponseForbidden(_("Comments can only be posted from this site's own pages."))
    article = get_object_or_404(ArticlePage.objects.live().public().select_related("locale"), pk=article_id)
    rules = CommentSettings.for_request(request)
    form = CommentForm(request.POST, min_seconds=rules.min_seconds_to_post)
    status = 400
    if form.is_valid():
        try:
            captcha.use_challenge(form.solved_challenge)
            comment = services.post_comment(
                article=article,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                body=form.cleaned_data["body"],
                parent_id=form.cleaned_data.get("parent"),
                client=ClientInfo.from_request(request),
                rules=rules,
                honeypot_filled=form.honeypot_filled,
            )
        except captcha.CaptchaError as error:
            form.add_error("altcha", error.message)
        except services.CommentRejected as error:
            form.add_error(error.field, error.message)
            status = error.status
        else:
            response = redirect(article.get_url(request) + "#comments", permanent=False)
            response.status_code = 303
            if not comment.is_approved:
                add_pending_comment(request, response, comment)
            patch_cache_control(response, private=True, no_store=True)
            return response
    return render_article_with_form(request, article, form, status=status)


@require_GET
@never_cache
def confirm_email(request, token: str):
    """The link we e-mailed a reader whose comment was approved: gives this browser the trust token.

    A mail scanner that follows the link gets a token of its own and changes nothing for anyone.
    """
    link = trust.read_confirmation_token(token)
    with translation.override(link.language if link else translation.get_language()):
        if link is None:
            response = render(request, "comments/confirm_email.html", {"confirmed": False}, status=400)
        else:
            ConfirmedEmail.objects.update_or_create(
                email_hash=link.email_hash, defaults={"confirmed_at": timezone.now()}
            )
            response = render(request, "comments/confirm_email.html", {"confirmed": True})
            trust.remember_confirmed_email(request, response, link.email_hash)
    patch_cache_control(response, private=True, no_store=True)
    return response
