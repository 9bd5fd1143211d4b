"""Background work of the shared ground: cache purges and rendition pre-generation.

They run through django-tasks: inline with the ImmediateBackend (development, tests), in the
`dateline db_worker` process with the database backend (production, DATELINE_TASKS_BACKEND=database).
"""

import logging

from django_tasks import task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import get_backends
from wagtail.images import get_image_model

logger = logging.getLogger(__name__)


@task()
def purge_caches(urls: list[str], keys: list[str], hard: bool = False) -> None:
    """Purge surrogate keys from the backends that understand them, then URLs from all of them."""
    if keys:
        for name, backend in get_backends().items():
            purge_keys = getattr(backend, "purge_keys", None)
            if purge_keys is not None:
                logger.info("[%s] Purging keys%s: %s", name, " (hard)" if hard else "", " ".join(keys))
                purge_keys(keys, hard=hard)
    if urls:
        # Wagtail's own task body: groups URLs by host for each backend's HOSTNAMES.
        purge_urls_from_cache_task.call(urls)


@task()
def prepare_renditions(image_ids: list[int], specs: list[str]) -> None:
    """Make the renditions pages will ask for, so no reader's request waits for Pillow."""
    for image in get_image_model().objects.filter(pk__in=image_ids):
        try:
            image.get_renditions(*specs)
        except (OSError, ValueError) as error:
            # A missing or broken file: the page falls back to rendering on demand, as Wagtail does.
            logger.warning("Could not prepare renditions of image %s: %s", image.pk, error)
