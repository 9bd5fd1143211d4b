from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import ReadershipDashboardView


@hooks.register("register_admin_urls")
def register_readership_urls():
    return [path("readership/", ReadershipDashboardView.as_view(), name="readership_dashboard")]


@hooks.register("register_admin_menu_item")
def register_readership_menu_item():
    return MenuItem(_("Readership"), reverse("readership_dashboard"), icon_name="view", order=850)
