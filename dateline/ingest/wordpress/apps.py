from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WordpressImportConfig(AppConfig):
    # Its own app inside the ingest room, so the import's bookkeeping has its own migrations.
    name = "dateline.ingest.wordpress"
    label = "wordpress_import"
    verbose_name = _("WordPress import")
