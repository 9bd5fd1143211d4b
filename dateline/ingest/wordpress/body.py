"""A WordPress post's HTML (classic editor or block editor) as the article body's blocks: WordPress's
own forms (the [caption], [embed] and [gallery] shortcodes, classic posts' blank-line paragraphs,
bare video links) are turned into the HTML the block editor writes, then the ingest room's one
converter (dateline.ingest.body) makes the blocks.
"""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup

from ..body import BLOCK_TAGS, Body, PhotoFinder, convert_html, embeddable, sanitise_rich_text

__all__ = ["Body", "convert_body", "sanitise_rich_text"]

SHORTCODE_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S)
SHORTCODE_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S)
SHORTCODE_GALLERY = re.compile(r"\[gallery([^\]]*)\]")
SHORTCODE_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*"([^"]*)"')
BARE_URL_LINE = re.compile(r"^\s*(https?://\S+)\s*$", re.M)
BLOCK_START = re.compile(r"^\s*<(?:" + "|".join(sorted(BLOCK_TAGS)) + r")[\s>]", re.I)


def _attributes(text: str) -> dict[str, str]:
    return dict(SHORTCODE_ATTRIBUTE.findall(text))


def _embed_figure(url: str) -> str:
    return f'<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">{html.escape(url)}</div></figure>'


def _expand_shortcodes(content: str) -> str:
    """[caption], [embed] and [gallery] as the figures the block editor writes for the same things."""

    def caption(match: re.Match) -> str:
        attributes, inner = _attributes(match.group(1)), match.group(2)
        soup = BeautifulSoup(inner, "html.parser")
        image = soup.find("img")
        text = attributes.get("caption", "")
        if image is not None:
            holder = image.find_parent("a") or image
            holder.extract()
            text = text or soup.get_text(" ", strip=True)
            image_html = str(image)
        else:
            image_html = ""
        attachment = attributes.get("id", "").removeprefix("attachment_")
        return (
            f'\n\n<figure class="wp-caption" data-attachment="{html.escape(attachment)}">{image_html}'
            f"<figcaption>{html.escape(text)}</figcaption></figure>\n\n"
        )

    def embed(match: re.Match) -> str:
        url = html.unescape(match.group(1).strip())
        return f"\n\n{_embed_figure(url)}\n\n"

    def gallery(match: re.Match) -> str:
        ids = [i.strip() for i in _attributes(match.group(1)).get("ids", "").split(",") if i.strip().isdigit()]
        images = "".join(f'<img class="wp-image-{i}" src="">' for i in ids)
        return f'\n\n<figure class="wp-block-gallery">{images}</figure>\n\n'

    content = SHORTCODE_CAPTION.sub(caption, content)
    content = SHORTCODE_EMBED.sub(embed, content)
    return SHORTCODE_GALLERY.sub(gallery, content)


def _autop(content: str) -> str:
    """WordPress's wpautop, simplified: blank lines part paragraphs in classic-editor posts, single
    line breaks are <br>, and a video link alone on its line is an embed (WordPress's auto-embed)."""
    chunks = re.split(r"\n\s*\n", content.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        url = BARE_URL_LINE.fullmatch(chunk)
        if url and embeddable(url.group(1)):
            out.append(_embed_figure(url.group(1)))
        elif BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def is_block_editor_content(content: str) -> bool:
    return "<!-- wp:" in content


def convert_body(content: str, *, find_photo: PhotoFinder) -> Body:
    """The post's HTML as StreamField raw data; `find_photo` resolves an image to an imported photo."""
    if not is_block_editor_content(content):
        content = _autop(_expand_shortcodes(content))
    else:
        content = _expand_shortcodes(content)
    return convert_html(content, find_photo=find_photo)
