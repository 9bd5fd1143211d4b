"""Comment text: cleaned on the way in, escaped plain text with paragraphs and safe links on the way out."""

import pytest
from bs4 import BeautifulSoup

from dateline.comments.text import clean_name, clean_text, count_links, render_body


def parse(html):
    return BeautifulSoup(html, "html.parser")


def test_blank_lines_make_paragraphs_and_single_line_breaks_make_br():
    soup = parse(render_body("First line\nsecond line\n\nNew paragraph"))

    paragraphs = soup.find_all("p")
    assert [p.get_text("|") for p in paragraphs] == ["First line|second line", "New paragraph"]
    assert len(paragraphs[0].find_all("br")) == 1


def test_markup_is_shown_as_text():
    soup = parse(render_body("<b>bold</b> & <script>x</script>"))

    assert soup.find("b") is None
    assert soup.find("script") is None
    assert soup.p.get_text() == "<b>bold</b> & <script>x</script>"


def test_web_addresses_become_untrusted_links_without_trailing_punctuation():
    soup = parse(render_body("Read https://example.org/a?b=1&c=2. Then stop."))

    link = soup.find("a")
    assert link["href"] == "https://example.org/a?b=1&c=2"
    assert link["rel"] == ["nofollow", "ugc", "noopener"]


@pytest.mark.parametrize("text", ["javascript:alert(1)", "ftp://example.org", "www.example.org", "data:text/html,x"])
def test_only_http_and_https_addresses_become_links(text):
    assert parse(render_body(text)).find("a") is None


def test_a_quote_cannot_break_out_of_a_link():
    soup = parse(render_body('https://example.org/"onmouseover="alert(1)'))

    link = soup.find("a")
    assert link["href"] == "https://example.org/"
    assert set(link.attrs) == {"href", "rel"}


def test_cleaning_removes_nuls_controls_and_bidi_overrides_and_normalises_to_nfc():
    assert clean_text("e\u0301\x00\u202eab\u2066c\x07\r\nd") == "\u00e9abc\nd"


def test_names_become_one_line():
    assert clean_name("  Ana \n\t Reader ") == "Ana Reader"


def test_links_are_counted_with_and_without_scheme():
    assert count_links("https://a.example www.b.example and http://c.example/www.d") == 3
