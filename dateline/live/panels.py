"""The live page editor's link to the fast path: post an update without touching the page."""

from wagtail.admin.panels import Panel


class LiveUpdatesPanel(Panel):
    """Shows how many updates the page has and links to "Post an update" (a saved page only)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "live/admin/updates_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["live_page"] = page if page and page.pk else None
            context["update_count"] = page.updates.shown().count() if page and page.pk else 0
            return context
