import email
from email import policy

import pytest
from django.core import mail

from .factories import IssueFactory, NewsletterFactory


@pytest.fixture
def newsletter(home):
    return NewsletterFactory(name="Morning briefing", slug="morning")


@pytest.fixture
def issue(newsletter, story):
    return IssueFactory(newsletter=newsletter, subject="Talks end in a deal", articles=[story(title="Deal reached")])


def parsed(message) -> email.message.EmailMessage:
    """A sent message as a mail client sees it: the bytes on the wire, parsed back."""
    return email.message_from_bytes(message.message().as_bytes(), policy=policy.default)


def outbox_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


@pytest.fixture
def send_now(django_capture_on_commit_callbacks):
    """Start sending an issue and run the background send the commit queues, as the worker would."""
    from dateline.newsletters.sending import start_sending

    def send(issue, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return start_sending(issue, **kwargs)

    return send
