"""Imports started from the admin: store the uploaded export, check it with a dry run, and on the
administrator's confirmation import it, recording progress and reports on an ImportRun.

The work itself is `services.import_wordpress`; `check_run` and `carry_out_run` are the background tasks
(django-tasks) that run it.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from .models import ImportRun, ImportRunStatus
from .services import ImportRefused, import_wordpress
from .wxr import WXRError

logger = logging.getLogger(__name__)

# The run's progress is written every so many posts: often enough for a page refreshing every few
# seconds, rarely enough not to add a write per post.
PROGRESS_EVERY = 25
# An importing run not heard from for this long lost its worker (a restart, a deploy, a crash): the
# photos before the posts and the indexing after them report nothing, so it is generous.
STALLED_AFTER = dt.timedelta(minutes=30)


def imports_dir() -> Path:
    """Where uploaded exports and the operator's uploads folders live: in the data folder, never the
    media folder (an export holds authors' e-mail addresses and private posts)."""
    return Path(settings.DATA_DIR) / "imports"


def export_path(run: ImportRun) -> Path:
    return imports_dir() / run.export_name


def uploads_path(run: ImportRun) -> Path | None:
    return imports_dir() / run.uploads_folder if run.uploads_folder else None


def resolve_uploads_folder(name: str) -> Path:
    """The folder `name` inside the imports folder, or ImportRefused if it is elsewhere or missing."""
    base = imports_dir().resolve()
    folder = (base / name).resolve()
    if folder == base or not folder.is_relative_to(base):
        raise ImportRefused(_("Name a folder inside the imports folder (%(base)s).") % {"base": base})
    if not folder.is_dir():
        raise ImportRefused(_("There is no folder “%(name)s” in %(base)s.") % {"name": name, "base": base})
    return folder


def start_run(*, user, export: UploadedFile, uploads_folder: str = "", time_zone: str = "UTC") -> ImportRun:
    """Store the export under the imports folder, record the run, and queue its dry run."""
    folder = imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.xml"
    with open(folder / name, "xb") as stored:
        for chunk in export.chunks():
            stored.write(chunk)
    (folder / name).chmod(0o600)
    run = ImportRun.objects.create(
        started_by=user,
        original_name=Path(export.name or "").name[:255],
        export_name=name,
        uploads_folder=uploads_folder,
        time_zone=time_zone,
    )
    transaction.on_commit(lambda: check_run.enqueue(run.pk))
    return run


def confirm_run(*, run: ImportRun, user) -> bool:
    """Queue the import of a checked run; False (and nothing queued) unless it waits for confirmation,
    so a second confirmation imports nothing twice."""
    now = timezone.now()
    claimed = ImportRun.objects.filter(pk=run.pk, status=ImportRunStatus.READY).update(
        status=ImportRunStatus.IMPORTING, confirmed_by=user, confirmed_at=now, heartbeat_at=now, posts_done=0, error=""
    )
    if claimed:
        transaction.on_commit(lambda: carry_out_run.enqueue(run.pk))
    return bool(claimed)


@task()
def check_run(run_id: int) -> None:
    """The dry run: record its report and wait for confirmation, or record why the file was refused."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportRunStatus.CHECKING:
        return
    seen = {"total": 0}

    def count(done: int, total: int) -> None:
        seen["total"] = total  # the dry run is rolled back: its progress is not written

    try:
        report = _run(run, dry_run=True, progress=count)
    except _Failed as failure:
        _fail(run, str(failure))
        return
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRunStatus.READY, dry_run_report=report.as_json(), posts_total=seen["total"], posts_done=0
    )


@task()
def carry_out_run(run_id: int) -> None:
    """The confirmed import, writing its progress every PROGRESS_EVERY posts, then its report."""
    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportRunStatus.IMPORTING or run.finished_at:
        return

    def record_progress(done: int, total: int) -> None:
        if done % PROGRESS_EVERY == 0 or done == total:
            ImportRun.objects.filter(pk=run.pk, status=ImportRunStatus.IMPORTING).update(
                posts_done=done, posts_total=total, heartbeat_at=timezone.now()
            )

    try:
        report = _run(run, dry_run=False, progress=record_progress)
    except _Failed as failure:
        _fail(run, str(failure))
        return
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRunStatus.DONE, report=report.as_json(), finished_at=timezone.now()
    )
    export_path(run).unlink(missing_ok=True)  # it holds private data and is no longer needed


def discard_run(*, run: ImportRun) -> bool:
    """Forget a run nobody confirmed (its dry run done, or refused): the run and its stored export go.
    False, and nothing deleted, once it was confirmed or while its dry run is still going."""
    deleted, _rows = ImportRun.objects.filter(
        pk=run.pk, confirmed_at__isnull=True, status__in=[ImportRunStatus.READY, ImportRunStatus.FAILED]
    ).delete()
    if deleted:
        export_path(run).unlink(missing_ok=True)  # it holds authors' e-mails and private posts
    return bool(deleted)


def notice_stalled_runs(*, now: dt.datetime | None = None) -> int:
    """Imports whose worker stopped reporting (STALLED_AFTER) wait for confirmation again, saying why.

    The export is still there and the import is safe to run again (it skips what it already wrote),
    so confirming carries on where it stopped. Returns how many runs were found stalled.
    """
    now = now or timezone.now()
    stalled = ImportRun.objects.filter(
        status=ImportRunStatus.IMPORTING, finished_at__isnull=True, heartbeat_at__lt=now - STALLED_AFTER
    )
    message = _(
        "The import stopped reporting progress for more than %(minutes)d minutes: its worker was probably "
        "stopped or restarted. What it imported is kept; confirm again to carry on from there."
    ) % {"minutes": STALLED_AFTER.total_seconds() // 60}
    return stalled.update(status=ImportRunStatus.READY, error=message)


class _Failed(Exception):
    pass


def _run(run: ImportRun, *, dry_run: bool, progress):
    try:
        uploads = resolve_uploads_folder(run.uploads_folder) if run.uploads_folder else None
        return import_wordpress(
            path=export_path(run), uploads=uploads, time_zone=run.time_zone, dry_run=dry_run, progress=progress
        )
    except (WXRError, ImportRefused) as error:
        raise _Failed(str(error)) from error
    except Exception as error:
        logger.exception("WordPress import run %s failed", run.pk)
        raise _Failed(
            _("The import stopped on an unexpected error (%(error)s).") % {"error": str(error) or type(error).__name__}
        ) from error


def _fail(run: ImportRun, message: str) -> None:
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.FAILED, error=message, finished_at=timezone.now())
    export_path(run).unlink(missing_ok=True)
