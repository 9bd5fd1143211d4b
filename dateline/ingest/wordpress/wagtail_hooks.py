from django.http import HttpResponsePermanentRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from . import views
from .models import Pingback

# WordPress's links by ID: /?p=123 (posts) and /?page_id=45.
ID_QUERY_KEYS = ("p", "page_id")


@hooks.register("before_serve_page")
def redirect_wordpress_id_links(page, request, serve_args, serve_kwargs):
    """Answer an old /?p=ID link with the redirect the import made for it.

    Wagtail's redirects act on a 404, but /?p=ID lands on the front page, which answers it; so the
    front page looks for the redirect itself. One query, only when such a parameter is present.
    """
    key = next((key for key in ID_QUERY_KEYS if request.GET.get(key, "").isdigit()), None)
    if key is None:
        return None
    site = Site.find_for_request(request)
    if site is None or page.pk != site.root_page_id:
        return None
    old_path = Redirect.normalise_path(f"{request.path}?{key}={request.GET[key]}")
    redirect = Redirect.get_for_site(site).filter(old_path=old_path).select_related("redirect_page").first()
    if redirect is None or not redirect.link:
        return None
    return HttpResponsePermanentRedirect(redirect.link)


class PingbackViewSet(ModelViewSet):
    """Pingbacks and trackbacks WordPress posts received, for editors: never shown to readers."""

    model = Pingback
    icon = "link"
    menu_label = _("Pingbacks")
    add_to_settings_menu = True
    list_display = ["url", "article", "kind", "received_at"]
    list_filter = ["kind", "approved"]
    form_fields = ["approved"]
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_pingbacks():
    return PingbackViewSet("wordpress_pingbacks")


# Import from WordPress (views.py): superusers only, under Settings.

admin_urls = [
    path("", views.ImportStartView.as_view(), name="start"),
    path("<int:pk>/", views.ImportRunView.as_view(), name="run"),
    path("<int:pk>/confirm/", views.ConfirmImportView.as_view(), name="confirm"),
    path("<int:pk>/discard/", views.DiscardImportView.as_view(), name="discard"),
]


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("import-wordpress/", include((admin_urls, "wordpress_import"), namespace="wordpress_import"))]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_settings_menu_item")
def register_import_menu_item():
    return SuperuserMenuItem(
        _("Import from WordPress"), reverse("wordpress_import:start"), name="import-wordpress", icon_name="upload"
    )
