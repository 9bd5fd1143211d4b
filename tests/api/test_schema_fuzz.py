"""Schemathesis fuzzes every operation of the read API from its own OpenAPI description, in process
(the WSGI app, no network): no answer may be a 500, an undocumented status, or break its schema."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from dateline.api.api import api
from dateline.news.models import ArticleAuthor, Correction
from tests.news.factories import PersonFactory
from tests.podcasts.factories import PodcastEpisodePageFactory, PodcastShowPageFactory

pytestmark = pytest.mark.django_db

# The description the site serves at /api/v1/openapi.json (tested in test_read_api.py), built without a request.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
schema.app = get_wsgi_application()


@pytest.fixture
def published(settings, home, story):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    settings.DATELINE_API_RATE = "100000/m"  # the limit has its own test; here every request is answered
    article = story(title="Ministers agree")
    article.tags.add("Energy")
    article.save()
    ArticleAuthor.objects.create(article=article, person=PersonFactory(slug="ana"))
    Correction.objects.create(article=article, text="An earlier version gave the wrong date.")
    show = PodcastShowPageFactory(parent=home)
    show.save_revision().publish()
    PodcastEpisodePageFactory(parent=show, episode_number=1).save_revision().publish()
    # As Django's test client does: a request must not close the test's connection (and its transaction).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield article
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_keeps_its_openapi_promises(case, published):
    case.call_and_validate()
