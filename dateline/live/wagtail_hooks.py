"""Admin wiring of live coverage: the "Post an update" views, and links to them wherever a live page shows."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from . import admin_views
from .models import LivePage

POST_AN_UPDATE = _("Post an update")

admin_urls = [
    path("<int:page_id>/", admin_views.updates, name="updates"),
    path("update/<int:update_id>/correct/", admin_views.correct, name="correct"),
    path("update/<int:update_id>/delete/", admin_views.delete, name="delete"),
]


@hooks.register("register_admin_urls")
def register_live_urls():
    return [path("live/", include((admin_urls, "live_admin"), namespace="live_admin"))]


def _is_live_page(page) -> bool:
    return page is not None and page.pk is not None and issubclass(page.specific_class or object, LivePage)


def _post_button(page, user):
    if _is_live_page(page) and page.permissions_for_user(user).can_edit():
        yield PageMenuItem(
            POST_AN_UPDATE, reverse("live_admin:updates", args=[page.pk]), icon_name="time", priority=5, page=page
        )


@hooks.register("register_page_header_buttons")
def post_update_header_button(page, user, view_name, next_url=None):
    yield from _post_button(page, user)


@hooks.register("register_page_listing_more_buttons")
def post_update_listing_button(page, user, next_url=None):
    yield from _post_button(page, user)


class PostUpdateMenuItem(ActionMenuItem):
    """In the live page editor's action menu: leave the page as it is and post an update."""

    label = POST_AN_UPDATE
    name = "action-post-live-update"
    icon_name = "time"

    def is_shown(self, context):
        return context["view"] == "edit" and _is_live_page(context.get("page")) and super().is_shown(context)

    def get_url(self, parent_context):
        return reverse("live_admin:updates", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_post_update_menu_item():
    return PostUpdateMenuItem(order=5)
