"""A small reader of gettext PO files (what the catalogue test needs: references, flags, messages)."""

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    references: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def is_translated(self) -> bool:
        return "fuzzy" not in self.flags and bool(self.msgstr) and all(self.msgstr)


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$")


def read_po(path: Path) -> list[Entry]:
    """The entries of a PO file, header excluded."""
    entries, entry, current = [], Entry(), None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry.msgid or entry.msgstr:
                entries.append(entry)
            entry, current = Entry(), None
        elif line.startswith("#~"):
            entry.obsolete = True
        elif line.startswith("#:"):
            entry.references.extend(ref.rsplit(":", 1)[0] for ref in line[2:].split())
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, value = match.group(1), ast.literal_eval(match.group(2))
            if keyword.startswith("msgstr"):
                entry.msgstr.append(value)
                current = ("msgstr", len(entry.msgstr) - 1)
            else:
                setattr(entry, keyword, value)
                current = (keyword, None)
        elif line.startswith('"') and current:
            value = ast.literal_eval(line)
            name, index = current
            if index is None:
                setattr(entry, name, (getattr(entry, name) or "") + value)
            else:
                entry.msgstr[index] += value
    return [item for item in entries if item.msgid and not item.obsolete]
