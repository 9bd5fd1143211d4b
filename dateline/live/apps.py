from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "dateline.live"
    label = "live"
    verbose_name = _("Live coverage")

    def ready(self):
        from django.db.models.signals import pre_save

        from dateline.news.signals import purge_live_version_before_save

        from .models import LivePage

        # Django sends pre_save for the saved class only: news connects it for ArticlePage.
        pre_save.connect(purge_live_version_before_save, sender=LivePage, dispatch_uid="dateline.live.page_pre_save")
