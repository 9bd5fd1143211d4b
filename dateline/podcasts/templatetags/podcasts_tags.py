from django import template
from wagtail.models import Site

from ..queries import published_shows

register = template.Library()


@register.inclusion_tag("podcasts/includes/show_list.html", takes_context=True)
def podcast_shows(context):
    """The site's shows, for the front page (a show's publication purges it: PodcastShowPage.get_purge_keys)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"shows": list(published_shows(site))}


@register.filter
def chapter_time(seconds: int) -> str:
    """A chapter's start as players show it: 1:30, or 1:02:03."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
