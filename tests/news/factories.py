import factory
import time_machine
import wagtail_factories
from django.conf import settings
from wagtail.models import Locale

from dateline.news.models import ArticleAuthor, ArticlePage, Person, SectionPage


def default_locale():
    # Transactional tests flush the migrations' Locale rows; a Person needs one.
    return Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)[0]


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Reporter {n}")
    locale = factory.LazyFunction(default_locale)
    slug = factory.Sequence(lambda n: f"reporter-{n}")
    role = "Correspondent"

    class Meta:
        model = Person


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")

    class Meta:
        model = SectionPage


class ArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Ministers agree on plan number {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "Ministers from twelve countries reached a deal after talks ran through the night."
    dateline_place = "Brussels"
    body = factory.LazyFunction(
        lambda: [
            ("paragraph", "<p>The agreement was signed shortly after dawn.</p>"),
            ("paragraph", "<p>Officials said the text would be published later.</p>"),
        ]
    )

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        for order, person in enumerate(extracted or []):
            ArticleAuthor.objects.create(article=self, person=person, sort_order=order)


def publish_at(article, when):
    """Publish the article as if at `when`, so first and last published times are known."""
    with time_machine.travel(when, tick=False):
        article.save_revision().publish()
    article.refresh_from_db()
    return article
