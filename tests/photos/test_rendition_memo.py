"""Renditions are remembered per process until the next purge, keyed by file and focal point."""

import pytest
from django.test import RequestFactory

from dateline.core.purge import current_request, purge_all_pages

from .factories import PhotoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def serving():
    token = current_request.set(RequestFactory().get("/"))
    yield
    current_request.reset(token)


def test_a_rendition_is_looked_up_once_per_process(serving, django_assert_num_queries):
    photo = PhotoFactory()
    first = photo.get_rendition("fill-160x90")
    with django_assert_num_queries(0):
        assert photo.get_rendition("fill-160x90") is first


def test_moving_the_focal_point_gives_a_new_rendition(serving):
    photo = PhotoFactory()
    first = photo.get_rendition("fill-160x90")
    photo.focal_point_x, photo.focal_point_y, photo.focal_point_width, photo.focal_point_height = 100, 100, 50, 50
    photo.save()
    moved = photo.get_rendition("fill-160x90")
    assert moved.focal_point_key != first.focal_point_key


def test_a_purge_forgets_remembered_renditions(serving):
    photo = PhotoFactory()
    first = photo.get_rendition("fill-160x90")
    purge_all_pages()
    token = current_request.set(RequestFactory().get("/"))  # a request after the purge
    try:
        again = photo.get_rendition("fill-160x90")
    finally:
        current_request.reset(token)
    assert again is not first
    assert again.pk == first.pk
