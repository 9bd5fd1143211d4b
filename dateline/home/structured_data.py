"""schema.org data for the front page: who publishes the site, and how to search it."""

from django.conf import settings
from django.urls import reverse

from dateline.core.models import NewsroomSettings
from dateline.news.structured_data import publisher_data


def front_page_structured_data(home, request) -> dict:
    """An Organization (the publisher) and a WebSite with a SearchAction, as one JSON-LD graph."""
    newsroom = NewsroomSettings.for_request(request)
    organization = {**publisher_data(newsroom, request), "@id": request.build_absolute_uri("/#publisher")}
    search_url = request.build_absolute_uri(reverse("search:search"))
    website = {
        "@type": "WebSite",
        "@id": home.get_full_url(request) + "#website",
        "url": home.get_full_url(request),
        "name": settings.DATELINE_SITE_NAME,
        "inLanguage": home.locale.language_code,
        "publisher": {"@id": organization["@id"]},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }
    return {"@context": "https://schema.org", "@graph": [organization, website]}
