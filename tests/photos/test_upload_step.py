"""The photo upload asks description, credit and caption in its first step: each file is a photo at once."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from dateline.photos.models import Photo

pytestmark = pytest.mark.django_db


def jpeg(name="harbour.jpg"):
    out = io.BytesIO()
    Image.new("RGB", (320, 180), "teal").save(out, "JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def test_the_upload_page_asks_description_credit_and_caption(as_editor):
    soup = BeautifulSoup(as_editor.get(reverse("wagtailimages:add_multiple")).content, "html.parser")
    form = soup.find("input", id="fileupload").find_parent("form")
    names = {field["name"] for field in form.select("input[name], textarea[name]")}
    assert {"description", "credit", "default_caption"} <= names


def test_an_upload_with_them_is_a_photo_at_once(as_editor):
    response = as_editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": jpeg(),
            "description": "Ships wait outside the harbour",
            "credit": "AFP",
            "default_caption": "Ships wait to dock.",
        },
    )
    assert response.json()["success"]
    photo = Photo.objects.get()
    assert (photo.description, photo.credit, photo.default_caption) == (
        "Ships wait outside the harbour",
        "AFP",
        "Ships wait to dock.",
    )


def test_an_upload_without_them_still_asks_in_a_second_form(as_editor):
    response = as_editor.post(reverse("wagtailimages:add_multiple"), {"files[]": jpeg()})
    assert response.json()["success"]
    assert not Photo.objects.exists()  # Wagtail keeps the file until its form is complete
