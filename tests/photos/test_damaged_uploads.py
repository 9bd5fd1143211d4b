"""Damaged, truncated or mislabelled photos and documents get a form error, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model

from dateline.photos.models import Photo

pytestmark = pytest.mark.django_db


def image_bytes(kind: str) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "teal").save(buffer, kind)
    return buffer.getvalue()


# name → content: each one a file a newsroom might really receive, broken in a different way.
DAMAGED_IMAGES = {
    "truncated-gif": ("harbour.gif", image_bytes("GIF")[:53]),
    "truncated-png": ("harbour.png", image_bytes("PNG")[:60]),
    "truncated-jpeg": ("harbour.jpg", image_bytes("JPEG")[:200]),
    "png-named-jpeg": ("harbour.jpg", image_bytes("PNG")),
    "text-named-gif": ("harbour.gif", b"GIF89a this is not an image at all"),
    "empty-gif": ("harbour.gif", b"GIF89a"),
}


@pytest.fixture(params=["editor", "reporter"])
def newsroom_client(request, client):
    client.force_login(request.getfixturevalue(request.param))
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("damaged", DAMAGED_IMAGES, ids=list(DAMAGED_IMAGES))
def test_a_damaged_image_gets_a_form_error_on_the_add_form(newsroom_client, damaged):
    name, content = DAMAGED_IMAGES[damaged]
    response = newsroom_client.post(
        reverse("wagtailimages:add"),
        {"title": "Harbour", "description": "Ships", "credit": "AFP", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Photo.objects.exists()


@pytest.mark.parametrize("damaged", DAMAGED_IMAGES, ids=list(DAMAGED_IMAGES))
def test_a_damaged_image_gets_an_error_from_the_bulk_uploader(newsroom_client, damaged):
    name, content = DAMAGED_IMAGES[damaged]
    response = newsroom_client.post(
        reverse("wagtailimages:add_multiple"), {"files[]": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False
    assert payload["error_message"]
    assert not Photo.objects.exists()


def test_a_sound_image_is_still_accepted(newsroom_client):
    upload = SimpleUploadedFile("harbour.gif", image_bytes("GIF"))
    response = newsroom_client.post(
        reverse("wagtailimages:add"), {"title": "Harbour", "description": "Ships", "credit": "AFP", "file": upload}
    )
    assert response.status_code == 302
    assert Photo.objects.get().file.name.endswith(".gif")


# --- Documents ------------------------------------------------------------------------------


def office_file(member: str, mimetype: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr("mimetype", mimetype)
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


SOUND_DOCUMENTS = {
    "pdf": ("budget.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"),
    "docx": ("budget.docx", office_file("word/document.xml")),
    "xlsx": ("budget.xlsx", office_file("xl/workbook.xml")),
    "odt": ("budget.odt", office_file("content.xml", b"application/vnd.oasis.opendocument.text")),
    "csv": ("budget.csv", b"country,amount\nBelgium,12\n"),
    "txt": ("budget.txt", "Le budget a été adopté.\n".encode()),
}
BAD_DOCUMENTS = {
    "html-named-pdf": ("budget.pdf", b"<html><script>alert(1)</script></html>"),
    "executable-named-pdf": ("budget.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
    "truncated-docx": ("budget.docx", office_file("word/document.xml")[:40]),
    "zip-named-docx": ("budget.docx", office_file("notes.txt")),
    "binary-named-csv": ("budget.csv", b"\x00\x01\x02\x03binary"),
    "html-not-allowed": ("budget.html", b"<html></html>"),
    "svg-not-allowed": ("budget.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
}


def add_document(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"), {"title": "Budget", "collection": 1, "file": SimpleUploadedFile(name, content)}
    )


@pytest.mark.parametrize("kind", SOUND_DOCUMENTS, ids=list(SOUND_DOCUMENTS))
def test_a_document_of_an_allowed_type_is_accepted(newsroom_client, kind):
    response = add_document(newsroom_client, *SOUND_DOCUMENTS[kind])
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize("kind", BAD_DOCUMENTS, ids=list(BAD_DOCUMENTS))
def test_a_mislabelled_or_damaged_document_gets_a_form_error(newsroom_client, kind):
    response = add_document(newsroom_client, *BAD_DOCUMENTS[kind])
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not get_document_model().objects.exists()


def test_a_document_over_the_size_limit_gets_a_form_error(newsroom_client, settings):
    settings.DATELINE_DOCUMENTS_MAX_UPLOAD_SIZE = 1024
    response = add_document(newsroom_client, "budget.csv", b"country,amount\n" * 200)
    assert response.status_code == 200
    assert "1.0\xa0KB at most" in " ".join(response.context["form"].errors["file"])
    assert not get_document_model().objects.exists()


def test_the_bulk_document_uploader_refuses_a_mislabelled_document(newsroom_client):
    response = newsroom_client.post(
        reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile(*BAD_DOCUMENTS["html-named-pdf"])}
    )
    payload = response.json()
    assert payload["success"] is False
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize(("kind", "disposition"), [("pdf", "inline"), ("csv", "attachment"), ("docx", "attachment")])
def test_a_served_document_keeps_its_safe_headers(client, home, kind, disposition):
    name, content = SOUND_DOCUMENTS[kind]
    document = get_document_model().objects.create(title="Budget", file=SimpleUploadedFile(name, content))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["Content-Disposition"].startswith(disposition)
    assert "public" not in response.get("Cache-Control", "")
