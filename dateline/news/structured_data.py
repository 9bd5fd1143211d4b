"""schema.org data for search engines and aggregators, built as dicts and rendered as JSON-LD."""

from django.conf import settings


def _person(person, request) -> dict:
    return {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }


def publisher_data(newsroom_settings, request) -> dict:
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": newsroom_settings.publisher_name or settings.DATELINE_SITE_NAME,
        "url": request.build_absolute_uri("/"),
    }
    if newsroom_settings.logo:
        logo = newsroom_settings.logo.get_rendition("max-600x60|format-png")
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(logo.url),
            "width": logo.width,
            "height": logo.height,
        }
    else:
        publisher["logo"] = {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(settings.STATIC_URL + "dateline/logo.png"),
            "width": 600,
            "height": 60,
        }
    return publisher


def article_structured_data(article, request) -> dict:
    """A NewsArticle with the fields Google News and other aggregators read."""
    url = article.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.standfirst or article.search_description,
        "datePublished": article.published_at.isoformat(),
        "dateModified": (article.last_published_at or article.published_at).isoformat(),
        "inLanguage": article.locale.language_code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "articleSection": article.get_parent().title,
        "keywords": [tag.name for tag in article.tag_list],
        "publisher": publisher_data(article.newsroom_settings, request),
    }
    authors = article.authors
    if authors:
        data["author"] = [_person(person, request) for person in authors]
    else:
        data["author"] = {"@type": "Organization", "name": data["publisher"]["name"]}
    if article.edited_by:
        data["editor"] = _person(article.edited_by, request)
    if article.lead_photo:
        data["image"] = {
            "@type": "ImageObject",
            "url": article.social_image_url(request),
            "width": article.social_image.width,
            "height": article.social_image.height,
            "caption": article.lead_photo_caption,
            "creditText": article.lead_photo.credit,
        }
    if article.dateline_place:
        data["dateline"] = article.dateline_text
    return data
