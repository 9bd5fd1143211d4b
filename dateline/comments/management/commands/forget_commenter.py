import json

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail import hooks
from wagtail.models import ModelLogEntry

from ...models import Ban, BanKind, Comment, ConfirmedEmail
from ...privacy import hash_email, normalise_email
from ...services import delete_comments


class Command(BaseCommand):
    help = (
        "Print as JSON everything stored about one e-mail address (comments, bans, its confirmation, "
        "moderation log entries, and what other rooms keep, such as newsletter subscriptions), then delete "
        "it. With --export-only nothing is deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--export-only", action="store_true", help="Print the export; delete nothing.")
        parser.add_argument(
            "--keep-bans", action="store_true", help="Keep bans on this e-mail (they store only a keyed hash)."
        )

    def handle(self, email, export_only=False, keep_bans=False, **options):
        address = normalise_email(email)
        email_hash = hash_email(address)
        comments = Comment.objects.filter(email_hash=email_hash) | Comment.objects.filter(email__iexact=address)
        comments = comments.select_related("article").order_by("created_at")
        bans = Ban.objects.filter(kind=BanKind.EMAIL, value_hash=email_hash)
        confirmation = ConfirmedEmail.objects.filter(email_hash=email_hash).first()
        comment_ids = [str(pk) for pk in comments.values_list("pk", flat=True)]
        logs = ModelLogEntry.objects.filter(content_type__app_label="comments", object_id__in=comment_ids)
        export = {
            "email": address,
            "comments": [
                {
                    "id": comment.pk,
                    "article": comment.article.title,
                    "article_url": comment.article.full_url,
                    "in_reply_to": comment.parent_id,
                    "name": comment.name,
                    "email": comment.email,
                    "body": comment.body,
                    "status": comment.status,
                    "posted_at": comment.created_at.isoformat(),
                    "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
                    "network_address_hash": comment.address_hash,
                }
                for comment in comments
            ],
            "bans": [
                {
                    "reason": ban.reason,
                    "banned_at": ban.created_at.isoformat(),
                    "expires_at": ban.expires_at and ban.expires_at.isoformat(),
                }
                for ban in bans
            ],
            "email_confirmation": confirmation
            and {
                "link_sent_at": confirmation.link_sent_at and confirmation.link_sent_at.isoformat(),
                "confirmed_at": confirmation.confirmed_at and confirmation.confirmed_at.isoformat(),
            },
            "moderation_log": [
                {
                    "comment": int(entry.object_id),
                    "action": entry.action,
                    "at": entry.timestamp.isoformat(),
                    "data": entry.data,
                }
                for entry in logs.order_by("timestamp")
            ],
        }
        # Other rooms that keep data about an address (newsletters) register (name, export, delete).
        others = [hook() for hook in hooks.get_hooks("dateline_personal_data")]
        for name, export_data, _delete in others:
            export[name] = export_data(address)
        self.stdout.write(json.dumps(export, indent=2, ensure_ascii=False))
        if export_only:
            return
        with transaction.atomic():
            logs.delete()
            deleted = delete_comments(Comment.objects.filter(pk__in=comment_ids))
            ConfirmedEmail.objects.filter(email_hash=email_hash).delete()
            if not keep_bans:
                bans.delete()
            for _name, _export, delete_data in others:
                delete_data(address)
        self.stderr.write(f"Deleted {deleted} comments and everything stored with them.")
