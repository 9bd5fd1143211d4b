"""Admin wiring of the shared ground: the dashboard's notice of purges Varnish or the CDN did not take."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .models import PendingPurge

SHOWN_FAILURES = 5


class OwedPurgesPanel(Component):
    """Tells editors that readers behind Varnish or the CDN may still see an old version of some pages."""

    name = "owed_purges"
    template_name = "core/owed_purges_panel.html"
    order = 10

    def __init__(self, count: int, failures: list[PendingPurge]):
        self.count, self.failures = count, failures

    def get_context_data(self, parent_context):
        return {"count": self.count, "failures": self.failures}


@hooks.register("construct_homepage_panels")
def add_owed_purges_panel(request, panels):
    failed = PendingPurge.objects.filter(attempts__gt=0)
    count = failed.count()
    if count:
        panels.insert(0, OwedPurgesPanel(count, list(failed[:SHOWN_FAILURES])))
