import datetime as dt

import factory
import wagtail_factories
from django.utils import timezone

from dateline.live.models import LivePage
from tests.news.factories import ArticlePageFactory


class LivePageFactory(ArticlePageFactory):
    title = factory.Sequence(lambda n: f"Storm hits the coast, live {n}")
    slug = factory.Sequence(lambda n: f"live-{n}")
    coverage_start = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=2))
    first_published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=2))

    class Meta:
        model = LivePage
        skip_postgeneration_save = True


__all__ = ["LivePageFactory", "wagtail_factories"]
