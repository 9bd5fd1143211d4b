from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Audio


class AudioViewSet(SnippetViewSet):
    model = Audio
    icon = "media"
    menu_label = _("Audio")
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "credit", "duration_text", "format_name", "created_at"]
    search_fields = ["title", "credit"]


register_snippet(AudioViewSet)
