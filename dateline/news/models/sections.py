from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from dateline.core.headers import ALL_PAGES_KEY, LISTINGS_KEY, CacheKeysMixin
from dateline.core.memo import MemoizedPublicQuerySetMixin, MemoizedViewRestrictionsMixin
from dateline.news import queries
from dateline.news.pagination import listing_page_or_404
from dateline.news.panels import TranslationsPanel

SECTION_PAGE_SIZE = 20


class SectionPageQuerySet(MemoizedPublicQuerySetMixin, PageQuerySet):
    pass


class SectionPage(CacheKeysMixin, MemoizedViewRestrictionsMixin, Page):
    """A desk of the newsroom (World, Americas, Sport) listing its articles, newest first."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro"), TranslationsPanel()]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.ArticlePage", "live.LivePage"]

    objects = PageManager.from_queryset(SectionPageQuerySet)()

    class Meta:
        verbose_name = _("section")

    def get_cache_keys(self) -> list[str]:
        return [f"section-{self.pk}", LISTINGS_KEY]

    def get_purge_keys(self) -> list[str]:
        # Every page's navigation names the sections.
        return [f"section-{self.pk}", LISTINGS_KEY, ALL_PAGES_KEY]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = listing_page_or_404(
            queries.latest_articles(section=self), request.GET.get("page"), SECTION_PAGE_SIZE
        )
        queries.prepare_teasers(articles, request)
        context["articles"] = articles
        return context
