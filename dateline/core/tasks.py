"""Background work of the shared ground: purges owed to Varnish and CDNs, rendition pre-generation.

They run through django-tasks: inline with the ImmediateBackend (development, tests), in the
`dateline db_worker` process with the database backend (production, DATELINE_TASKS_BACKEND=database).
"""

import logging

from django_tasks import task
from wagtail.images import get_image_model

from .purge import deliver_pending

logger = logging.getLogger(__name__)


@task()
def deliver_purges(ids: list[int]) -> None:
    """Deliver owed purges to Varnish and the CDN; what fails stays owed (dateline.core.purge.deliver)."""
    deliver_pending(ids)


@task()
def prepare_renditions(image_ids: list[int], specs: list[str]) -> None:
    """Make the renditions pages will ask for, so no reader's request waits for Pillow."""
    for image in get_image_model().objects.filter(pk__in=image_ids):
        try:
            image.get_renditions(*specs)
        except (OSError, ValueError) as error:
            # A missing or broken file: the page falls back to rendering on demand, as Wagtail does.
            logger.warning("Could not prepare renditions of image %s: %s", image.pk, error)
