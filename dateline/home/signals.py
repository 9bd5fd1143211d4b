"""Purge the front pages from the frontend cache when editors change the breaking-news banner."""

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

from dateline.news.models import SectionPage

from .models import HomePage


def purge_front_pages(sender, instance, **kwargs):
    """The banner shows on every page; purge the doors most readers use (front pages and sections).

    Other pages pick the change up when their cache entry expires. Without a configured frontend
    cache (WAGTAILFRONTENDCACHE) this does nothing.
    """
    site = instance.site
    fronts = HomePage.objects.live().filter(pk__in=site.root_page.get_translations(inclusive=True).values("pk"))
    urls = []
    for front in fronts:
        urls.append(front.get_full_url())
        urls.extend(section.get_full_url() for section in SectionPage.objects.live().child_of(front))
    purge_urls_from_cache([url for url in urls if url])
