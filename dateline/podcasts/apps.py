from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PodcastsConfig(AppConfig):
    name = "dateline.podcasts"
    label = "podcasts"
    verbose_name = _("Podcasts")

    def ready(self):
        from . import signals

        signals.connect()
