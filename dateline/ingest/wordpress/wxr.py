"""Reading WordPress's export format (WXR 1.0 to 1.2) as a stream: one item in memory at a time.

The file is parsed with defusedxml, so entity expansion ("billion laughs"), external entities and
DTDs are refused before anything is read. Every value comes back as plain text; nothing here
interprets HTML.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, tostring
from zoneinfo import ZoneInfo

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

NO_DATE = "0000-00-00 00:00:00"


class WXRError(Exception):
    """The file cannot be read as a WordPress export; the message says why, for the person importing."""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category or tag, as the export lists it (items name them by slug)."""

    taxonomy: str  # "category" or "post_tag"
    slug: str
    name: str
    parent: str = ""
    description: str = ""


@dataclass
class Comment:
    id: int
    parent_id: int
    author: str
    email: str
    url: str
    ip: str
    date: dt.datetime | None
    content: str
    approved: str  # "1", "0", "spam", "trash", "post-trashed"
    type: str  # "" or "comment", "pingback", "trackback"


@dataclass
class Item:
    """A post, page or attachment: everything its <item> says."""

    id: int
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    slug: str
    published: dt.datetime | None
    modified: dt.datetime | None
    parent_id: int
    password: str
    is_sticky: bool
    comment_status: str
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # (taxonomy, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    attachment_url: str = ""
    comments: list[Comment] = field(default_factory=list)
    language: str = ""  # the multilingual plugin's language slug or code (Polylang, WPML); "" without one
    translation_group: str = ""  # what the plugin names the post's set of translations; "" without one
    fingerprint: str = ""  # sha256 of the item's XML: a second run skips what did not change
    line: int = 0


@dataclass
class Channel:
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    wxr_version: str = ""
    authors: dict[str, Author] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    # Polylang's languages ("language" terms): slug -> the WordPress locale it stands for (es_ES).
    languages: dict[str, str] = field(default_factory=dict)


# Where multilingual plugins write a post's language and its set of translations.
WPML_LANGUAGE_KEYS = ("_wpml_import_language_code", "_wpml_language", "wpml_language")
WPML_GROUP_KEY = "_wpml_import_translation_group"
WPML_DUPLICATE_KEY = "_icl_lang_duplicate_of"
POLYLANG_LOCALE = re.compile(r's:6:"locale";s:\d+:"([^"]+)"')


def _local(tag: str) -> tuple[str, str]:
    """('wp', 'post_id') for '{http://wordpress.org/export/1.2/}post_id', by what the namespace is."""
    if not tag.startswith("{"):
        return "", tag
    namespace, name = tag[1:].split("}", 1)
    if "wordpress.org/export/" in namespace:
        return ("excerpt" if namespace.rstrip("/").endswith("excerpt") else "wp"), name
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content", name
    if "purl.org/dc/elements" in namespace:
        return "dc", name
    return namespace, name


def _children(element: Element) -> dict[tuple[str, str], str]:
    return {_local(child.tag): (child.text or "").strip() for child in element}


def _int(value: str) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


class WXRReader:
    """Iterate over a WXR file's items; `channel` holds the site, authors and terms read before them.

    `time_zone` is the WordPress site's, for dates an export gives only in local time (drafts).
    """

    def __init__(self, path: Path | str, *, time_zone: str = "UTC", skim: bool = False):
        self.path = Path(path)
        self.time_zone = ZoneInfo(time_zone)
        self.channel = Channel()
        # A skim reads the whole file (so checks it) but leaves posts' comments and fingerprints out:
        # what a first pass needs, counting posts and reading attachments, at half the cost.
        self.skim = skim

    def _date(self, gmt: str, local: str) -> dt.datetime | None:
        for value, zone in ((gmt, dt.UTC), (local, self.time_zone)):
            if value and value != NO_DATE:
                try:
                    return dt.datetime.fromisoformat(value).replace(tzinfo=zone)
                except ValueError:
                    continue
        return None

    def __iter__(self) -> Iterator[Item]:
        try:
            yield from self._read()
        except DefusedXmlException as error:
            raise WXRError(
                _(
                    "The file declares XML entities or a document type (%(kind)s). WordPress exports never do; "
                    "such a file could expand to gigabytes or read files from this server, so it is refused."
                )
                % {"kind": type(error).__name__}
            ) from error
        except ParseError as error:
            line, column = error.position
            raise WXRError(
                _(
                    "The file is not valid XML at line %(line)d, column %(column)d (%(reason)s). A WordPress "
                    "export is UTF-8 XML: a file cut short, or re-saved in another encoding, cannot be read."
                )
                % {"line": line, "column": column, "reason": str(error).split(":")[0]}
            ) from error
        except OSError as error:
            raise WXRError(_("The file cannot be read: %(error)s.") % {"error": error.strerror or error}) from error

    def _read(self) -> Iterator[Item]:
        channel_element = None
        depth = 0
        seen_wxr = False
        context = iterparse(str(self.path), events=("start", "end"), forbid_dtd=True)
        for event, element in context:
            if event == "start":
                depth += 1
                if depth == 1 and _local(element.tag)[1] != "rss":
                    raise WXRError(_("This is not a WordPress export: its root element is not <rss>."))
                if depth == 2 and _local(element.tag)[1] == "channel":
                    channel_element = element
                continue
            depth -= 1
            if depth != 2 or channel_element is None:
                continue
            prefix, name = _local(element.tag)
            if prefix == "wp":
                seen_wxr = True
                self._read_channel_entry(name, element)
            elif name == "item" and not prefix:
                if not seen_wxr:
                    seen_wxr = any(_local(child.tag)[0] == "wp" for child in element)
                item = self._item(element)
                channel_element.remove(element)  # bounded memory: drop what was read
                yield item
            elif not prefix and name in ("title", "link"):
                setattr(self.channel, name, (element.text or "").strip())
        if not seen_wxr:
            raise WXRError(_("This is an RSS feed, not a WordPress export: it has no WordPress (wp:) elements."))

    def _read_channel_entry(self, name: str, element: Element) -> None:
        values = {key[1]: value for key, value in _children(element).items()}
        if name in ("base_site_url", "base_blog_url", "wxr_version"):
            setattr(self.channel, name, (element.text or "").strip())
        elif name == "author":
            login = values.get("author_login", "")
            self.channel.authors[login] = Author(
                login=login,
                email=values.get("author_email", ""),
                display_name=values.get("author_display_name", "") or login,
                first_name=values.get("author_first_name", ""),
                last_name=values.get("author_last_name", ""),
            )
        elif name == "category":
            self.channel.terms.append(
                Term(
                    "category",
                    values.get("category_nicename", ""),
                    values.get("cat_name", ""),
                    values.get("category_parent", ""),
                    values.get("category_description", ""),
                )
            )
        elif name == "tag":
            self.channel.terms.append(Term("post_tag", values.get("tag_slug", ""), values.get("tag_name", ""), "", ""))
        elif name == "term" and values.get("term_taxonomy") == "language":  # Polylang's languages
            locale = POLYLANG_LOCALE.search(values.get("term_description", ""))
            slug = values.get("term_slug", "")
            self.channel.languages[slug] = locale.group(1) if locale else slug
        if name in ("author", "category", "tag", "term"):
            element.clear()

    def _item(self, element: Element) -> Item:
        fields: dict[tuple[str, str], str] = {}
        terms, meta, comments, bare_categories = [], {}, [], []
        language = group = ""
        for child in element:
            key = _local(child.tag)
            if key == ("", "category"):
                domain, nicename, text = child.get("domain", ""), child.get("nicename", ""), (child.text or "").strip()
                domain = "post_tag" if domain == "tag" else domain  # WXR 1.0 names tags "tag"
                if domain in ("category", "post_tag"):
                    terms.append((domain, nicename, text))
                elif domain == "language":  # Polylang
                    language = nicename or text
                elif domain == "post_translations":  # Polylang: one term per set of translations
                    group = "polylang:" + (nicename or text)
                elif not domain and text:  # WordPress 2.x and 3.0 also list categories by name alone
                    bare_categories.append(text)
            elif key == ("wp", "postmeta"):
                values = {k[1]: v for k, v in _children(child).items()}
                meta[values.get("meta_key", "")] = values.get("meta_value", "")
            elif key == ("wp", "comment"):
                if not self.skim:
                    comments.append(self._comment(child))
            elif key in (("content", "encoded"), ("excerpt", "encoded")):
                fields[key] = child.text or ""  # keep the body's own whitespace: classic paragraphs are blank lines
            else:
                fields[key] = (child.text or "").strip()

        if bare_categories and not any(taxonomy == "category" for taxonomy, _slug, _name in terms):
            terms += [("category", _slug_of(name), name) for name in bare_categories]
        language = language or next((meta[key] for key in WPML_LANGUAGE_KEYS if meta.get(key)), "")
        if not group and meta.get(WPML_GROUP_KEY):
            group = "wpml:" + meta[WPML_GROUP_KEY]
        elif not group and _int(meta.get(WPML_DUPLICATE_KEY, "")):
            group = f"post:{_int(meta[WPML_DUPLICATE_KEY])}"  # the original's own group (see services)

        def wp(name: str) -> str:
            return fields.get(("wp", name), "")

        post_type = wp("post_type") or "post"
        fingerprint = "" if self.skim and post_type != "attachment" else hashlib.sha256(tostring(element)).hexdigest()
        return Item(
            id=_int(wp("post_id")),
            post_type=post_type,
            status=wp("status"),
            title=fields.get(("", "title"), ""),
            link=fields.get(("", "link"), ""),
            guid=fields.get(("", "guid"), ""),
            creator=fields.get(("dc", "creator"), ""),
            content=fields.get(("content", "encoded"), ""),
            excerpt=fields.get(("excerpt", "encoded"), "").strip(),
            slug=wp("post_name"),
            published=self._date(wp("post_date_gmt"), wp("post_date")),
            modified=self._date(wp("post_modified_gmt"), wp("post_modified")),
            parent_id=_int(wp("post_parent")),
            password=wp("post_password"),
            is_sticky=wp("is_sticky") == "1",
            comment_status=wp("comment_status"),
            terms=terms,
            meta=meta,
            attachment_url=wp("attachment_url"),
            comments=comments,
            language=language.strip(),
            translation_group=group,
            fingerprint=fingerprint,
        )

    def _comment(self, element: Element) -> Comment:
        values = {key[1]: value for key, value in _children(element).items()}
        content = next((child.text or "" for child in element if _local(child.tag)[1] == "comment_content"), "")
        return Comment(
            id=_int(values.get("comment_id", "")),
            parent_id=_int(values.get("comment_parent", "")),
            author=values.get("comment_author", ""),
            email=values.get("comment_author_email", ""),
            url=values.get("comment_author_url", ""),
            ip=values.get("comment_author_IP", ""),
            date=self._date(values.get("comment_date_gmt", ""), values.get("comment_date", "")),
            content=content,
            approved=values.get("comment_approved", "1"),
            type=values.get("comment_type", "") or "comment",
        )


def _slug_of(name: str) -> str:
    """What WordPress's sanitize_title makes of a category name, near enough to find the same section."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")


def php_unserialize(data: str):
    """Read a PHP serialize() value (attachment metadata) without executing anything: arrays become
    dicts, objects are refused. Raises ValueError on anything malformed."""
    raw = data.encode()
    value, end = _php_value(raw, 0)
    if end != len(raw):
        raise ValueError("trailing data")
    return value


def _php_value(raw: bytes, pos: int):
    kind = raw[pos : pos + 1]
    if kind not in (b"N", b"i", b"d", b"b", b"s", b"a"):  # objects ("O", "C") and references are refused
        raise ValueError(f"unsupported PHP value {kind!r}")
    if kind == b"N":
        return None, pos + 2
    colon = raw.index(b":", pos + 2) if kind in (b"s", b"a") else raw.index(b";", pos)
    if kind in (b"i", b"d", b"b"):
        text = raw[pos + 2 : colon].decode()
        value = {b"i": int, b"d": float, b"b": lambda v: v == "1"}[kind](text)
        return value, colon + 1
    length = int(raw[pos + 2 : colon])
    if kind == b"s":
        start = colon + 2
        return raw[start : start + length].decode("utf-8", "replace"), start + length + 2
    pos = colon + 2  # an array: past ':{'
    result = {}
    for _index in range(length):
        key, pos = _php_value(raw, pos)
        result[key], pos = _php_value(raw, pos)
    return result, pos + 1  # past '}'
