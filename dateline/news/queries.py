"""Read paths shared by pages, feeds and search, each with what its templates need fetched up front."""

from dateline.news.models import ArticlePage


def latest_articles(*, section=None, locale=None, limit: int | None = None):
    """Live articles, newest first, in a section or anywhere in the site's current language."""
    articles = ArticlePage.objects.live().public()
    if section is not None:
        articles = articles.child_of(section)
    elif locale is not None:
        articles = articles.filter(locale=locale)
    articles = articles.newest_first().for_listing()
    return articles[:limit] if limit else articles
