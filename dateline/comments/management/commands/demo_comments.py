from django.core.management.base import BaseCommand

from dateline.news.models import ArticlePage

from ...models import Comment, CommentStatus
from ...privacy import hash_address, hash_email
from ...services import approve_comments
from ...text import body_fingerprint

THREADS = [
    (
        "Marta Ruiz",
        "This is the clearest account of the talks I have read. Thank you for the timeline.",
        [
            ("Tom Okafor", "Agreed. The section on the night session explains a lot."),
        ],
    ),
    (
        "Lena Fischer",
        "Does anyone know when the full text will be published?\n\nThe article says later, but not when.",
        [
            ("Marta Ruiz", "The ministry says within the week: https://example.org/agreement"),
        ],
    ),
    ("Sam Patel", "I would like to read more about what this means for smaller member states.", []),
]


class Command(BaseCommand):
    help = "Add a few approved comments and replies to the newest demo articles. Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=3)

    def handle(self, articles=3, **options):
        added = 0
        for article in ArticlePage.objects.live().order_by("-first_published_at")[:articles]:
            if Comment.objects.filter(article=article).exists():
                continue
            for name, body, replies in THREADS:
                top = self._comment(article, name, body)
                for reply_name, reply_body in replies:
                    self._comment(article, reply_name, reply_body, parent=top)
                added += 1 + len(replies)
            approve_comments(Comment.objects.filter(article=article))
        self.stdout.write(f"Added {added} demo comments.")

    def _comment(self, article, name, body, parent=None):
        email = f"{name.split()[0].lower()}@readers.example"
        return Comment.objects.create(
            article=article,
            parent=parent,
            name=name,
            email=email,
            email_hash=hash_email(email),
            address_hash=hash_address("192.0.2.1"),
            body=body,
            body_hash=body_fingerprint(body),
            status=CommentStatus.PENDING,
            email_confirmed=True,  # made-up readers: approving them must not mail a confirmation link
        )
