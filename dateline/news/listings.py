"""The newsroom's flat list of articles, with each story's state in every configured language.

Wagtail's page explorer walks the tree one section at a time and says only whether a page is
translated at all. A translation desk needs the other view: every story, newest first, which
languages it exists in, and which of them fell behind after the source changed
(dateline.news.translations). The list is Wagtail's own PageListingViewSet, so search, the locale
filter, bulk actions, permissions and exports work as in the explorer.
"""

import django_filters
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page

from dateline.news.models import ArticlePage
from dateline.news.translations import translation_statuses_for

OUT_OF_DATE_CHOICE = "out-of-date"


class TranslationsColumn(Column):
    """Each configured language's version of the row's story: source, up to date, out of date or
    missing, each a link to edit it (or to start the translation)."""

    cell_template_name = "news/listings/translations_cell.html"

    class Media:  # only on the pages that show the column
        css = {"all": ["news/admin-translations.css"]}

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["statuses"] = getattr(instance, "translation_statuses", [])
        return context


def _version_in(language_code):
    return Page.objects.filter(translation_key=OuterRef("translation_key"), locale__language_code=language_code)


class ArticleFilterSet(PageFilterSet):
    """Wagtail's page filters, plus the two a translation desk works from."""

    untranslated = django_filters.ChoiceFilter(
        label=_("Not translated into"), choices=lambda: settings.LANGUAGES, method="filter_untranslated"
    )
    translation = django_filters.ChoiceFilter(
        label=_("Translation"),
        choices=[(OUT_OF_DATE_CHOICE, _("Out of date: the source changed since"))],
        method="filter_translation",
    )

    def filter_untranslated(self, queryset, name, value):
        return queryset.filter(~Exists(_version_in(value))) if value else queryset

    def filter_translation(self, queryset, name, value):
        """Translations whose source (the version in the site's default language) was published
        after the translation was last saved: the rule of dateline.news.translations."""
        if value != OUT_OF_DATE_CHOICE:
            return queryset
        newer_source = (
            _version_in(settings.LANGUAGE_CODE)
            .exclude(pk=OuterRef("pk"))
            .filter(
                last_published_at__isnull=False,
                last_published_at__gt=Coalesce(OuterRef("latest_revision_created_at"), OuterRef("last_published_at")),
            )
        )
        return queryset.filter(Exists(newer_source))

    class Meta(PageFilterSet.Meta):
        model = ArticlePage


class ArticleIndexView(IndexView):
    def get_table(self, object_list):
        # Evaluates the page of results once; the table and Wagtail's parent annotation reuse it.
        statuses = translation_statuses_for(object_list)
        for page in object_list:
            page.translation_statuses = statuses.get(page.pk, [])
        return super().get_table(object_list)


class ArticleListingViewSet(PageListingViewSet):
    model = ArticlePage
    index_view_class = ArticleIndexView
    filterset_class = ArticleFilterSet
    icon = "doc-full"
    menu_label = _("Articles")
    menu_order = 150
    add_to_admin_menu = True
    name = "articles"
    columns = [
        *IndexView.base_columns,
        TranslationsColumn("translations", label=_("Translations")),
    ]
