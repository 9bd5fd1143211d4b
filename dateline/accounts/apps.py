from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dateline.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from .audit import on_user_locked_out, on_user_logged_in, on_user_login_failed
        from .roles import ensure_newsroom_groups_after_migrate

        post_migrate.connect(ensure_newsroom_groups_after_migrate, sender=self)
        user_logged_in.connect(on_user_logged_in, dispatch_uid="dateline.accounts.audit.signed_in")
        user_login_failed.connect(on_user_login_failed, dispatch_uid="dateline.accounts.audit.failed")
        user_locked_out.connect(on_user_locked_out, dispatch_uid="dateline.accounts.audit.locked_out")
