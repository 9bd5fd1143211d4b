from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from dateline.core.headers import ALL_PAGES_KEY, CacheKeysMixin
from dateline.core.memo import MemoizedViewRestrictionsMixin


class PolicyPage(CacheKeysMixin, MemoizedViewRestrictionsMixin, Page):
    """A page of the newsroom about itself: ethics policy, corrections policy, masthead, ownership."""

    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("policy page")

    def get_cache_keys(self) -> list[str]:
        return [f"page-{self.pk}"]

    def get_purge_keys(self) -> list[str]:
        # The site footer links the policy pages by title on every page.
        return [f"page-{self.pk}", ALL_PAGES_KEY]
