"""`demo --port`: the default site takes the local server's address, so its links point there."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Site

from .conftest import run_demo

pytestmark = pytest.mark.django_db


def default_site() -> Site:
    return Site.objects.get(is_default_site=True)


def test_port_gives_the_default_site_the_local_address_when_the_demo_is_already_loaded(story, quick_pictures):
    story()
    run_demo("--if-empty", "--port", "8123")
    site = default_site()
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)


def test_article_links_point_at_the_port_make_run_serves(client, story, quick_pictures):
    article = story()
    run_demo("--if-empty", "--port", "8123")
    page = BeautifulSoup(client.get(article.url).content, "html.parser")
    canonical = urlsplit(page.find("link", rel="canonical")["href"])
    og_url = urlsplit(page.find("meta", property="og:url")["content"])
    assert (canonical.scheme, canonical.netloc, canonical.path) == ("http", "127.0.0.1:8123", article.url)
    assert og_url.netloc == "127.0.0.1:8123"


def test_demo_without_port_leaves_the_site_address_alone(story, quick_pictures):
    story()
    run_demo("--if-empty")
    site = default_site()
    assert (site.hostname, site.port) == ("testserver", 80)
