"""Bounces from a mailbox of delivery status notifications (RFC 3464)."""

import mailbox
from email.message import Message

from django.core.management.base import BaseCommand, CommandError

from ...services import record_bounce


def failed_recipients(message: Message) -> tuple[list[str], str]:
    """The permanently failed recipients a DSN reports, and the Message-ID of the returned message."""
    recipients, message_id = [], ""
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            # Python parses the body as a list of header blocks: the message's, then one per recipient.
            for block in part.get_payload()[1:]:
                action = (block.get("Action") or "").strip().lower()
                final = block.get("Final-Recipient") or ""
                if action == "failed" and ";" in final:
                    recipients.append(final.split(";", 1)[1].strip())
        elif content_type in ("message/rfc822", "text/rfc822-headers") and not message_id:
            payload = part.get_payload()
            returned = payload[0] if isinstance(payload, list) and payload else None
            if returned is not None:
                message_id = returned.get("Message-ID", "")
            elif isinstance(payload, str):
                for line in payload.splitlines():
                    if line.lower().startswith("message-id:"):
                        message_id = line.split(":", 1)[1].strip()
                        break
    return recipients, message_id


class Command(BaseCommand):
    help = (
        "Read an mbox of bounce reports (DSNs) and mark each permanently failed address bounced on every "
        "list (no more issues go to it) and its delivery bounced in the issue's record. Addresses are not printed."
    )

    def add_arguments(self, parser):
        parser.add_argument("mbox", help="Path of an mbox file the bounce address delivers to.")

    def handle(self, mbox, **options):
        try:
            box = mailbox.mbox(mbox, create=False)
        except (FileNotFoundError, mailbox.NoSuchMailboxError) as error:
            raise CommandError(f"No mailbox at {mbox}.") from error
        reports = marked = 0
        for message in box:
            recipients, message_id = failed_recipients(message)
            if not recipients:
                continue
            reports += 1
            for address in recipients:
                marked += record_bounce(email=address, message_id=message_id)
        self.stdout.write(f"{reports} bounce reports read, {marked} subscriptions marked bounced.")
