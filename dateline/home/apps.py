from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "dateline.home"
    label = "home"
    verbose_name = _("Front page")

    def ready(self):
        from .models import BreakingNewsBanner
        from .signals import purge_front_pages

        post_save.connect(purge_front_pages, sender=BreakingNewsBanner, dispatch_uid="home-banner-purge")
