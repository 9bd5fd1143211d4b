"""Agency formats read into one value object, `WireStory`: RSS/Atom, IPTC NINJS (JSON), IPTC NewsML-G2 (XML).

Parsers take bytes and return stories, or raise UnreadableFeed for a document that cannot be read at all;
one bad item inside a good document becomes a story with a `problem`, so the rest still arrive. XML is
parsed with defusedxml (no entity expansion, no external entities); HTML is sanitised with nh3.
"""

import datetime as dt
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime

import feedparser
import nh3
from defusedxml import ElementTree
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .body import URL_SCHEMES, input_tags, rich_text_allow_list

# One story's body past this many characters is not news copy but a mistake or an attack.
MAX_BODY_CHARS = 200_000


class UnreadableFeed(ValueError):
    """The document as a whole cannot be read (malformed JSON or XML, not the format configured)."""


@dataclass
class WirePhoto:
    href: str
    caption: str = ""
    credit: str = ""


@dataclass
class WireStory:
    guid: str
    version: int = 1
    headline: str = ""
    standfirst: str = ""
    body_html: str = ""
    byline: str = ""
    credit: str = ""
    dateline_place: str = ""
    language: str = ""
    urgency: int | None = None
    embargoed_until: dt.datetime | None = None
    version_created_at: dt.datetime | None = None
    killed: bool = False
    subjects: list[str] = field(default_factory=list)
    photos: list[WirePhoto] = field(default_factory=list)
    problem: str = ""

    def check(self) -> None:
        """Record why the story cannot go in the queue, if it cannot."""
        if self.problem:
            return
        if not self.guid:
            self.problem = "no identifier"
        elif self.killed:
            return  # a kill notice needs only to name the item
        elif not self.headline.strip():
            self.problem = "no headline"
        elif len(self.body_html) > MAX_BODY_CHARS:
            self.problem = f"body too large ({len(self.body_html)} characters)"

    @property
    def fingerprint(self) -> str:
        """The same story from two feeds gives the same value: letters and digits only, case folded."""
        text = f"{self.headline} {body_text(self.body_html)}"
        text = unicodedata.normalize("NFKC", text).casefold()
        return hashlib.sha256(" ".join(re.findall(r"\w+", text)).encode()).hexdigest()


# Shared pieces -------------------------------------------------------------------------------


def sanitise_html(html: str) -> str:
    """Agency HTML kept to what the body converter reads (`body.input_tags`), before it is stored."""
    return nh3.clean(
        html,
        tags=input_tags(),
        attributes=rich_text_allow_list()[1],
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()


def body_text(html: str) -> str:
    return " ".join(nh3.clean(html, tags=set()).split())


def text_to_html(text: str) -> str:
    """Plain agency text: blank lines separate paragraphs."""
    from html import escape

    paragraphs = [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text or "")]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs if p)


def place_name(text: str) -> str:
    """'BRUSSELS' or 'Brussels' from a dateline such as 'BRUSSELS, Feb 20 (Reuters) -'; capitals made readable."""
    place = (text or "").split(",")[0].split("(")[0].strip(" -\u2013\u2014\n\t")
    if place.isupper():
        place = place.title()
    return place[:80]


# A dateline opening the first paragraph of feed copy: "BRUSSELS, Feb 20 (Reuters) -".
OPENING_DATELINE = re.compile(
    "^\\s*([A-ZÀ-Ý][A-ZÀ-Ý .'\u2019-]{1,40}?)\\s*,"  # the place in capitals, then a comma
    "[^.\\n]{0,40}?\\([^)]{1,30}\\)\\s*[-\u2013\u2014]"  # a date, the agency in brackets, a dash
)


def place_from_body(html: str) -> str:
    match = OPENING_DATELINE.match(body_text(html))
    return place_name(match.group(1)) if match else ""


def parse_time(value) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        when = value
    else:
        text = str(value).strip()
        when = parse_datetime(text)
        if when is None:
            try:
                when = parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError):
                return None
    if timezone.is_naive(when):
        when = timezone.make_aware(when, dt.UTC)
    return when


def parse_embargo(value) -> dt.datetime | None:
    """Rounded up to the whole minute: the page editor keeps minutes only, and must never move it earlier."""
    when = parse_time(value)
    if when is None or not (when.second or when.microsecond):
        return when
    return when.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)


def parse_urgency(value) -> int | None:
    try:
        urgency = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return urgency if 1 <= urgency <= 9 else None


def parse_version(value, fallback: dt.datetime | None = None) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return int(fallback.timestamp()) if fallback else 1


def language_code(tag: str) -> str:
    return (tag or "").split("-")[0].split("_")[0].lower()[:10]


# RSS and Atom --------------------------------------------------------------------------------


def parse_rss(data: bytes) -> list[WireStory]:
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        raise UnreadableFeed(f"not a readable RSS or Atom feed ({feed.get('bozo_exception', 'unknown error')})")
    language = language_code(feed.feed.get("language", ""))
    stories = []
    for entry in feed.entries:
        # dict.get: feedparser's own get() maps a missing "updated" to "published" with a warning.
        published = _feed_time(dict.get(entry, "published_parsed"))
        updated = _feed_time(dict.get(entry, "updated_parsed")) or published
        content = entry.get("content") or []
        body = content[0].get("value", "") if content else entry.get("summary", "")
        standfirst = entry.get("summary", "") if content else ""
        if content and content[0].get("type") == "text/plain":
            body = text_to_html(body)
        body = sanitise_html(body)
        story = WireStory(
            guid=(entry.get("id") or entry.get("link") or "").strip()[:255],
            version=parse_version(None, updated),
            headline=body_text(entry.get("title", ""))[:255],
            standfirst=body_text(standfirst)[:400],
            body_html=body,
            byline=entry.get("author", "")[:200],
            language=language,
            version_created_at=updated,
            dateline_place=place_from_body(body),
            subjects=[tag.get("term", "") for tag in entry.get("tags", []) if tag.get("term")],
            photos=_feed_photos(entry),
        )
        story.check()
        stories.append(story)
    return stories


def _feed_time(parsed) -> dt.datetime | None:
    return dt.datetime(*parsed[:6], tzinfo=dt.UTC) if parsed else None


def _feed_photos(entry) -> list[WirePhoto]:
    credit = (entry.get("media_credit") or [{}])[0].get("content", "")
    caption = body_text(entry.get("media_description", ""))
    photos = []
    for media in [*entry.get("media_content", []), *entry.get("enclosures", [])]:
        href = media.get("url") or media.get("href")
        kind = media.get("type", "") or media.get("medium", "")
        if href and kind.startswith("image") and href not in {p.href for p in photos}:
            photos.append(WirePhoto(href=href, caption=caption, credit=credit))
    return photos


# IPTC NINJS ----------------------------------------------------------------------------------

NINJS_KILL_STATUSES = {"canceled", "cancelled", "withheld"}


def parse_ninjs(data: bytes) -> list[WireStory]:
    """A NINJS document (1.x or 2.x), a list of them, or an object listing them under "items"."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableFeed(f"malformed JSON ({error})") from error
    if isinstance(document, dict) and isinstance(document.get("items"), list):
        document = document["items"]
    items = document if isinstance(document, list) else [document]
    if not all(isinstance(item, dict) for item in items):
        raise UnreadableFeed("not NINJS: expected JSON objects")
    stories = []
    for item in items:
        try:
            story = _ninjs_story(item)
        except (TypeError, AttributeError, ValueError) as error:
            story = WireStory(guid=str(item.get("uri", ""))[:255], problem=f"unreadable item ({error})")
        story.check()
        stories.append(story)
    return stories


def _ninjs_story(item: dict) -> WireStory:
    version_created = parse_time(item.get("versioncreated"))
    return WireStory(
        guid=str(item.get("uri") or item.get("guid") or "").strip()[:255],
        version=parse_version(item.get("version"), version_created),
        headline=body_text(_ninjs_text(item, "headlines", "headline", role="main"))[:255],
        standfirst=body_text(_ninjs_text(item, "descriptions", "description_text", role="summary"))[:400],
        body_html=_ninjs_body(item),
        byline=_ninjs_byline(item)[:200],
        credit=str(item.get("copyrightholder") or "")[:200],
        dateline_place=_ninjs_place(item) or place_from_body(_ninjs_body(item)),
        language=language_code(item.get("language", "")),
        urgency=parse_urgency(item.get("urgency")),
        embargoed_until=parse_embargo(item.get("embargoed")),
        version_created_at=version_created,
        killed=str(item.get("pubstatus", "")).lower() in NINJS_KILL_STATUSES,
        subjects=[str(s.get("name")) for s in item.get("subjects") or item.get("subject") or [] if s.get("name")],
        photos=_ninjs_photos(item),
    )


def _ninjs_text(item: dict, plural: str, singular: str, role: str) -> str:
    """NINJS 2 lists texts by role (headlines, descriptions); NINJS 1 has one field."""
    entries = item.get(plural)
    if isinstance(entries, list) and entries:
        chosen = next((e for e in entries if e.get("role") == role), entries[0])
        return str(chosen.get("value", ""))
    return str(item.get(singular) or "")


def _ninjs_body(item: dict) -> str:
    bodies = item.get("bodies")
    if isinstance(bodies, list) and bodies:
        html = [b for b in bodies if "html" in str(b.get("contenttype", "text/html"))]
        chosen = next((b for b in html if b.get("role", "main") == "main"), html[0] if html else None)
        if chosen is not None:
            return sanitise_html(str(chosen.get("value", "")))
        return text_to_html(str(bodies[0].get("value", "")))
    if item.get("body_html"):
        return sanitise_html(str(item["body_html"]))
    return text_to_html(str(item.get("body_text") or ""))


def _ninjs_byline(item: dict) -> str:
    if item.get("byline"):
        return str(item["byline"])
    people = [
        p.get("name") for p in item.get("people") or [] if p.get("rel") in ("author", "creator") and p.get("name")
    ]
    return ", ".join(people)


def _ninjs_place(item: dict) -> str:
    if item.get("located"):
        return place_name(str(item["located"]))
    for place in item.get("places") or item.get("place") or []:
        if isinstance(place, dict) and place.get("name") and place.get("rel", "located") in ("located", "dateline"):
            return place_name(str(place["name"]))
    return ""


def _ninjs_photos(item: dict) -> list[WirePhoto]:
    associations = item.get("associations") or {}
    # NINJS 1 keys associations by name; NINJS 2 lists them with a "name".
    entries = associations.values() if isinstance(associations, dict) else associations
    photos = []
    for picture in entries:
        if not isinstance(picture, dict) or picture.get("type") not in ("picture", "image", "graphic"):
            continue
        href = ""
        renditions = picture.get("renditions") or {}
        if isinstance(renditions, dict):
            renditions = [{"name": name, **value} for name, value in renditions.items()]
        chosen = next((r for r in renditions if r.get("name") in ("original", "baseImage", "highres")), None)
        chosen = chosen or (renditions[0] if renditions else {})
        href = chosen.get("href") or picture.get("uri", "")
        caption = _ninjs_text(picture, "descriptions", "description_text", role="caption") or _ninjs_text(
            picture, "headlines", "headline", role="main"
        )
        credit = picture.get("byline") or picture.get("copyrightholder") or ""
        if href:  # fetched only from the feed's own host or drop folder (services._photos)
            photos.append(WirePhoto(href=href, caption=body_text(caption)[:500], credit=str(credit)[:120]))
    return photos


# IPTC NewsML-G2 ------------------------------------------------------------------------------

G2 = "{http://iptc.org/std/nar/2006-10-01/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
G2_KILL_STATUSES = {"stat:canceled", "stat:withheld"}


def parse_newsml(data: bytes) -> list[WireStory]:
    """A newsItem, or a newsMessage carrying several in its itemSet; packages and other items are skipped."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise UnreadableFeed(f"malformed XML ({error})") from error
    except ValueError as error:  # defusedxml refuses entities, external references and the like
        raise UnreadableFeed(f"refused XML ({error.__class__.__name__})") from error
    if root.tag == f"{G2}newsItem":
        items = [root]
    elif root.tag == f"{G2}newsMessage":
        items = root.findall(f"{G2}itemSet/{G2}newsItem")
    else:
        raise UnreadableFeed(f"not NewsML-G2: the document is a {root.tag.split('}')[-1]}")
    stories = []
    for item in items:
        item_class = item.find(f"{G2}itemMeta/{G2}itemClass")
        if item_class is not None and item_class.get("qcode", "ninat:text") != "ninat:text":
            continue  # pictures, video and graphics arrive as parts of a text story's package
        try:
            story = _newsml_story(item)
        except (TypeError, ValueError) as error:
            story = WireStory(guid=item.get("guid", "")[:255], problem=f"unreadable item ({error})")
        story.check()
        stories.append(story)
    return stories


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _newsml_story(item) -> WireStory:
    meta = item.find(f"{G2}itemMeta")
    content = item.find(f"{G2}contentMeta")
    if meta is None or content is None:
        raise ValueError("itemMeta or contentMeta missing")
    version_created = parse_time(_text(meta.find(f"{G2}versionCreated")))
    status = meta.find(f"{G2}pubStatus")
    language = content.find(f"{G2}language")
    located = content.find(f"{G2}located/{G2}name")
    dateline = _text(content.find(f"{G2}dateline"))
    body = _newsml_body(item)
    byline = _text(content.find(f"{G2}by")) or _text(content.find(f"{G2}creator/{G2}name"))
    return WireStory(
        guid=item.get("guid", "").strip()[:255],
        version=parse_version(item.get("version"), version_created),
        headline=_text(content.find(f"{G2}headline"))[:255],
        standfirst=_text(content.find(f"{G2}description"))[:400],
        body_html=body,
        byline=re.sub(r"^by\s+", "", byline, flags=re.IGNORECASE)[:200],
        credit=_text(content.find(f"{G2}creditline"))[:200],
        dateline_place=place_name(dateline or _text(located)) or place_from_body(body),
        language=language_code(language.get("tag", "") if language is not None else item.get(XML_LANG, "")),
        urgency=parse_urgency(_text(content.find(f"{G2}urgency"))),
        embargoed_until=parse_embargo(_text(meta.find(f"{G2}embargoed"))),
        version_created_at=version_created,
        killed=status is not None and status.get("qcode", "") in G2_KILL_STATUSES,
        subjects=[
            _text(subject.find(f"{G2}name"))
            for subject in content.findall(f"{G2}subject")
            if subject.find(f"{G2}name") is not None
        ],
        photos=[],
    )


def _newsml_body(item) -> str:
    """The inline body: XHTML's <body>, NITF's <body.content>, or plain text in inlineData."""
    for inline in item.iterfind(f"{G2}contentSet/{G2}inlineXML"):
        for path in (f".//{XHTML}body", f".//{NITF}body.content", ".//body", ".//body.content"):
            found = inline.find(path)
            if found is not None:
                return sanitise_html(_inner_xml(found))
    data = item.find(f"{G2}contentSet/{G2}inlineData")
    return text_to_html(data.text or "") if data is not None else ""


def _inner_xml(element) -> str:
    """An element's children as HTML, namespaces dropped (nh3 then keeps only what we allow)."""
    from xml.etree.ElementTree import tostring  # serialising a tree defusedxml has already parsed

    parts = [element.text or ""]
    for child in element:
        _strip_namespaces(child)
        parts.append(tostring(child, encoding="unicode", method="html"))
    return "".join(parts)


def _strip_namespaces(element) -> None:
    for node in element.iter():
        if isinstance(node.tag, str) and "}" in node.tag:
            node.tag = node.tag.split("}", 1)[1]


PARSERS = {"rss": parse_rss, "ninjs": parse_ninjs, "newsml": parse_newsml}


def parse_document(fmt: str, data: bytes) -> list[WireStory]:
    return PARSERS[fmt](data)
