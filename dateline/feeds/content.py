"""Article HTML for feed readers: absolute links, one plain image per photo, no page furniture."""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.template.loader import render_to_string

from dateline.core.models import NewsroomSettings
from dateline.news.models import DatelineStyle

# Feed readers show an <img src>; <source> candidates and lazy-loading hints mean nothing to them.
_DROPPED_IMAGE_ATTRIBUTES = ("srcset", "sizes", "loading", "decoding", "fetchpriority")


def feed_html(article, *, request) -> str:
    """The lead photo and body of an article as self-contained HTML (for full-content feeds)."""
    if "newsroom_settings" not in article.__dict__:
        # The dateline's outlet code: the request's settings, not a site and settings query per story.
        article.newsroom_settings = NewsroomSettings.for_request(request)
    if "dateline_style" not in article.__dict__:
        article.dateline_style = DatelineStyle.for_request(request)  # likewise the site's dateline style
    html = render_to_string("feeds/article_content.html", {"article": article}, request=request)
    soup = BeautifulSoup(html, "html.parser")
    for source in soup.find_all("source"):
        source.decompose()
    base = request.build_absolute_uri("/")
    for img in soup.find_all("img"):
        for attribute in _DROPPED_IMAGE_ATTRIBUTES:
            img.attrs.pop(attribute, None)
        if img.get("src"):
            img["src"] = urljoin(base, img["src"])
    for link in soup.find_all("a", href=True):
        link["href"] = urljoin(base, link["href"])
    return str(soup).strip()
