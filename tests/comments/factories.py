import factory
from django.utils import timezone

from dateline.comments.models import Comment, CommentStatus
from dateline.comments.privacy import hash_address, hash_email
from dateline.comments.text import body_fingerprint


class CommentFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reader {n}")
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    email_hash = factory.LazyAttribute(lambda o: hash_email(o.email))
    address_hash = factory.Sequence(lambda n: hash_address(f"192.0.2.{n % 250}"))
    body = factory.Sequence(lambda n: f"A considered view, number {n}.")
    body_hash = factory.LazyAttribute(lambda o: body_fingerprint(o.body))
    status = CommentStatus.APPROVED
    created_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Comment
