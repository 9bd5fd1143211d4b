"""The admin door of the import: upload an export, read the dry-run report, confirm, follow the import."""

import shutil

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dateline.accounts.roles import ensure_newsroom_groups
from dateline.ingest.wordpress import runs
from dateline.ingest.wordpress.models import ImportRun, ImportRunStatus
from dateline.news.models import ArticlePage
from tests.conftest import STAFF_PASSWORD

from .conftest import EXPORT, UPLOADS

pytestmark = pytest.mark.django_db

START = reverse("wordpress_import:start")


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path, home):
    """A data folder of the test's own, with the operator's copy of the uploads in its imports folder."""
    ensure_newsroom_groups()
    settings.DATA_DIR = tmp_path / "data"
    shutil.copytree(UPLOADS, settings.DATA_DIR / "imports" / "uploads")
    return settings.DATA_DIR


def export_file(content: bytes | None = None, name: str = "site.WordPress.xml"):
    return SimpleUploadedFile(name, EXPORT.read_bytes() if content is None else content, content_type="text/xml")


@pytest.fixture
def upload(admin_client, django_capture_on_commit_callbacks):
    """Post the upload form as a superuser, running the queued dry run; returns the response."""

    def post(**data):
        data.setdefault("export", export_file())
        data.setdefault("uploads_folder", "uploads")
        data.setdefault("time_zone", "Europe/Brussels")
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(START, data)

    return post


@pytest.fixture
def confirm(admin_client, django_capture_on_commit_callbacks):
    def post(run):
        with django_capture_on_commit_callbacks(execute=True):
            return admin_client.post(reverse("wordpress_import:confirm", args=[run.pk]))

    return post


def report_counts(response, report_id: str) -> dict[str, list[int]]:
    """A report's table: kind → [created, updated, unchanged, skipped]."""
    section = BeautifulSoup(response.content, "html.parser").find(id=report_id)
    assert section is not None, report_id
    return {
        row["data-kind"]: [int(td.get_text()) for td in row.find_all("td")] for row in section.select("tr[data-kind]")
    }


def refused(response) -> bool:
    """Wagtail's refusal of a signed-in user without the right: back to the dashboard, with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def status_on(response) -> str:
    return BeautifulSoup(response.content, "html.parser").find("dd", attrs={"data-status": True})["data-status"]


def test_upload_shows_the_dry_run_report_and_writes_no_article(admin_client, upload):
    response = upload()

    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wordpress_import:run", args=[run.pk])
    page = admin_client.get(response["Location"])
    assert status_on(page) == ImportRunStatus.READY
    counts = report_counts(page, "dry-run-report")
    assert counts["post"] == [9, 0, 0, 0]
    assert counts["comment"] == [50, 0, 0, 0]
    assert not ArticlePage.objects.exists()
    form = BeautifulSoup(page.content, "html.parser").find(
        "form", action=reverse("wordpress_import:confirm", args=[run.pk])
    )
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is not None
    assert run.posts_total == 9
    assert run.posts_done == 0


def test_a_checking_run_refreshes_itself_and_shows_progress(admin_client):
    admin_client.post(START, {"export": export_file(), "time_zone": "UTC"})  # its dry run not run yet
    run = ImportRun.objects.get()

    page = BeautifulSoup(admin_client.get(reverse("wordpress_import:run", args=[run.pk])).content, "html.parser")

    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == "3"
    assert page.find("progress") is not None
    assert page.find("dd", attrs={"data-status": True})["data-status"] == ImportRunStatus.CHECKING


def test_confirm_imports_the_articles_and_shows_the_report(admin_client, upload, confirm):
    upload()
    run = ImportRun.objects.get()

    response = confirm(run)

    assert response.status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRunStatus.DONE
    assert ArticlePage.objects.count() == 9
    page = admin_client.get(reverse("wordpress_import:run", args=[run.pk]))
    assert report_counts(page, "final-report")["post"] == [9, 0, 0, 0]
    assert BeautifulSoup(page.content, "html.parser").find("meta", attrs={"http-equiv": "refresh"}) is None
    assert run.report["redirects"] > 0
    assert run.confirmed_by.is_superuser


def test_progress_is_recorded_as_posts_are_imported(upload, confirm, monkeypatch):
    monkeypatch.setattr(runs, "PROGRESS_EVERY", 2)
    upload()
    run = ImportRun.objects.get()
    original, seen = runs.import_wordpress, []

    def watched(**options):
        record = options["progress"]

        def progress(done, total):
            record(done, total)
            seen.append(ImportRun.objects.values_list("posts_done", "posts_total").get(pk=run.pk))

        return original(**{**options, "progress": progress})

    monkeypatch.setattr(runs, "import_wordpress", watched)
    confirm(run)

    assert [done for done, _total in seen] == [0, 2, 2, 4, 4, 6, 6, 8, 9]
    assert {total for _done, total in seen} - {0} == {9}


def test_confirming_twice_imports_once(upload, confirm, monkeypatch):
    upload()
    run = ImportRun.objects.get()
    calls = []
    original = runs.import_wordpress

    def counting(**kw):
        calls.append(kw)
        return original(**kw)

    monkeypatch.setattr(runs, "import_wordpress", counting)

    confirm(run)
    confirm(run)

    assert len(calls) == 1
    assert ArticlePage.objects.count() == 9


def test_export_is_stored_in_the_data_folder_not_the_media_folder(upload, settings, data_dir):
    upload()
    run = ImportRun.objects.get()

    stored = runs.export_path(run)
    assert stored.is_file()
    assert stored.parent == data_dir / "imports"
    assert not stored.resolve().is_relative_to(settings.MEDIA_ROOT.resolve())
    assert stored.read_bytes() == EXPORT.read_bytes()


def test_export_is_deleted_once_imported(upload, confirm):
    upload()
    run = ImportRun.objects.get()
    confirm(run)
    assert not runs.export_path(run).exists()


def test_a_file_that_is_not_an_export_gives_a_form_error(admin_client, upload):
    response = upload(export=export_file(b"\x89PNG\r\n\x1a\n not xml", name="photo.png"))

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert any("not a WordPress export" in e.get_text() for e in errors)
    assert not ImportRun.objects.exists()


def test_a_file_over_the_size_cap_gives_a_form_error(upload, settings):
    settings.DATELINE_IMPORT_MAX_UPLOAD_SIZE = 100

    response = upload()

    assert response.status_code == 200
    errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert any("the largest export accepted here" in e.get_text() for e in errors)
    assert not ImportRun.objects.exists()


@pytest.mark.parametrize("folder", ["../..", "/etc", "uploads/../../..", "missing"])
def test_an_uploads_folder_outside_the_imports_folder_is_refused(upload, folder):
    response = upload(uploads_folder=folder)

    assert response.status_code == 200
    assert BeautifulSoup(response.content, "html.parser").select(".error-message")
    assert not ImportRun.objects.exists()


def test_an_xml_file_that_is_not_a_readable_export_fails_with_its_reason(admin_client, upload):
    bomb = b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>'
    response = upload(export=export_file(bomb))

    run = ImportRun.objects.get()
    assert run.status == ImportRunStatus.FAILED
    assert "declares XML entities" in run.error
    page = BeautifulSoup(admin_client.get(response["Location"]).content, "html.parser")
    assert "declares XML entities" in page.select_one(".wordpress-import-error").get_text()
    assert page.find("form", action=reverse("wordpress_import:confirm", args=[run.pk])) is None


def test_an_unexpected_error_in_the_task_is_recorded_on_the_run(upload, confirm, monkeypatch):
    upload()
    run = ImportRun.objects.get()

    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(runs, "import_wordpress", broken)
    confirm(run)

    run.refresh_from_db()
    assert run.status == ImportRunStatus.FAILED
    assert "disk full" in run.error


def test_non_superusers_are_refused(client, editor, django_capture_on_commit_callbacks):
    assert client.login(username=editor.username, password=STAFF_PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(START, {"export": export_file(), "time_zone": "UTC"})
    assert refused(response)
    assert not ImportRun.objects.exists()
    assert refused(client.get(START))


def test_non_superusers_can_neither_see_nor_confirm_a_run(client, editor, upload):
    upload()
    run = ImportRun.objects.get()
    assert client.login(username=editor.username, password=STAFF_PASSWORD)

    response = client.post(reverse("wordpress_import:confirm", args=[run.pk]))

    assert refused(response)
    assert refused(client.get(reverse("wordpress_import:run", args=[run.pk])))
    run.refresh_from_db()
    assert run.status == ImportRunStatus.READY


def test_confirm_needs_the_csrf_token(upload, admin_user):
    from django.test import Client

    upload()
    run = ImportRun.objects.get()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)

    response = strict.post(reverse("wordpress_import:confirm", args=[run.pk]))

    assert response.status_code == 403
    run.refresh_from_db()
    assert run.status == ImportRunStatus.READY


def test_the_menu_item_is_shown_to_superusers_only(admin_client, client, editor):
    def has_item(response):
        return b"import-wordpress" in response.content and START.encode() in response.content

    assert has_item(admin_client.get(reverse("wagtailadmin_home")))
    assert client.login(username=editor.username, password=STAFF_PASSWORD)
    assert not has_item(client.get(reverse("wagtailadmin_home")))


def test_past_runs_are_listed(admin_client, upload):
    upload()
    rows = BeautifulSoup(admin_client.get(START).content, "html.parser").select("table.listing tbody tr")
    assert len(rows) == 1
    assert "site.WordPress.xml" in rows[0].get_text()


def discard(client, run):
    return client.post(reverse("wordpress_import:discard", args=[run.pk]))


def test_an_unconfirmed_run_can_be_discarded_with_its_file(admin_client, upload):
    upload()
    run = ImportRun.objects.get()
    stored = runs.export_path(run)
    assert stored.exists()
    page = BeautifulSoup(admin_client.get(reverse("wordpress_import:run", args=[run.pk])).content, "html.parser")
    assert page.find("form", action=reverse("wordpress_import:discard", args=[run.pk])) is not None

    response = discard(admin_client, run)

    assert response.status_code == 302
    assert response["Location"] == START
    assert not ImportRun.objects.exists()
    assert not stored.exists()
    assert not ArticlePage.objects.exists()


def test_a_confirmed_run_cannot_be_discarded(admin_client, upload, confirm):
    upload()
    run = ImportRun.objects.get()
    confirm(run)

    discard(admin_client, run)

    assert ImportRun.objects.get().status == ImportRunStatus.DONE


def test_non_superusers_cannot_discard(client, editor, upload):
    upload()
    run = ImportRun.objects.get()
    assert client.login(username=editor.username, password=STAFF_PASSWORD)

    assert refused(discard(client, run))
    assert ImportRun.objects.exists()


def test_a_run_whose_worker_stopped_waits_to_be_confirmed_again_saying_why(admin_client, upload, confirm):
    import datetime as dt

    from django.utils import timezone

    upload()
    run = ImportRun.objects.get()
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    # What a worker killed mid-import leaves: importing, last heard from an hour ago.
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRunStatus.IMPORTING, confirmed_at=an_hour_ago, heartbeat_at=an_hour_ago, posts_done=3
    )

    response = admin_client.get(reverse("wordpress_import:run", args=[run.pk]))

    assert status_on(response) == ImportRunStatus.READY
    message = BeautifulSoup(response.content, "html.parser").find(class_="wordpress-import-error").get_text()
    assert "stopped reporting progress" in message
    confirm(run)
    run.refresh_from_db()
    assert run.status == ImportRunStatus.DONE
    assert run.error == ""
    assert ArticlePage.objects.count() == 9


def test_a_run_heard_from_recently_is_left_importing(upload):
    from django.utils import timezone

    upload()
    run = ImportRun.objects.get()
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.IMPORTING, heartbeat_at=timezone.now())

    assert runs.notice_stalled_runs() == 0
    assert ImportRun.objects.get().status == ImportRunStatus.IMPORTING
