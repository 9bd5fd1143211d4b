"""Our style sheets use logical properties only, so a right-to-left page mirrors by itself.

A `margin-left` would stay on the left in Arabic; `margin-inline-start` moves to the right. Vendored
files (altcha's widget) are left as their authors ship them.
"""

import re
from pathlib import Path

import pytest

DATELINE = Path(__file__).resolve().parents[2] / "dateline"
OURS = sorted(path for path in DATELINE.glob("**/static/**/*.css") if "vendor" not in path.parts)


def physical_declarations(css: str) -> list[str]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    found = []
    for declaration in re.findall(r"[{;]\s*([^{};]+)", css):
        declaration = declaration.strip()
        prop = declaration.split(":", 1)[0].strip()
        if re.fullmatch(r"(?:margin|padding|border)-(?:left|right)(?:-\w+)?|left|right", prop):
            found.append(declaration)
        elif re.fullmatch(r"float|clear|text-align", prop) and re.search(r":\s*(left|right)\b", declaration):
            found.append(declaration)
    return found


def test_the_check_catches_a_physical_property():
    assert physical_declarations(".a { margin-left: 1em; color: red }") == ["margin-left: 1em"]
    assert physical_declarations(".a{float:right}") == ["float:right"]
    assert physical_declarations(".a { margin-inline-start: 1em; inset-inline-end: 0 }") == []


@pytest.mark.parametrize("path", OURS, ids=lambda path: str(path.relative_to(DATELINE)))
def test_style_sheet_uses_logical_properties(path):
    assert physical_declarations(path.read_text(encoding="utf-8")) == []


def test_the_public_style_sheets_are_checked():
    assert {"site.css", "comments.css", "live.css"} <= {path.name for path in OURS}
