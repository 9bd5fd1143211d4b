from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AudioConfig(AppConfig):
    name = "dateline.audio"
    label = "audio"
    verbose_name = _("Audio")

    def ready(self):
        from . import signals

        signals.connect()
