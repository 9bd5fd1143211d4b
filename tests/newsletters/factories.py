import factory
from django.utils import timezone

from dateline.newsletters.models import Issue, IssueStory, Newsletter, Subscription
from dateline.newsletters.tokens import hash_email


class NewsletterFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Morning briefing {n}")
    slug = factory.Sequence(lambda n: f"briefing-{n}")
    description = "The stories you need before breakfast."
    language = "en"

    class Meta:
        model = Newsletter


class SubscriptionFactory(factory.django.DjangoModelFactory):
    newsletter = factory.SubFactory(NewsletterFactory)
    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    email_hash = factory.LazyAttribute(lambda o: hash_email(o.email))
    confirmed_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Subscription


class IssueFactory(factory.django.DjangoModelFactory):
    newsletter = factory.SubFactory(NewsletterFactory)
    subject = factory.Sequence(lambda n: f"Your briefing, part {n}")
    intro = "Good morning. Here is what happened overnight."

    class Meta:
        model = Issue
        skip_postgeneration_save = True

    @factory.post_generation
    def articles(self, create, extracted, **kwargs):
        for order, article in enumerate(extracted or []):
            IssueStory.objects.create(issue=self, article=article, sort_order=order)
