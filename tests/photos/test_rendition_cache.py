"""The renditions cache: what a page reads from it is not written back on every view."""

from unittest import mock

import pytest

from dateline.photos.models import Photo, PhotoRendition

from .factories import PhotoFactory

pytestmark = pytest.mark.django_db

SPECS = ("width-480", "width-800|format-webp")


def test_renditions_read_from_the_cache_are_not_written_back():
    photo = PhotoFactory()
    photo.get_renditions(*SPECS)  # made, and written to the cache
    fresh = Photo.objects.get(pk=photo.pk)
    with mock.patch.object(PhotoRendition.cache_backend, "set_many") as set_many:
        found = fresh.get_renditions(*SPECS)
    assert set(found) == set(SPECS)
    set_many.assert_not_called()


def test_renditions_missing_from_the_cache_are_written_to_it():
    photo = PhotoFactory()
    photo.get_renditions(*SPECS)
    PhotoRendition.cache_backend.clear()
    fresh = Photo.objects.get(pk=photo.pk)
    with mock.patch.object(PhotoRendition.cache_backend, "set_many") as set_many:
        fresh.get_renditions(*SPECS)
    (written,), _ = set_many.call_args
    assert len(written) == len(SPECS)
