from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "dateline.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        from wagtail.signals import page_published

        from dateline.news.models import ArticlePage

        from .signals import reindex_published_article

        page_published.connect(reindex_published_article, sender=ArticlePage, dispatch_uid="search-reindex-article")
