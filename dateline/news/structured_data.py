"""schema.org data for search engines and aggregators, built as dicts and rendered as JSON-LD."""

from django.conf import settings


def _person(person, request) -> dict:
    return {
        "@type": "Person",
        "name": person.name,
        "url": request.build_absolute_uri(person.get_absolute_url()),
    }


def person_structured_data(person, request) -> dict:
    """A Person for the author's own page: who they are, what they cover, where else they are."""
    data = {"@context": "https://schema.org", **_person(person, request)}
    if person.role:
        data["jobTitle"] = person.role
    if person.bio:
        data["description"] = person.bio
    if person.same_as_urls:
        data["sameAs"] = person.same_as_urls
    if person.topics:
        data["knowsAbout"] = person.topics
    return data


def _principles_data(request) -> dict:
    """The publisher's policy pages and contact points (core.models.PublishingPrinciples), where set."""
    from dateline.core.models import POLICY_PAGES, PublishingPrinciples
    from dateline.core.principles import policy_links

    if request is None or not hasattr(request, "META"):
        return {}
    principles = PublishingPrinciples.for_request(request)
    urls = {link.field: request.build_absolute_uri(link.url) for link in policy_links(request)}
    data = {prop: urls[field] for field, prop, _label in POLICY_PAGES if field in urls}
    if "ethicsPolicy" in data:
        data["publishingPrinciples"] = data["ethicsPolicy"]
    contacts = []
    if principles.contact_email or principles.contact_telephone:
        point = {"@type": "ContactPoint", "contactType": "newsroom"}
        if principles.contact_email:
            point["email"] = principles.contact_email
        if principles.contact_telephone:
            point["telephone"] = principles.contact_telephone
        contacts.append(point)
    if principles.corrections_email:
        contacts.append({"@type": "ContactPoint", "contactType": "corrections", "email": principles.corrections_email})
    if contacts:
        data["contactPoint"] = contacts
    return data


def publisher_data(newsroom_settings, request) -> dict:
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": newsroom_settings.publisher_name or settings.DATELINE_SITE_NAME,
        "url": request.build_absolute_uri("/"),
        **_principles_data(request),
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


def correction_data(correction, request=None, article_url: str = "") -> dict:
    data = {
        "@type": "CorrectionComment",
        "text": correction.text,
        "datePublished": correction.published_at.isoformat(),
    }
    if article_url:
        data["url"] = article_url + "#corrections"
    return data


def claim_review_data(article, request, url: str, publisher: dict) -> dict:
    """A ClaimReview for a fact check: the claim, who made it and where, and the verdict."""
    claim = {"@type": "Claim"}
    if article.claim_author:
        claim["author"] = {"@type": "Person", "name": article.claim_author}
    if article.claim_url:
        claim["appearance"] = {"@type": "CreativeWork", "url": article.claim_url}
        claim["firstAppearance"] = claim["appearance"]
    if article.claim_made_on:
        claim["datePublished"] = article.claim_made_on.isoformat()
    rating = {"@type": "Rating", "alternateName": article.rating_label}
    if article.rating_value:
        rating.update({"ratingValue": article.rating_value, "bestRating": 5, "worstRating": 1})
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": article.claim_reviewed,
        "itemReviewed": claim,
        "reviewRating": rating,
        "author": {k: v for k, v in publisher.items() if k in ("@type", "name", "url")},
        "datePublished": article.published_at.isoformat(),
    }


def article_structured_data(article, request) -> dict:
    """A NewsArticle (of the subtype its kind says) with the fields Google News and other aggregators
    read; a fact check adds its ClaimReview beside it, in one graph."""
    url = article.get_full_url(request)
    kind = article.article_kind
    schema_type = kind.schema_type if kind is not None and not kind.is_fact_check else "NewsArticle"
    data = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "headline": article.title[:110],
        "description": article.standfirst or article.search_description,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
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
    corrections = article.correction_list
    if corrections:
        data["correction"] = [correction_data(item, request, url) for item in corrections]
    if kind is not None and kind.is_sponsored and article.sponsor_name:
        sponsor = {"@type": "Organization", "name": article.sponsor_name}
        if article.sponsor_url:
            sponsor["url"] = article.sponsor_url
        data["sponsor"] = sponsor
    if kind is not None and kind.is_fact_check and article.claim_reviewed:
        review = claim_review_data(article, request, url, data["publisher"])
        del data["@context"]
        review.pop("@context")
        return {"@context": "https://schema.org", "@graph": [data, review]}
    return data
