"""Episode chapters as editors write them: one a line, "1:30 The weather" (seconds, m:ss or h:mm:ss)."""

import re

from django.utils.translation import gettext as _

LINE = re.compile(r"^\s*(?:(\d+):)?(?:(\d+):)?(\d+)\s+(.+?)\s*$")


class ChapterError(ValueError):
    """A line that is not a start time followed by a title; the message names it."""


def parse_chapters(text: str) -> list[tuple[int, str]]:
    """(start in seconds, title) pairs, in order; raise ChapterError naming the first bad line."""
    chapters: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = LINE.match(line)
        if not match:
            raise ChapterError(_("Line %(n)s is not a start time and a title, like 1:30 The weather.") % {"n": number})
        first, second, third, title = match.groups()
        parts = [int(part) for part in (first, second, third) if part is not None]
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + part
        if chapters and seconds <= chapters[-1][0]:
            raise ChapterError(_("Line %(n)s starts before the chapter above it.") % {"n": number})
        chapters.append((seconds, title))
    return chapters
