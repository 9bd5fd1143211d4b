"""Editing-form panels of the news room's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .translations import translation_statuses


class TranslationsPanel(Panel):
    """The page in every configured language: not translated, up to date, or out of date since the
    source changed, each with a link to edit it (or to Wagtail's "Translate" form)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Translations"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "news/panels/translations.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["statuses"] = translation_statuses(self.instance)
            context["page"] = self.instance
            return context
