"""Readers' side: subscribe (double opt-in), confirm, unsubscribe; what is stored about an address,
for the privacy command; bounces. Addresses are never logged: log lines name lists and counts only."""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Delivery, DeliveryStatus, Newsletter, Subscription
from .tokens import confirmation_token, hash_email, normalise_email, read_confirmation_token, read_unsubscribe_token

logger = logging.getLogger(__name__)


class SubscriptionRefused(Exception):
    """A sign-up we will not take, with the message the reader sees."""

    def __init__(self, message, *, status: int = 400):
        super().__init__(str(message))
        self.message = message
        self.status = status


@dataclass(frozen=True)
class SignUp:
    """What a sign-up did: the subscriptions waiting for the link, and the token of that link."""

    pending: list[Subscription]
    token: str


def _over_limit(scope: str, key: str, spec: str) -> bool:
    """Count one sign-up for this key in a fixed window in the default cache; True when over the limit."""
    count_text, _sep, seconds_text = spec.partition("/")
    limit, seconds = int(count_text), int(seconds_text or 3600)
    if limit <= 0 or not key:
        return False
    cache_key = f"newsletters:rate:{scope}:{key}:{int(time.time() // seconds)}"
    try:
        if cache.add(cache_key, 1, timeout=seconds + 1):
            return False
        count = cache.incr(cache_key)
    except Exception:  # noqa: BLE001 - a cache outage lets sign-ups through; double opt-in still holds
        logger.warning("Newsletter rate limit %s: cache unavailable, sign-up allowed", scope)
        return False
    return count is not None and count > limit


def subscribe(*, email: str, newsletters: list[Newsletter], network_hash: str = "") -> SignUp:
    """Record pending subscriptions to the chosen lists and return the confirmation link's token.

    Lists the address already confirmed are left as they are (and not in the token); a bounced one
    waits for the link again. Raises
    SubscriptionRefused when the address or the reader's network signed up too often.
    """
    address = normalise_email(email)
    email_hash = hash_email(address)
    too_many = _("Too many sign-ups in a short time. Please try again in an hour.")
    if _over_limit("network", network_hash, settings.DATELINE_NEWSLETTER_RATE_PER_ADDRESS):
        raise SubscriptionRefused(too_many, status=429)
    if _over_limit("email", email_hash, settings.DATELINE_NEWSLETTER_RATE_PER_EMAIL):
        raise SubscriptionRefused(too_many, status=429)
    pending = []
    with transaction.atomic():
        for newsletter in newsletters:
            subscription, _created = Subscription.objects.get_or_create(
                newsletter=newsletter, email_hash=email_hash, defaults={"email": address}
            )
            if subscription.awaits_confirmation:
                pending.append(subscription)
    return SignUp(pending=pending, token=confirmation_token(email_hash, [s.pk for s in pending]))


def _named_by_confirmation(token: str) -> QuerySet[Subscription] | None:
    """The subscriptions a confirmation link vouches for, or None when it is forged or expired.
    The email_hash filter keeps a link to one address from naming another address's rows."""
    read = read_confirmation_token(token)
    if read is None:
        return None
    email_hash, ids = read
    return Subscription.objects.filter(pk__in=ids, email_hash=email_hash)


def subscriptions_to_confirm(token: str) -> list[Subscription] | None:
    """The subscriptions a confirmation link names, with their newsletters, changing nothing;
    None when the link is forged or expired. For the page that asks before confirming."""
    subscriptions = _named_by_confirmation(token)
    if subscriptions is None:
        return None
    return list(subscriptions.select_related("newsletter").order_by("pk"))


def confirm(token: str) -> list[Subscription] | None:
    """Confirm the subscriptions a link names; None when the link is forged or expired.

    Returns the subscriptions now confirmed (those confirmed before included, so a second click
    shows the same page)."""
    subscriptions = _named_by_confirmation(token)
    if subscriptions is None:
        return None
    subscriptions.filter(Q(confirmed_at__isnull=True) | Q(bounced_at__isnull=False)).update(
        confirmed_at=timezone.now(), bounced_at=None
    )
    return list(subscriptions.select_related("newsletter").order_by("pk"))


def subscription_for_unsubscribe(token: str) -> Subscription | None:
    subscription_id = read_unsubscribe_token(token)
    if subscription_id is None:
        return None
    return Subscription.objects.select_related("newsletter").filter(pk=subscription_id).first()


def unsubscribe(subscription: Subscription) -> None:
    """Forget the address for this list at once; its deliveries keep their status, not the address."""
    subscription.delete()


def delete_expired_sign_ups(*, now=None) -> int:
    """Delete subscriptions never confirmed whose link has expired: their address is not kept."""
    cutoff = (now or timezone.now()) - timezone.timedelta(seconds=settings.DATELINE_NEWSLETTER_CONFIRM_SECONDS)
    deleted, _per_model = Subscription.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).delete()
    return deleted


def personal_data(email: str) -> dict:
    """Everything stored about one address, for an export: its subscriptions and what was sent."""
    subscriptions = Subscription.objects.filter(email_hash=hash_email(email)).select_related("newsletter")
    return {
        "subscriptions": [
            {
                "newsletter": s.newsletter.name,
                "email": s.email,
                "subscribed_at": s.created_at.isoformat(),
                "confirmed_at": s.confirmed_at and s.confirmed_at.isoformat(),
                "bounced_at": s.bounced_at and s.bounced_at.isoformat(),
                "issues": [
                    {"subject": d.issue.subject, "status": d.status, "at": d.updated_at and d.updated_at.isoformat()}
                    for d in s.deliveries.select_related("issue").order_by("pk")
                ],
            }
            for s in subscriptions.order_by("pk")
        ]
    }


def forget_subscriber(email: str) -> int:
    """Delete every subscription of an address; deliveries stay as counts, detached from it."""
    deleted, _per_model = Subscription.objects.filter(email_hash=hash_email(email)).delete()
    return deleted


def record_bounce(*, email: str = "", message_id: str = "") -> int:
    """Mark an address bounced on every list (no more issues go to it), and the delivery the
    returned Message-ID names as bounced. Returns how many subscriptions were marked."""
    now = timezone.now()
    marked = 0
    if message_id:
        delivery_id = delivery_id_from_message_id(message_id)
        delivery = (
            Delivery.objects.filter(pk=delivery_id).select_related("subscription").first() if delivery_id else None
        )
        if delivery is not None:
            Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.BOUNCED, updated_at=now)
            if delivery.subscription is not None and not email:
                email = delivery.subscription.email
    if email:
        marked = Subscription.objects.filter(email_hash=hash_email(email), bounced_at__isnull=True).update(
            bounced_at=now
        )
    return marked


def message_id_for(delivery_id: int) -> str:
    domain = settings.DATELINE_NEWSLETTER_MESSAGE_ID_DOMAIN
    return f"<newsletter.{delivery_id}@{domain}>"


def delivery_id_from_message_id(message_id: str) -> int | None:
    text = message_id.strip().strip("<>")
    local, _at, _domain = text.partition("@")
    prefix, _dot, number = local.partition(".")
    return int(number) if prefix == "newsletter" and number.isdigit() else None
