"""Readers' doors: the sign-up page, the confirmation link, the unsubscribe link (RFC 8058).

The sign-up page and the confirmation page are served uncached with Django's own CSRF token: they
are small pages, not the shared article, so the comments' token-free design (decision 0001) buys
nothing here. The confirmation link only asks on GET and confirms on POST, because mail scanners
fetch every link in an e-mail. The unsubscribe URL is CSRF-exempt on purpose: RFC 8058 has mail
providers POST `List-Unsubscribe=One-Click` to it with no cookie or token; the signed token in the
URL is the proof.
"""

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.crypto import salted_hmac
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import services
from .forms import SubscribeForm
from .tasks import send_confirmation


def _network_hash(request: HttpRequest) -> str:
    """A keyed hash of the reader's address (IPv6: its network), counted by the rate limit, never stored.
    Read through the same function staff sign-in throttling uses (AXES_CLIENT_IP_CALLABLE)."""
    network = import_string(settings.AXES_CLIENT_IP_CALLABLE)(request)
    return salted_hmac("dateline.newsletters.network", network, algorithm="sha256").hexdigest() if network else ""


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest):
    form = SubscribeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                sign_up = services.subscribe(
                    email=form.cleaned_data["email"],
                    newsletters=list(form.cleaned_data["newsletters"]),
                    network_hash=_network_hash(request),
                )
            except services.SubscriptionRefused as refused:
                form.add_error(None, refused.message)
                status = refused.status
            else:
                if sign_up.pending:
                    send_confirmation.enqueue([s.pk for s in sign_up.pending], get_language())
                # The same answer whether or not the address was on the lists already: the page
                # tells nobody who subscribes to what.
                return render(request, "newsletters/check_inbox.html", {"hours": _link_hours()})
        else:
            status = 400
    return render(request, "newsletters/subscribe.html", {"form": form}, status=status)


def _link_hours() -> int:
    return settings.DATELINE_NEWSLETTER_CONFIRM_SECONDS // 3600


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str):
    """GET asks (mail scanners fetch every link, so a GET must confirm nobody); POST confirms."""
    if request.method == "POST":
        subscriptions = services.confirm(token)
    else:
        subscriptions = services.subscriptions_to_confirm(token)
    if subscriptions is None:
        return render(request, "newsletters/confirmed.html", {"confirmed": False, "hours": _link_hours()}, status=400)
    if request.method == "POST" or not any(s.awaits_confirmation for s in subscriptions):
        # Nothing left to confirm: a second click shows the same page as the first.
        return render(request, "newsletters/confirmed.html", {"confirmed": True, "subscriptions": subscriptions})
    return render(request, "newsletters/confirm.html", {"subscriptions": subscriptions})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str):
    """GET asks (a link scanner must not unsubscribe anyone); POST unsubscribes at once."""
    subscription = services.subscription_for_unsubscribe(token)
    if request.method == "POST":
        newsletter = subscription.newsletter if subscription else None
        if subscription is not None:
            services.unsubscribe(subscription)
        # Unsubscribing twice, or from a list already left, ends the same way.
        return render(request, "newsletters/unsubscribed.html", {"newsletter": newsletter})
    if subscription is None:
        return render(request, "newsletters/unsubscribed.html", {"newsletter": None})
    return render(request, "newsletters/unsubscribe.html", {"newsletter": subscription.newsletter})
