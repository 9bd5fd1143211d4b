from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import PageExplorerMenuItem as PageExplorerMenuItemComponent
from wagtail.admin.ui.tables import Column
from wagtail.admin.wagtail_hooks import ExplorerMenuItem
from wagtail.locks import ScheduledForPublishLock
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale, Page, Site
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.news.admin_views import publish_before_embargo_view
from dateline.news.embargo import EMBARGO_OVERRIDE_ACTION
from dateline.news.listings import ArticleListingViewSet
from dateline.news.models import ArticleKind, ArticlePage, Person, SchemaType, SectionPage


def profile_languages(person: Person) -> str:
    """The languages a person's profile (role, bio) is written in, for the people listing."""
    codes = person.get_translations(inclusive=True).values_list("locale__language_code", flat=True)
    return ", ".join(sorted(codes))


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "role", Column("languages", label=_("Profile written in"), accessor=profile_languages)]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


class ArticleKindViewSet(SnippetViewSet):
    """Administrators keep the list of kinds of work; editors pick one per article."""

    model = ArticleKind
    icon = "tag"
    menu_label = _("Kinds of work")
    list_display = ["name", "schema_type", "is_labelled", "is_distinct", "is_sponsored"]


register_snippet(ArticleKindViewSet)


@hooks.register("register_admin_viewset")
def register_article_listing():
    """Every story in one list, with its state in each language (dateline.news.listings)."""
    return ArticleListingViewSet()


@hooks.register("insert_editor_js")
def show_kind_fields_only_where_they_apply():
    """The article editor's fact-check and sponsor panels, shown only for the kinds that use them."""
    kinds = list(ArticleKind.objects.values_list("pk", "schema_type", "is_sponsored"))
    fact_checks = ",".join(str(pk) for pk, schema_type, _sponsored in kinds if schema_type == SchemaType.FACT_CHECK)
    sponsored = ",".join(str(pk) for pk, _type, is_sponsored in kinds if is_sponsored)
    return format_html(
        '<script src="{}" data-fact-check-kinds="{}" data-sponsored-kinds="{}"></script>',
        static("news/kind_fields.js"),
        fact_checks,
        sponsored,
    )


# Embargo: publishing early is a confirmation step with a reason, kept in the page's history.


@hooks.register("register_admin_urls")
def register_embargo_urls():
    return [
        path(
            "news/articles/<int:page_id>/publish-before-embargo/",
            publish_before_embargo_view,
            name="news_publish_before_embargo",
        )
    ]


class PublishBeforeEmbargoMenuItem(ActionMenuItem):
    label = _("Publish before embargo…")
    name = "action-publish-before-embargo"
    icon_name = "warning"

    def is_shown(self, context):
        page = context.get("page")
        if context["view"] != "edit" or not isinstance(page, ArticlePage):
            return False
        # A story scheduled for its embargo is locked by Wagtail's schedule; that lock is the one to break.
        if context["locked_for_user"] and not isinstance(context.get("lock"), ScheduledForPublishLock):
            return False
        if not (page.embargoed_until and page.embargoed_until > timezone.now()):
            return False
        return self.get_user_page_permissions_tester(context).can_publish()

    def get_url(self, parent_context):
        return reverse("news_publish_before_embargo", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_publish_before_embargo_menu_item():
    return PublishBeforeEmbargoMenuItem(order=60)


class EmbargoOverrideFormatter(LogFormatter):
    label = _("Publish before embargo")

    def format_message(self, log_entry):
        lifted = (log_entry.data or {}).get("embargoed_until", "")
        return _("Published before its embargo (was embargoed until %(time)s)") % {"time": lifted}

    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_embargo_log_action(actions):
    actions.register_action(EMBARGO_OVERRIDE_ACTION)(EmbargoOverrideFormatter)


# The editor's way in: the page explorer opens at the front page of their language, and the
# dashboard offers "Write an article in <section>" for each section of it.


def front_page_for(request):
    """The default site's front page in the admin's language (the editor's preference), or the site's own."""
    site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    locale = Locale.objects.filter(language_code=get_language()).first()
    if locale is None or locale.pk == root.locale_id:
        return root
    return root.get_translation_or_none(locale) or root


class FrontPageExplorerMenuItem(ExplorerMenuItem):
    """Wagtail's "Pages" menu, opening at the editor's own front page when they may explore it."""

    def _start_page(self, request):
        start = front_page_for(request)
        explorable = policy_registry.get_by_type(Page).explorable_root_instance(request.user)
        if start is None or explorable is None or not start.path.startswith(explorable.path):
            return None  # the editor may explore only part of the tree: Wagtail's own start
        return start

    def render_component(self, request):
        start = self._start_page(request)
        if start is None:
            return super().render_component(request)
        return PageExplorerMenuItemComponent(
            self.name,
            self.label,
            reverse("wagtailadmin_explore", args=[start.pk]),
            start.pk,
            icon_name=self.icon_name,
            classname=self.classname,
        )


@hooks.register("construct_main_menu")
def open_explorer_at_front_page(request, menu_items):
    for index, item in enumerate(menu_items):
        if item.name == "explorer" and type(item) is ExplorerMenuItem:
            menu_items[index] = FrontPageExplorerMenuItem(
                item.label, item.url, name=item.name, icon_name=item.icon_name, order=item.order
            )


class WriteArticlePanel(Component):
    """Dashboard shortcuts: one click from the dashboard to a new article's form, per section."""

    name = "write_article"
    order = 50
    template_name = "news/admin/write_article_panel.html"

    def __init__(self, sections):
        self.sections = sections

    def get_context_data(self, parent_context):
        return {"sections": self.sections}


def sections_to_write_in(request) -> list[tuple[SectionPage, str]]:
    """The live sections of the editor's front page where they may add an article, with the add URL."""
    front = front_page_for(request)
    if front is None:
        return []
    shortcuts = []
    for section in SectionPage.objects.child_of(front).order_by("path"):
        if section.permissions_for_user(request.user).can_add_subpage():
            url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
            shortcuts.append((section, url))
    return shortcuts


@hooks.register("construct_homepage_panels")
def add_write_article_panel(request, panels):
    if sections := sections_to_write_in(request):
        panels.append(WriteArticlePanel(sections))
