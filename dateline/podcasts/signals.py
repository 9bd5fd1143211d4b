"""A show's artwork edited or replaced in the photo library: purge the show (its page and feed)."""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_save

from dateline.core.purge import purge_page

from .models import PodcastShowPage


def purge_shows_of_artwork(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    for show in PodcastShowPage.objects.live().filter(artwork=instance):
        purge_page(show)


def connect() -> None:
    """Called from PodcastsConfig.ready()."""
    photo_model = apps.get_model(settings.WAGTAILIMAGES_IMAGE_MODEL)
    post_save.connect(purge_shows_of_artwork, sender=photo_model, dispatch_uid="dateline.podcasts.signals.artwork")
