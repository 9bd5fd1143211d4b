"""What Apple Podcasts and Spotify require of a podcast feed, as one check: feed_problems(xml).

From Apple's "Podcast RSS feed requirements" (https://podcasters.apple.com/support/823-podcast-requirements)
and Spotify's "Podcast Delivery Specification" (https://support.spotify.com/us/podcasters/article/podcast-delivery-specification-1-9/),
plus the Podcasting 2.0 namespace (https://podcastindex.org/namespace/1.0) for the podcast: tags.
`read_media(url) -> bytes` lets the check open the artwork and enclosures (sizes, pixels).
"""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from email.utils import parsedate_to_datetime

from lxml import etree
from PIL import Image

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NS = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}
PODCAST_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
# Apple's categories, top level (https://podcasters.apple.com/support/1691-apple-podcasts-categories).
APPLE_CATEGORIES = {
    "Arts", "Business", "Comedy", "Education", "Fiction", "Government", "History", "Health & Fitness",
    "Kids & Family", "Leisure", "Music", "News", "Religion & Spirituality", "Science", "Society & Culture",
    "Sports", "Technology", "True Crime", "TV & Film",
}  # fmt: skip
# Enclosure types both accept for audio.
AUDIO_TYPES = {"audio/mpeg": (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"), "audio/x-m4a": (b"",)}


def feed_problems(xml: bytes, *, read_media: Callable[[str], bytes] | None = None) -> list[str]:
    """Every way the feed falls short of Apple's and Spotify's requirements; empty when it meets them."""
    problems: list[str] = []
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != "rss" or root.get("version") != "2.0":
        problems.append("the root is not <rss version='2.0'>")
    for prefix in ("itunes", "podcast"):
        if root.nsmap.get(prefix) != NS[prefix]:
            problems.append(f"the {prefix} namespace is not declared as {NS[prefix]}")
    channel = root.find("channel")
    if channel is None:
        return [*problems, "no <channel>"]

    def text(element, path: str) -> str:
        found = element.find(path, NS)
        return (found.text or "").strip() if found is not None else ""

    for path in ("title", "description", "link", "language", "itunes:author"):
        if not text(channel, path):
            problems.append(f"the channel has no {path}")
    if len(text(channel, "description")) > 4000:
        problems.append("the channel description is longer than 4000 characters")
    if text(channel, "itunes:explicit") not in ("true", "false"):
        problems.append("itunes:explicit is not true or false")
    categories = channel.findall("itunes:category", NS)
    if not categories or any(c.get("text") not in APPLE_CATEGORIES for c in categories):
        problems.append("itunes:category is missing or not one of Apple's")
    if not text(channel, "itunes:owner/itunes:email"):
        problems.append("itunes:owner has no itunes:email (Spotify and Apple verify ownership by it)")
    self_link = channel.find("atom:link[@rel='self']", NS)
    feed_url = self_link.get("href") if self_link is not None else ""
    if not feed_url:
        problems.append("no atom:link rel=self with the feed's URL")

    guid = text(channel, "podcast:guid")
    try:
        if uuid.UUID(guid).version != 5:
            problems.append("podcast:guid is not a UUIDv5")
    except ValueError:
        problems.append("podcast:guid is missing or not a UUID")
    locked = channel.find("podcast:locked", NS)
    if locked is None or (locked.text or "").strip() not in ("yes", "no") or not locked.get("owner"):
        problems.append("podcast:locked is missing, not yes/no, or names no owner")

    image = channel.find("itunes:image", NS)
    href = image.get("href", "") if image is not None else ""
    if not href.startswith(("http://", "https://")):
        problems.append("itunes:image has no absolute href")
    elif read_media is not None:
        problems += _artwork_problems(read_media(href))

    items = channel.findall("item")
    if not items:
        problems.append("the feed has no episodes")
    guids = [text(item, "guid") for item in items]
    if len(set(guids)) != len(guids) or not all(guids):
        problems.append("episode GUIDs are missing or repeated")
    for number, item in enumerate(items, start=1):
        problems += [f"episode {number}: {problem}" for problem in _item_problems(item, text, read_media)]
    return problems


def _artwork_problems(data: bytes) -> list[str]:
    try:
        picture = Image.open(io.BytesIO(data))
    except OSError:
        return ["the artwork is not a picture"]
    problems = []
    if picture.format not in ("JPEG", "PNG"):
        problems.append(f"the artwork is {picture.format}, not JPEG or PNG")
    if picture.mode != "RGB":
        problems.append(f"the artwork is in {picture.mode}, not RGB")
    width, height = picture.size
    if width != height or not 1400 <= width <= 3000:
        problems.append(f"the artwork is {width}x{height}, not a square of 1400 to 3000 pixels")
    return problems


def _item_problems(item, text, read_media) -> list[str]:
    problems = []
    if not text(item, "title"):
        problems.append("no title")
    enclosure = item.find("enclosure")
    if enclosure is None:
        return [*problems, "no enclosure"]
    url, length, kind = enclosure.get("url", ""), enclosure.get("length", ""), enclosure.get("type", "")
    if not url.startswith(("http://", "https://")):
        problems.append("the enclosure URL is not absolute")
    if kind not in AUDIO_TYPES:
        problems.append(f"the enclosure type {kind!r} is not MP3 (audio/mpeg) or M4A (audio/x-m4a)")
    if not length.isdigit() or int(length) <= 0:
        problems.append("the enclosure length is not a positive number of bytes")
    elif read_media is not None:
        data = read_media(url)
        if len(data) != int(length):
            problems.append(f"the enclosure length {length} is not the file's size {len(data)}")
        if kind == "audio/mpeg" and not data.startswith(AUDIO_TYPES[kind]):
            problems.append("the enclosure is not an MP3 file")
    guid = item.find("guid")
    if guid is None or guid.get("isPermaLink") != "false":
        problems.append("the guid is not marked isPermaLink=false (it must not be a URL that can change)")
    try:
        parsedate_to_datetime(text(item, "pubDate"))
    except (TypeError, ValueError):
        problems.append("pubDate is not an RFC 2822 date")
    if not text(item, "itunes:duration").isdigit():
        problems.append("itunes:duration is not a whole number of seconds")
    if text(item, "itunes:explicit") not in ("true", "false"):
        problems.append("itunes:explicit is not true or false")
    for transcript in item.findall("podcast:transcript", NS):
        if not transcript.get("url") or not transcript.get("type"):
            problems.append("a podcast:transcript lacks its url or type")
    for chapters in item.findall("podcast:chapters", NS):
        if not chapters.get("url") or chapters.get("type") != "application/json+chapters":
            problems.append("podcast:chapters lacks its url or has the wrong type")
    return problems


def podcast_guid_for(feed_url: str) -> uuid.UUID:
    """The podcast:guid the spec derives from a feed URL (scheme and trailing slashes stripped)."""
    return uuid.uuid5(PODCAST_GUID_NAMESPACE, feed_url.split("://", 1)[-1].rstrip("/"))
