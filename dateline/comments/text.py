"""Comment text in and out: cleaned of invisible tricks on the way in, escaped plain text on the way out."""

import hashlib
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Bidirectional embeddings, overrides and isolates: they reorder what moderators and readers see.
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
# C0/C1 control characters other than tab and newline, NUL among them.
_CONTROLS = dict.fromkeys([c for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if c not in (0x09, 0x0A)])
_STRIP = {**_BIDI_CONTROLS, **_CONTROLS}
_URL = re.compile(r"\bhttps?://[^\s<>\"'`\u00a0]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"\u00bb\u201d\u2019"
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")


def clean_text(value: str) -> str:
    """NFC-normalised text without NULs, other control characters or bidi overrides; \\n line ends."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = unicodedata.normalize("NFC", value).translate(_STRIP)
    return value.strip()


def is_blank(value: str) -> bool:
    """Nothing visible: only spaces, line breaks and invisible format characters (zero-width space)."""
    return all(unicodedata.category(char)[0] in "ZC" for char in value)


def clean_name(value: str) -> str:
    """A name on one line, with runs of white space made single spaces."""
    return " ".join(clean_text(value).split())


def body_fingerprint(body: str) -> str:
    """The same words with different spacing or case give the same fingerprint."""
    return hashlib.sha256(" ".join(body.casefold().split()).encode()).hexdigest()


def find_urls(text: str) -> list[str]:
    """The http(s) addresses in a text, without the punctuation that ends a sentence around them."""
    return [match.rstrip(_TRAILING_PUNCTUATION) for match in _URL.findall(text)]


def count_links(text: str) -> int:
    return len(find_urls(text)) + len(re.findall(r"(?<![/\w.])www\.\w", text, re.IGNORECASE))


def _linkify_line(line: str) -> str:
    out = []
    position = 0
    for match in _URL.finditer(line):
        url = match.group(0).rstrip(_TRAILING_PUNCTUATION)
        start, end = match.start(), match.start() + len(url)
        out.append(escape(line[position:start]))
        out.append(f'<a href="{escape(url)}" rel="nofollow ugc noopener">{escape(url)}</a>')
        position = end
    out.append(escape(line[position:]))
    return "".join(out)


def render_body(body: str) -> SafeString:
    """Plain text as HTML: everything escaped, paragraphs on blank lines, <br> on single line breaks,
    http(s) addresses as links readers' search engines do not follow."""
    paragraphs = [part.strip("\n") for part in _PARAGRAPH_BREAK.split(body.strip()) if part.strip()]
    html = "".join(
        "<p>" + "<br>".join(_linkify_line(line) for line in part.split("\n")) + "</p>" for part in paragraphs
    )
    return mark_safe(html)  # noqa: S308 - every piece of reader text above went through escape()
