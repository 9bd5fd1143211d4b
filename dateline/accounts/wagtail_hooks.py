from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import views
from .models import SignInEvent

security_urls = [
    path("", views.security, name="security"),
    path("verify/", views.verify, name="verify"),
    path("set-up/", views.set_up, name="set_up"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("sign-out-everywhere/", views.sign_out_everywhere, name="sign_out_everywhere"),
]


@hooks.register("register_admin_urls")
def register_security_urls():
    return [path("security/", include((security_urls, "accounts"), namespace="accounts"))]


@hooks.register("register_account_menu_item")
def security_menu_item(request):
    return {
        "url": reverse("accounts:security"),
        "label": _("Two-factor sign-in and sessions"),
        "help_text": _("Set up an authenticator app, make new recovery codes, or sign out on every device."),
    }


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The log is written by the door, never by hand: only "view" can be granted."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


register_permission_policy(SignInEvent, ReadOnlyPolicy(SignInEvent))


class SignInLogViewSet(ModelViewSet):
    """The staff sign-in audit log, for administrators (and whoever is given "view sign-in event")."""

    model = SignInEvent
    icon = "key"
    add_to_settings_menu = True
    menu_label = _("Sign-in log")
    name = "sign_in_log"
    # Never the address itself: the start of its keyed hash shows which attempts came from one place.
    list_display = ["at", "kind", "username", Column("address_label", label=_("Address (keyed hash)"))]
    list_filter = ["kind"]
    search_fields = ["username"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]


@hooks.register("register_admin_viewset")
def register_sign_in_log():
    return SignInLogViewSet()
