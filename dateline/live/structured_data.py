"""schema.org LiveBlogPosting for a live page: the article's data, its coverage times and its updates."""

from __future__ import annotations

from django.utils.html import strip_tags

# Search engines read the latest updates; the page's JSON-LD carries what the page shows first.
UPDATES_IN_STRUCTURED_DATA = 20


def _update_data(update, page_url: str, request) -> dict:
    quote = f"“{update.quote}” — {update.quote_attribution}" if update.quote else ""
    body = " ".join(part for part in (update.text, quote) if part)
    data = {
        "@type": "BlogPosting",
        "@id": f"{page_url}#{update.anchor}",
        "url": f"{page_url}#{update.anchor}",
        "headline": (update.headline or strip_tags(update.text) or update.quote)[:110],
        "datePublished": update.posted_at.isoformat(),
        "dateModified": (update.corrected_at or update.posted_at).isoformat(),
        "articleBody": body,
    }
    if update.photo_id:
        data["image"] = request.build_absolute_uri(update.photo.get_rendition("width-1200|format-jpeg").url)
    if update.embed_url:
        data["sharedContent"] = {"@type": "WebPage", "url": update.embed_url}
    if update.is_corrected:
        data["correction"] = {
            "@type": "CorrectionComment",
            "text": update.correction_note,
            "datePublished": update.corrected_at.isoformat(),
        }
    return data


def live_blog_structured_data(page, article_data: dict, updates: list, request) -> dict:
    """Turn the article's NewsArticle data into a LiveBlogPosting carrying the given updates."""
    data = {**article_data, "@type": "LiveBlogPosting"}
    data["coverageStartTime"] = page.coverage_started_at.isoformat()
    if page.coverage_end:
        data["coverageEndTime"] = page.coverage_end.isoformat()
    page_url = data["url"]
    shown = sorted(updates, key=lambda update: update.pk, reverse=True)[:UPDATES_IN_STRUCTURED_DATA]
    data["liveBlogUpdate"] = [_update_data(update, page_url, request) for update in shown]
    if shown:
        latest = max((update.corrected_at or update.posted_at) for update in shown)
        data["dateModified"] = max(latest, page.last_published_at or page.published_at).isoformat()
    return data
