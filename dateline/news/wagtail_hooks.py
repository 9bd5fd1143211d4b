from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.news.models import ArticleKind, Person


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
