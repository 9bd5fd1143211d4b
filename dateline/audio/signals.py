"""An edited or deleted audio file: purge every live page that plays it (Wagtail's reference index
knows them: article leads and body blocks, podcast episodes), whatever room the page belongs to."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save, pre_delete
from wagtail.models import Page, ReferenceIndex

from dateline.core.purge import purge_page

from .models import Audio


def pages_playing(audio: Audio) -> list[Page]:
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(audio).filter(base_content_type=page_type)
    ids = references.values_list("object_id", flat=True)
    return list(Page.objects.live().filter(pk__in=[int(pk) for pk in ids if str(pk).isdigit()]).specific())


def purge_pages_playing(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return
    for page in pages_playing(instance):
        purge_page(page)


def connect() -> None:
    """Called from AudioConfig.ready()."""
    uid = "dateline.audio.signals."
    post_save.connect(purge_pages_playing, sender=Audio, dispatch_uid=uid + "saved")
    pre_delete.connect(purge_pages_playing, sender=Audio, dispatch_uid=uid + "deleted")
