"""Photo: credit and default caption on the image itself, and the admin's rules for uploading one."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model

from dateline.core.models import NewsroomSettings
from dateline.photos.models import Photo
from tests.photos.factories import PhotoFactory

pytestmark = pytest.mark.django_db


def jpeg(name="harbour.jpg", size=(640, 360)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "teal").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def test_photo_is_wagtails_image_model():
    assert get_image_model() is Photo


def test_photo_keeps_its_credit_and_default_caption():
    photo = PhotoFactory(credit="AFP", default_caption="Delegates arrive.")
    stored = Photo.objects.get(pk=photo.pk)
    assert (stored.credit, stored.default_caption) == ("AFP", "Delegates arrive.")


def test_alt_text_is_the_description_or_else_the_caption():
    assert PhotoFactory(description="A ship in the harbour").alt_text == "A ship in the harbour"
    assert PhotoFactory(description="", default_caption="The harbour at dawn.").alt_text == "The harbour at dawn."


def test_renditions_are_stored_per_photo():
    photo = PhotoFactory()
    rendition = photo.get_rendition("width-480|format-webp")
    assert (rendition.width, rendition.url.endswith(".webp")) == (480, True)
    assert photo.renditions.count() == 1


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


def add_photo(client, **fields):
    data = {"title": "Harbour", "description": "Ships in the harbour", "credit": "", "default_caption": ""}
    data.update(fields)
    return client.post(reverse("wagtailimages:add"), {**data, "file": jpeg()})


def field_errors(response, name):
    soup = BeautifulSoup(response.content, "lxml")
    field = soup.find(["input", "textarea", "select"], attrs={"name": name})
    wrapper = field.find_parent(attrs={"data-field": True})
    return " ".join(error.get_text(" ", strip=True) for error in wrapper.select(".error-message"))


def test_photo_without_credit_is_refused_when_the_newsroom_requires_credits(as_editor, home):
    NewsroomSettings.objects.update_or_create(site=home.get_site(), defaults={"require_photo_credits": True})
    response = add_photo(as_editor, credit="  ")
    assert response.status_code == 200
    assert field_errors(response, "credit") == (
        "Add a credit, such as AFP or the photographer's name: this newsroom requires one on every photo."
    )
    assert not Photo.objects.exists()


def test_photo_without_credit_is_saved_when_the_newsroom_does_not_require_credits(as_editor, home):
    NewsroomSettings.objects.update_or_create(site=home.get_site(), defaults={"require_photo_credits": False})
    response = add_photo(as_editor)
    assert response.status_code == 302
    assert Photo.objects.get().credit == ""


def test_photo_with_credit_and_caption_is_saved(as_editor, home):
    response = add_photo(as_editor, credit=" AFP ", default_caption="Ships wait to dock.")
    assert response.status_code == 302
    photo = Photo.objects.get()
    assert (photo.credit, photo.default_caption, photo.description) == (
        "AFP",
        "Ships wait to dock.",
        "Ships in the harbour",
    )


def test_photo_without_alt_text_is_refused(as_editor, home):
    response = add_photo(as_editor, credit="AFP", description="")
    assert response.status_code == 200
    assert field_errors(response, "description") == (
        "Describe what the photo shows: readers who cannot see it get this text instead."
    )
    assert not Photo.objects.exists()


def test_bulk_upload_keeps_a_photo_without_credit_out_of_the_library(as_editor, home):
    """Wagtail's multiple uploader holds the file until its form (credit included) is valid."""
    response = as_editor.post(reverse("wagtailimages:add_multiple"), {"files[]": jpeg()})
    payload = response.json()
    assert payload["success"] is True
    assert not Photo.objects.exists()
    upload_id = payload["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=(upload_id,))
    refused = as_editor.post(
        url, {f"{prefix}-title": "Harbour", f"{prefix}-description": "Ships", f"{prefix}-credit": ""}
    )
    assert refused.json()["success"] is False
    assert not Photo.objects.exists()
    accepted = as_editor.post(
        url, {f"{prefix}-title": "Harbour", f"{prefix}-description": "Ships", f"{prefix}-credit": "AFP"}
    )
    assert accepted.json()["success"] is True
    assert Photo.objects.get().credit == "AFP"


def test_credit_is_marked_required_while_the_newsroom_requires_it(as_editor, home):
    NewsroomSettings.objects.update_or_create(site=home.get_site(), defaults={"require_photo_credits": True})
    soup = BeautifulSoup(as_editor.get(reverse("wagtailimages:add")).content, "lxml")
    assert soup.find("input", attrs={"name": "credit"}).has_attr("required")
    NewsroomSettings.objects.filter(site=home.get_site()).update(require_photo_credits=False)
    soup = BeautifulSoup(as_editor.get(reverse("wagtailimages:add")).content, "lxml")
    assert not soup.find("input", attrs={"name": "credit"}).has_attr("required")
