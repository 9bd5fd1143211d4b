"""A show's podcast feed: RSS 2.0 with Apple's iTunes tags and Podcasting 2.0's.

What Apple (https://podcasters.apple.com/support/823-podcast-requirements) and Spotify
(https://support.spotify.com/us/podcasters/article/podcast-delivery-specification-1-9/) require is
checked by tests/podcasts/feed_requirements.py. Built with ElementTree, so it is always well formed.
"""

from __future__ import annotations

from email.utils import format_datetime
from xml.etree import ElementTree as ET

from django.conf import settings

from .queries import published_episodes

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("itunes", ITUNES)
ET.register_namespace("podcast", PODCAST)
ET.register_namespace("atom", ATOM)
# Apple and Spotify: square, 1400 to 3000 pixels a side, JPEG or PNG.
ARTWORK_MIN, ARTWORK_MAX = 1400, 3000
FEED_EPISODES = 300
# Apple names M4A audio audio/x-m4a in enclosures.
ENCLOSURE_TYPES = {"audio/mp4": "audio/x-m4a"}


def artwork_spec(photo) -> str:
    """The rendition the feed links: the largest square (up to 3000 px) of the photo, as JPEG."""
    side = min(photo.width, photo.height, ARTWORK_MAX)
    return f"fill-{side}x{side}|format-jpeg|jpegquality-85"


def artwork_problems(photo) -> list[str]:
    """Why a photo would not make show artwork podcast apps take (empty when it would)."""
    from django.utils.translation import gettext as _

    if photo is None:
        return [_("The show has no artwork: Apple and Spotify refuse feeds without it.")]
    problems = []
    if min(photo.width, photo.height) < ARTWORK_MIN:
        problems.append(
            _("The artwork is %(w)s by %(h)s pixels: podcast apps need at least 1400 by 1400.")
            % {"w": photo.width, "h": photo.height}
        )
    if photo.width != photo.height:
        problems.append(_("The artwork is not square: podcast apps will show its middle square only."))
    return problems


def _sub(parent, tag: str, text=None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: str(value) for key, value in attributes.items()})
    if text is not None:
        element.text = str(text)
    return element


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url)


def podcast_feed(show, request) -> bytes:
    """The show's feed as UTF-8 XML: its live, public episodes with a recording, newest first."""
    show_url = show.get_full_url(request)
    feed_url = show_url + "feed/"
    language = show.locale.language_code
    explicit = "true" if show.explicit else "false"

    rss = ET.Element("rss", {"version": "2.0"})
    channel = _sub(rss, "channel")
    _sub(channel, f"{{{ATOM}}}link", href=feed_url, rel="self", type="application/rss+xml")
    _sub(channel, "title", show.title)
    _sub(channel, "link", show_url)
    _sub(channel, "description", show.description)
    _sub(channel, "language", language)
    _sub(channel, "generator", "Dateline")
    _sub(channel, f"{{{ITUNES}}}author", show.owner_name)
    _sub(channel, f"{{{ITUNES}}}summary", show.description)
    _sub(channel, f"{{{ITUNES}}}type", "episodic")
    _sub(channel, f"{{{ITUNES}}}explicit", explicit)
    owner = _sub(channel, f"{{{ITUNES}}}owner")
    _sub(owner, f"{{{ITUNES}}}name", show.owner_name)
    _sub(owner, f"{{{ITUNES}}}email", show.owner_email)
    category, _slash, subcategory = show.category.partition("/")
    category_element = ET.SubElement(channel, f"{{{ITUNES}}}category", {"text": category})
    if subcategory:
        ET.SubElement(category_element, f"{{{ITUNES}}}category", {"text": subcategory})
    if show.artwork:
        artwork_url = _absolute(request, show.artwork.get_rendition(artwork_spec(show.artwork)).url)
        _sub(channel, f"{{{ITUNES}}}image", href=artwork_url)
        image = _sub(channel, "image")
        _sub(image, "url", artwork_url)
        _sub(image, "title", show.title)
        _sub(image, "link", show_url)
    _sub(channel, f"{{{PODCAST}}}guid", show.podcast_guid)
    _sub(channel, f"{{{PODCAST}}}locked", "yes" if show.feed_locked else "no", owner=show.owner_email)
    copyright_holder = show.owner_name or settings.DATELINE_SITE_NAME
    _sub(channel, "copyright", f"© {copyright_holder}")

    episodes = list(published_episodes(show, limit=FEED_EPISODES))
    if episodes:
        newest = max(episode.last_published_at or episode.first_published_at for episode in episodes)
        _sub(channel, "lastBuildDate", format_datetime(newest))
    for episode in episodes:
        _episode_item(channel, episode, request)
    ET.indent(rss)
    return ET.tostring(rss, encoding="utf-8", xml_declaration=True)


def _episode_item(channel, episode, request) -> None:
    audio = episode.audio
    episode_url = episode.get_full_url(request)
    item = _sub(channel, "item")
    _sub(item, "title", episode.title)
    _sub(item, f"{{{ITUNES}}}title", episode.title)
    _sub(item, "link", episode_url)
    _sub(item, "description", episode.summary)
    # The GUID is set when the episode is made and never follows its title, slug or show.
    _sub(item, "guid", episode.episode_guid, isPermaLink="false")
    _sub(item, "pubDate", format_datetime(episode.first_published_at))
    _sub(
        item,
        "enclosure",
        url=_absolute(request, audio.file.url),
        length=audio.file_size,
        type=ENCLOSURE_TYPES.get(audio.mime_type, audio.mime_type),
    )
    _sub(item, f"{{{ITUNES}}}duration", round(audio.duration))
    _sub(item, f"{{{ITUNES}}}explicit", "true" if episode.explicit else "false")
    _sub(item, f"{{{ITUNES}}}episodeType", episode.episode_type)
    if episode.episode_number:
        _sub(item, f"{{{ITUNES}}}episode", episode.episode_number)
    if episode.season_number:
        _sub(item, f"{{{ITUNES}}}season", episode.season_number)
    if audio.transcript:
        _sub(item, f"{{{PODCAST}}}transcript", url=episode_url + "transcript/", type="text/plain")
    if audio.captions:
        captions_url = _absolute(request, audio.captions.url)
        _sub(item, f"{{{PODCAST}}}transcript", url=captions_url, type="text/vtt", rel="captions")
    if episode.chapter_list:
        _sub(item, f"{{{PODCAST}}}chapters", url=episode_url + "chapters/", type="application/json+chapters")
