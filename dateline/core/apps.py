from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "dateline.core"
    label = "core"
    verbose_name = _("Dateline core")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.contrib.settings.models import BaseSiteSetting
        from wagtail.models import Locale, PageViewRestriction, Site

        from .languages import ensure_locales
        from .purge import purge_all_on_change, purge_all_on_site_setting_change

        post_migrate.connect(ensure_locales, sender=self, dispatch_uid="dateline.core.ensure_locales")

        # Site settings (outlet code, share targets, the breaking-news banner) show on every page.
        for model in apps.get_models():
            if issubclass(model, BaseSiteSetting):
                uid = f"dateline.core.purge_all.{model._meta.label}"
                post_save.connect(purge_all_on_site_setting_change, sender=model, dispatch_uid=uid)
        for signal in (post_save, post_delete):
            name = "save" if signal is post_save else "delete"
            for model in (Site, Locale, PageViewRestriction):
                uid = f"dateline.core.purge_all.{model._meta.label}.{name}"
                signal.connect(purge_all_on_change, sender=model, dispatch_uid=uid)
