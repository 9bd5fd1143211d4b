from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from dateline.news.models import Person


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
