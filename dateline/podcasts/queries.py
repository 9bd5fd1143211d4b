"""What readers and podcast apps may see of the shows: live, public pages only."""

from wagtail.models import Site

from .models import PodcastEpisodePage, PodcastShowPage


def published_episodes(show: PodcastShowPage, *, limit: int | None = None):
    """Live, unrestricted episodes of a show that have a recording, newest first, recordings fetched.

    Drafts, scheduled (not yet live) and privacy-restricted episodes never appear.
    """
    episodes = (
        PodcastEpisodePage.objects.child_of(show)
        .live()
        .public()
        .filter(audio__isnull=False)
        .select_related("audio")
        .order_by("-first_published_at", "-pk")
    )
    return episodes[:limit] if limit else episodes


def published_shows(site: Site | None):
    """Live, unrestricted shows of a site (all sites when None), by title."""
    shows = PodcastShowPage.objects.live().public().select_related("artwork").order_by("title")
    return shows.in_site(site) if site else shows
