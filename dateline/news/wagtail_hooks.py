from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.news.models import ArticleKind, Person, SchemaType


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "role"]
    search_fields = ["name", "role"]


register_snippet(PersonViewSet)


class ArticleKindViewSet(SnippetViewSet):
    """Administrators keep the list of kinds of work; editors pick one per article."""

    model = ArticleKind
    icon = "tag"
    menu_label = _("Kinds of work")
    list_display = ["name", "schema_type", "is_labelled", "is_distinct", "is_sponsored"]


register_snippet(ArticleKindViewSet)


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
