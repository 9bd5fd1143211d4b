from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "dateline.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from .roles import ensure_newsroom_groups_after_migrate

        post_migrate.connect(ensure_newsroom_groups_after_migrate, sender=self)
