"""Background work: an issue's send, and the double opt-in e-mail (django-tasks, as core's tasks)."""

from django.conf import settings
from django.db.models import Q
from django_tasks import task

from .mail import confirmation_message
from .models import Subscription
from .sending import send_issue


@task()
def send_issue_task(issue_id: int) -> int:
    """Send what is left of an issue; returns how many messages are sent in all."""
    result = send_issue(issue_id)
    return result.counts.get("sent", 0) if result else 0


@task()
def send_confirmation(subscription_ids: list[int], language: str) -> int:
    """E-mail the link that confirms these pending subscriptions (one address); returns 1 when sent."""
    subscriptions = list(
        Subscription.objects.filter(pk__in=subscription_ids)
        .filter(Q(confirmed_at__isnull=True) | Q(bounced_at__isnull=False))
        .select_related("newsletter")
    )
    if not subscriptions:
        return 0
    known = {code for code, _name in settings.LANGUAGES}
    message = confirmation_message(
        email=subscriptions[0].email,
        subscriptions=subscriptions,
        language=language if language in known else settings.LANGUAGE_CODE,
    )
    return message.send()
