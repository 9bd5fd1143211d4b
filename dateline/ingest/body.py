"""One converter of HTML into the article body's StreamField blocks, for everything the ingest room
takes in: agency copy (RSS/Atom, NINJS, NewsML-G2) and WordPress posts.

Paragraphs, headings, quotes and pull quotes, lists, images with captions, galleries and embeds map to
Dateline's blocks (dateline.news.blocks). Markup Dateline does not model (tables, preformatted text,
unknown containers) is kept as a rich-text paragraph and named in the notes. Rich text is sanitised
with nh3 to exactly what the article body's paragraph block allows: the allow-list is derived from
its rich-text features (news.blocks.PARAGRAPH_FEATURES), so a feature added there is kept here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qs, urlsplit

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.rich_text import features

from dateline.news.blocks import PARAGRAPH_FEATURES

URL_SCHEMES = {"http", "https", "mailto"}
# Wagtail stores bold and italic as <b> and <i>; other sources write <strong>, <em> and <cite>.
RENAMED_TAGS = {"strong": "b", "em": "i", "cite": "i"}
HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
BLOCK_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "figure", "table", "div", "pre",
    "section", "article", "aside", "header", "footer", "hr", "iframe", "script", "style", "dl", "form",
    "video", "audio", "object", "embed", "noscript", "details", "address", "center", "nav",
}  # fmt: skip
SUBHEADING_MAX_LENGTH = 200
QUOTE_MAX_LENGTH = 2000
CAPTION_MAX_LENGTH = 500

# Where Dateline's embed block finds a player (Wagtail's oEmbed providers): YouTube, Vimeo, X.
EMBED_HOSTS = re.compile(
    r"^(?:www\.|m\.)?(youtube\.com|youtu\.be|youtube-nocookie\.com|vimeo\.com|player\.vimeo\.com|"
    r"twitter\.com|x\.com)$"
)
WP_IMAGE_CLASS = re.compile(r"wp-image-(\d+)")

PhotoFinder = Callable[[int | None, str], int | None]  # (attachment id, image URL) -> Photo pk


@cache
def rich_text_allow_list() -> tuple[frozenset[str], dict[str, set[str]]]:
    """The tags and attributes the article body's paragraph block stores, from its features' rules
    in Wagtail's rich-text registry ("b", "a[href]"). Selectors with a value (a[linktype="page"],
    Wagtail's internal links) are not taken: outside markup never names our pages by id."""
    tags, attributes = {"p", "br"}, {}
    for feature in PARAGRAPH_FEATURES:
        rule = features.get_converter_rule("contentstate", feature) or {}
        for selector in rule.get("from_database_format", {}):
            match = re.fullmatch(r"(\w+)(?:\[(\w+)\])?", selector)
            if match:
                tags.add(match.group(1))
                if match.group(2):
                    attributes.setdefault(match.group(1), set()).add(match.group(2))
    return frozenset(tags - set(RENAMED_TAGS)), attributes


def input_tags() -> set[str]:
    """What a source's HTML may keep before conversion: the rich text, and the structure the converter
    turns into blocks (headings, quotes with their attribution)."""
    return set(rich_text_allow_list()[0]) | HEADING_TAGS | {"blockquote", "cite"} | set(RENAMED_TAGS)


@dataclass
class Body:
    """The blocks, as StreamField raw data, and what the conversion could not model."""

    blocks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing_photos: list[str] = field(default_factory=list)


def sanitise_rich_text(markup: str) -> str:
    """Any HTML as a paragraph block may store it: allowed tags only, safe links, no scripts."""
    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(list(RENAMED_TAGS)):
        tag.name = RENAMED_TAGS[tag.name]
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        heading.name = "b"
    tags, attributes = rich_text_allow_list()
    cleaned = nh3.clean(
        str(soup),
        tags=set(tags),
        attributes=attributes,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.strip()


def embeddable(url: str) -> str | None:
    """The URL the embed block should store, when a provider Dateline embeds serves it."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not EMBED_HOSTS.match(parts.hostname or ""):
        return None
    host = parts.hostname or ""
    # A player's iframe address (youtube.com/embed/ID, player.vimeo.com/video/ID) as the page's address.
    if "youtube" in host and parts.path.startswith("/embed/"):
        return "https://www.youtube.com/watch?v=" + parts.path.split("/")[2]
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return "https://vimeo.com/" + parts.path.split("/")[2]
    if "youtube" in host and parts.path == "/watch" and not parse_qs(parts.query).get("v"):
        return None
    return url.strip()


class _Converter:
    def __init__(self, find_photo: PhotoFinder):
        self.find_photo = find_photo
        self.body = Body()
        self.inline: list = []

    # --- output ------------------------------------------------------------------------------

    def add(self, block_type: str, value) -> None:
        self.flush_inline()
        self.body.blocks.append({"type": block_type, "value": value})

    def add_rich_text(self, markup: str) -> None:
        cleaned = sanitise_rich_text(markup)
        if not BeautifulSoup(cleaned, "html.parser").get_text(strip=True):
            return
        if not cleaned.startswith(("<p", "<ul", "<ol")):
            cleaned = f"<p>{cleaned}</p>"
        self.add("paragraph", cleaned)

    def note(self, text: str) -> None:
        if text not in self.body.notes:
            self.body.notes.append(text)

    def flush_inline(self) -> None:
        if not self.inline:
            return
        markup, self.inline = "".join(str(node) for node in self.inline), []
        if BeautifulSoup(markup, "html.parser").get_text(strip=True):
            cleaned = sanitise_rich_text(markup)
            self.body.blocks.append({"type": "paragraph", "value": f"<p>{cleaned}</p>"})

    # --- input -------------------------------------------------------------------------------

    def convert(self, nodes) -> None:
        for node in list(nodes):
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self.inline.append(html.escape(str(node)))
                continue
            if not isinstance(node, Tag):
                continue
            self.element(node)
        self.flush_inline()

    def element(self, tag: Tag) -> None:
        name = tag.name
        if name in ("script", "style", "noscript", "form"):
            self.note(f"a <{name}> element was removed")
        elif name == "p":
            self.paragraph(tag)
        elif name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = tag.get_text(" ", strip=True)
            if text:
                self.add("subheading", text[:SUBHEADING_MAX_LENGTH])
        elif name in ("ul", "ol"):
            self.add_rich_text(str(tag))
        elif name == "blockquote":
            self.quote(tag)
        elif name == "figure":
            self.figure(tag)
        elif name == "img":
            self.photo(tag, "")
        elif name == "iframe":
            self.iframe(tag)
        elif name == "hr" or name == "br":
            self.flush_inline()
        elif name in ("div", "section", "article", "aside", "header", "footer", "center", "details", "nav"):
            if tag.find(list(BLOCK_TAGS - {"script", "style"})) is not None or tag.find("img") is not None:
                self.note(f"a <{name}> container was unwrapped")
                self.flush_inline()
                self.convert(tag.contents)
            else:
                self.kept_as_text(tag)
        elif name == "table":
            self.table(tag)
        elif name == "pre":
            self.note("preformatted text was kept as a paragraph")
            lines = html.escape(tag.get_text()).strip().split("\n")
            self.add("paragraph", "<p>" + "<br>".join(lines) + "</p>")
        elif name in BLOCK_TAGS:
            self.kept_as_text(tag)
        else:
            self.inline.append(tag)  # inline markup: part of the running paragraph

    def kept_as_text(self, tag: Tag) -> None:
        self.note(f"a <{tag.name}> element was kept as text")
        self.flush_inline()
        self.add_rich_text(str(tag))

    def paragraph(self, tag: Tag) -> None:
        images = tag.find_all("img")
        text = tag.get_text(" ", strip=True)
        if images and not text:
            self.flush_inline()
            for image in images:
                self.photo(image, "")
            return
        url = embeddable(text) if text and " " not in text and not images else None
        if url:
            self.add("embed", url)
            return
        for image in images:  # a picture inside running text: the text first, then the picture
            image.extract()
        self.add_rich_text(str(tag))
        for image in images:
            self.photo(image, "")

    def quote(self, tag: Tag) -> None:
        cite = tag.find("cite")
        attribution = cite.get_text(" ", strip=True) if cite else ""
        if cite:
            cite.extract()
        paragraphs = [p.get_text(" ", strip=True) for p in tag.find_all("p")] or [tag.get_text(" ", strip=True)]
        text = "\n\n".join(p for p in paragraphs if p)
        if not text:
            return
        if attribution:
            self.add(
                "quote",
                {
                    "quote": text[:QUOTE_MAX_LENGTH],
                    "attribution": attribution[:200],
                    "source": "",
                    "source_url": "",
                    "language": "",
                },
            )
        else:
            # The quote block needs to say who spoke; without a <cite> the words stay a paragraph.
            self.note("a quotation without attribution was kept as a paragraph")
            self.add_rich_text("".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p))

    def figure(self, tag: Tag) -> None:
        classes = set(tag.get("class") or [])
        if "wp-block-pullquote" in classes or tag.find("blockquote") is not None:
            quote = tag.find("blockquote") or tag
            self.quote(quote)
            return
        if "wp-block-embed" in classes or any(c.startswith("wp-block-embed") for c in classes):
            wrapper = tag.find(class_="wp-block-embed__wrapper") or tag
            url = wrapper.get_text(strip=True)
            iframe = tag.find("iframe")
            if not url and iframe is not None:
                url = iframe.get("src", "")
            found = embeddable(url)
            if found:
                self.add("embed", found)
            elif url:
                self.note(f"an embed of {urlsplit(url).hostname or url} was kept as a link")
                self.add_rich_text(f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>')
            return
        images = tag.find_all("img")
        if not images:
            if tag.find("table") is not None:
                self.table(tag.find("table"))
            else:
                self.kept_as_text(tag)
            return
        captions = tag.find_all("figcaption")
        shared_caption = ""
        if len(images) == 1 and captions:
            shared_caption = captions[-1].get_text(" ", strip=True)
        attachment = tag.get("data-attachment")
        for image in images:
            own = image.find_parent("figure")
            caption = shared_caption
            if own is not None and own is not tag:
                figcaption = own.find("figcaption")
                caption = figcaption.get_text(" ", strip=True) if figcaption else ""
            self.photo(image, caption, attachment_id=attachment if len(images) == 1 else None)

    def table(self, tag: Tag) -> None:
        self.note("a table was kept as paragraphs")
        self.flush_inline()
        rows = []
        for row in tag.find_all("tr"):
            cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
            if any(cells):
                rows.append("<p>" + html.escape(" | ".join(cells)) + "</p>")
        if rows:
            self.add("paragraph", "".join(rows))

    def iframe(self, tag: Tag) -> None:
        src = tag.get("src", "")
        found = embeddable(src)
        if found:
            self.add("embed", found)
        elif src.startswith(("http://", "https://")):
            self.note(f"an embedded frame from {urlsplit(src).hostname} was kept as a link")
            self.add_rich_text(f'<p><a href="{html.escape(src)}">{html.escape(src)}</a></p>')
        else:
            self.note("an embedded frame without an address was removed")

    def photo(self, image: Tag, caption: str, *, attachment_id: str | None = None) -> None:
        wp_id = None
        match = WP_IMAGE_CLASS.search(" ".join(image.get("class") or []))
        if match:
            wp_id = int(match.group(1))
        elif attachment_id and attachment_id.isdigit():
            wp_id = int(attachment_id)
        if wp_id is None and image.get("data-id", "").isdigit():
            wp_id = int(image["data-id"])
        src = image.get("src", "")
        photo = self.find_photo(wp_id, src)
        if photo is None:
            self.body.missing_photos.append(src or f"attachment {wp_id}")
            alt = image.get("alt", "")
            described = caption or alt
            if described:
                # The picture is gone but what it showed is news: keep the words.
                self.add_rich_text(f"<p>{html.escape(described)}</p>")
            return
        self.add("photo", {"photo": photo, "caption": caption[:CAPTION_MAX_LENGTH]})


def convert_html(markup: str, *, find_photo: PhotoFinder | None = None) -> Body:
    """HTML as StreamField raw data; `find_photo` resolves an image to a photo (None: no photos known)."""
    converter = _Converter(find_photo or (lambda _id, _url: None))
    converter.convert(BeautifulSoup(markup or "", "html.parser").contents)
    return converter.body
