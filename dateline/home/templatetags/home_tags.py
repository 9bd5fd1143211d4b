"""The site frame's tags: navigation, breaking-news banner, and the <head> links every page needs."""

from urllib.parse import urlsplit, urlunsplit

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language
from wagtail.models import Locale, Page

from dateline.core.headers import FRONT_PAGE_KEY
from dateline.core.memo import memo
from dateline.core.models import NewsroomSettings
from dateline.core.principles import policy_links
from dateline.feeds.discovery import corrections_feed_links, feed_links_for
from dateline.home.models import BreakingNewsBanner, HomePage
from dateline.news.models import ArticlePage, SectionPage

register = template.Library()


def _active_locale(page) -> Locale:
    """The active language's locale: the page's own when it is in that language (no query)."""
    locale = getattr(page, "locale", None) if isinstance(page, Page) and page.locale_id else None
    if locale is not None and locale.language_code == get_language():
        return locale
    return Locale.get_active()


_TREE_FIELDS = ("path", "depth", "url_path")  # where a page is, and its URL


def _front_page(request, locale: Locale) -> HomePage | None:
    """The live front page of a language, from the memo: the navigation lists its sections and the
    breadcrumbs of the sections and articles below it start from it. Only its place in the tree and
    its type are read: the other columns cost the ORM more than the query."""
    return memo.get(
        request,
        ("front-page", locale.pk),
        lambda: HomePage.objects.live().filter(locale=locale).only(*_TREE_FIELDS, "content_type").first(),
        keys=[FRONT_PAGE_KEY],
    )


def _navigation(request, locale: Locale) -> tuple[HomePage | None, list[SectionPage]]:
    home = _front_page(request, locale)
    if home is None:
        return None, []
    # A menu link needs the section's title and URL only.
    return home, list(SectionPage.objects.live().public().child_of(home).only(*_TREE_FIELDS, "title"))


@register.inclusion_tag("home/includes/site_nav.html", takes_context=True)
def site_navigation(context):
    """The front page and sections of the current language, for the site header."""
    request = context.get("request")
    current = context.get("page")
    locale = _active_locale(current)
    home, sections = memo.get(
        request, ("navigation", locale.pk), lambda: _navigation(request, locale), keys=[FRONT_PAGE_KEY]
    )
    current_path = getattr(current, "url_path", "")
    return {
        "request": request,
        "home": home,
        "sections": [(section, current_path.startswith(section.url_path)) for section in sections],
    }


@register.inclusion_tag("home/includes/breaking_news.html", takes_context=True)
def breaking_news(context):
    """The breaking-news banner of the request's site, while it is switched on and not expired."""
    request = context.get("request")
    banner = BreakingNewsBanner.for_request(request) if request else None
    return {"banner": banner if banner and banner.is_showing() else None}


def _translations(request, page) -> list[tuple[str, str]]:
    """(language code, absolute URL) of each live translation of a Wagtail page, this one included."""
    # Plain pages with only what a link needs: the specific model's columns cost three times as much.
    pages = (
        Page.objects.live()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .only("url_path", "locale__language_code")
        .order_by("locale__language_code")  # the same order on every render, whatever the database's
    )
    return [(item.locale.language_code, item.get_full_url(request)) for item in pages]


def _view_translations(request) -> list[tuple[str, str]]:
    """Django views (people, tags, archives, search) exist in every language at the translated path."""
    return [
        (code, request.build_absolute_uri(translate_url(request.get_full_path(), code)))
        for code, _name in settings.LANGUAGES
    ]


def _person_translations(request, person) -> list[tuple[str, str]]:
    """A person's profile in each language it is written in (each translation has its own slug)."""
    alternates = []
    for item in person.get_translations(inclusive=True).select_related("locale").order_by("locale__language_code"):
        with translation.override(item.locale.language_code):
            alternates.append((item.locale.language_code, request.build_absolute_uri(item.get_absolute_url())))
    return alternates


def _breadcrumbs(request, page) -> dict | None:
    """schema.org BreadcrumbList for a section or article: front page, section, article."""
    if not isinstance(page, SectionPage | ArticlePage):
        return None
    site = getattr(request, "_wagtail_site", None)
    parent_path = page.path[: -page.steplen]
    above = memo.get(
        request,
        ("crumbs", getattr(site, "pk", None), parent_path),
        lambda: _crumbs_above(request, page),
        keys=[FRONT_PAGE_KEY],  # and sections, whose every change purges "all"
    )
    here = {"@type": "ListItem", "position": len(above) + 1, "name": page.title, "item": page.get_full_url(request)}
    items = [*above, here]
    return {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": items}


def _pages_above(request, page) -> list:
    """The front page and section above a section or article: no query when the front page is in
    the memo (the navigation needs it too) and the article's section is known (routing sets it)."""
    home = _front_page(request, page.locale) if page.locale_id else None
    if home is not None and home.depth == 2 and page.path.startswith(home.path):
        if page.depth == 3:
            return [home]
        section = getattr(page, "_cached_parent_obj", None)
        if page.depth == 4 and section is not None:
            return [home, section]
    # Plain pages (one query): a crumb needs only its title, URL and type, not its specific fields.
    return list(page.get_ancestors().filter(depth__gte=2))


def _crumbs_above(request, page) -> list[dict]:
    items = []
    for position, crumb in enumerate(_pages_above(request, page), start=1):
        name = settings.DATELINE_SITE_NAME if issubclass(crumb.specific_class or Page, HomePage) else crumb.title
        items.append({"@type": "ListItem", "position": position, "name": name, "item": crumb.get_full_url(request)})
    return items


def _social(context, request, page) -> dict | None:
    """Open Graph and Twitter card values for pages that do not bring their own (articles do)."""
    if isinstance(page, ArticlePage):
        return None
    person, tag = context.get("person"), context.get("tag")
    description = ""
    if isinstance(page, Page):
        title = settings.DATELINE_SITE_NAME if isinstance(page, HomePage) else (page.seo_title or page.title)
        description = page.search_description or getattr(page, "intro", "")
        url = page.get_full_url(request)
    else:
        title = context.get("social_title") or (person.name if person else tag.name if tag else "")
        description = person.bio if person else ""
        url = request.build_absolute_uri(request.path)
    newsroom = NewsroomSettings.for_request(request)
    image = {"url": request.build_absolute_uri(static("dateline/logo.png")), "width": 600, "height": 60}
    if newsroom.logo:
        rendition = newsroom.logo.get_rendition("max-1200x630|format-png")
        image = {"url": request.build_absolute_uri(rendition.url), "width": rendition.width, "height": rendition.height}
    if person and person.photo:
        rendition = person.photo.get_rendition("fill-400x400|format-jpeg")
        image = {"url": request.build_absolute_uri(rendition.url), "width": 400, "height": 400}
    return {
        "title": title or settings.DATELINE_SITE_NAME,
        "description": description,
        "url": url,
        "image": image,
        "type": "profile" if person else "website",
    }


def _alternates(context, request) -> list[tuple[str, str]]:
    """(language code, absolute URL) of the shown page in each language it exists in, live.

    Asked by the <head> links and the language switcher alike: worked out once per request."""
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    key = ("page", page.pk) if page is not None else ("path", request.path)
    cached = getattr(request, "_dateline_alternates", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    if page is not None and page.pk:
        alternates = _translations(request, page)
    elif context.get("person") is not None and hasattr(context["person"], "get_translations"):
        alternates = _person_translations(request, context["person"])
    elif page is None and request.resolver_match:
        alternates = _view_translations(request)
    else:
        alternates = []
    request._dateline_alternates = (key, alternates)
    return alternates


def _front_page_urls(request) -> dict[str, str]:
    """Language code -> URL of that language's live front page, for the languages that have one."""

    def read():
        fronts = HomePage.objects.live().select_related("locale").only("url_path", "locale__language_code")
        return {front.locale.language_code: front.get_url(request) for front in fronts}

    site = getattr(request, "_wagtail_site", None)
    return memo.get(request, ("front-page-urls", getattr(site, "pk", None)), read, keys=[FRONT_PAGE_KEY])


def _on_this_site(request, url: str | None) -> str | None:
    """A URL of this site as a path, as the navigation's links are; another site's stays whole."""
    if not url:
        return url
    parts = urlsplit(url)
    site = getattr(request, "_wagtail_site", None)
    if site is None or parts.hostname in (site.hostname, request.get_host().split(":")[0]):
        return urlunsplit(("", "", parts.path, parts.query, ""))
    return url


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link to each configured language that has a front page: to the shown page's live
    translation when there is one, else to that language's front page."""
    request = context.get("request")
    if request is None:
        return {}
    fronts = _front_page_urls(request)
    translations = dict(_alternates(context, request))
    current = get_language()
    languages = []
    for code, _name in settings.LANGUAGES:
        if code not in fronts and code not in translations and code != current:
            continue
        info = translation.get_language_info(code)
        url = _on_this_site(request, translations.get(code)) or fronts.get(code) or request.path
        languages.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "is_current": code == current,
                "is_translation": code in translations,
                "dir": "rtl" if info["bidi"] else "ltr",
            }
        )
    return {"languages": languages if len(languages) > 1 else []}


@register.inclusion_tag("home/includes/page_head.html", takes_context=True)
def page_head(context):
    """Feed autodiscovery, hreflang alternates, breadcrumbs and share cards for the page being shown."""
    request = context.get("request")
    if request is None:
        return {}
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    subject = context.get("section") if isinstance(page, ArticlePage) else page
    subject = context.get("person") or context.get("tag") or subject
    alternates = _alternates(context, request)
    default = next((url for code, url in alternates if code == settings.LANGUAGE_CODE), None)
    feeds = feed_links_for(subject)
    if context.get("is_corrections_page"):
        feeds = corrections_feed_links() + feeds
    return {
        "feeds": feeds,
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": default if len(alternates) > 1 else None,
        "breadcrumbs": _breadcrumbs(request, page) if page is not None else None,
        "social": _social(context, request, page),
        "site_name": settings.DATELINE_SITE_NAME,
        "language": get_language(),
    }


@register.inclusion_tag("home/includes/footer_links.html", takes_context=True)
def principles_links(context):
    """The newsroom's policy pages (site settings) and its corrections page, for the site footer."""
    return {"links": policy_links(context.get("request"))}
