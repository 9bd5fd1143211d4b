"""The ingest room's one HTML-to-blocks converter, shared by the wire and the WordPress import."""

import pytest

from dateline.ingest import body
from dateline.ingest.parsing import sanitise_html
from dateline.ingest.services import body_blocks
from dateline.ingest.wordpress.body import convert_body


@pytest.fixture
def features(monkeypatch):
    def use(names):
        monkeypatch.setattr(body, "PARAGRAPH_FEATURES", names)
        body.rich_text_allow_list.cache_clear()

    yield use
    body.rich_text_allow_list.cache_clear()


def test_allow_list_is_the_paragraph_blocks_features_in_wagtails_stored_form():
    tags, attributes = body.rich_text_allow_list()
    assert tags == {"p", "br", "b", "i", "a", "ol", "ul", "li"}
    assert attributes == {"a": {"href"}}  # never Wagtail's internal a[linktype] by id


def test_a_feature_taken_off_the_paragraph_block_is_no_longer_kept(features):
    features(["bold", "italic"])
    assert body.sanitise_rich_text('<p><a href="https://example.org">a</a> <b>b</b></p>') == "<p>a <b>b</b></p>"


def test_wire_and_wordpress_give_the_same_blocks_for_the_same_html():
    markup = (
        '<p>One <strong>bold</strong> <a href="https://example.org" onclick="x">link</a>.</p>'
        "<h3>Heading</h3><blockquote><p>We stay.</p><cite>A docker</cite></blockquote><ul><li>A</li></ul>"
    )
    wordpress = [(block["type"], block["value"]) for block in convert_body(markup, find_photo=lambda *_: None).blocks]
    assert body_blocks(sanitise_html(markup)) == wordpress
    assert [kind for kind, _value in wordpress] == ["paragraph", "subheading", "quote", "paragraph"]


def test_wire_html_keeps_the_structure_the_converter_reads_and_nothing_else():
    cleaned = sanitise_html('<h2>A</h2><blockquote>b<cite>c</cite></blockquote><img src="x"><script>y</script>')
    assert cleaned == "<h2>A</h2><blockquote>b<cite>c</cite></blockquote>"
