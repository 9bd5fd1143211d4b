"""Reading agency formats into WireStory (dateline.ingest.parsing): no database, no network."""

import datetime as dt
import json

import pytest

from dateline.ingest.parsing import (
    UnreadableFeed,
    parse_document,
    parse_newsml,
    parse_ninjs,
    parse_rss,
    place_name,
)
from dateline.ingest.services import body_blocks

from .conftest import wire_file


def test_iptc_listing_2_gives_headline_place_byline_and_subjects():
    (story,) = parse_newsml(wire_file("iptc-newsml-g2-listing-2-text-document.xml"))

    assert story.headline == 'Fed to halt QE to avert "bubble"'
    assert (story.dateline_place, story.byline, story.language, story.version) == (
        "New York",
        "Meredith Jameson",
        "en",
        10,
    )
    assert story.subjects == ["economy, business and finance", "central bank", "money and monetary policy"]
    assert story.body_html.count("<p>") == 2


def test_newsml_g2_dateline_element_wins_over_located_and_capitals_become_a_name():
    (story,) = parse_newsml(wire_file("newsml-g2-brussels.xml"))

    assert story.dateline_place == "Brussels"
    assert (story.credit, story.urgency) == ("EXW", 3)


def test_newsml_g2_canceled_status_is_a_kill():
    (story,) = parse_newsml(wire_file("newsml-g2-brussels-kill.xml"))

    assert story.killed
    assert story.version == 3
    assert not story.problem


def test_newsml_g2_plain_text_body_becomes_paragraphs():
    xml = wire_file("newsml-g2-brussels-kill.xml").replace(
        b'<pubStatus qcode="stat:canceled"/>',
        b'<pubStatus qcode="stat:usable"/>',
    )
    text = b'<contentSet><inlineData contenttype="text/plain">One.\n\nTwo &lt;b&gt;.</inlineData></contentSet>'
    xml = xml.replace(b"</contentMeta>", b"</contentMeta>" + text)

    (story,) = parse_newsml(xml)

    assert story.body_html == "<p>One.</p><p>Two &lt;b&gt;.</p>"


def test_newsml_g2_pictures_sent_alone_are_not_stories():
    xml = wire_file("iptc-newsml-g2-listing-1-news-item.xml").replace(b"ninat:text", b"ninat:picture")

    assert parse_newsml(xml) == []


def test_xml_that_is_not_newsml_g2_is_unreadable():
    with pytest.raises(UnreadableFeed, match="not NewsML-G2"):
        parse_newsml(b"<rss version='2.0'><channel/></rss>")


def test_entity_expansion_is_refused():
    with pytest.raises(UnreadableFeed, match="refused"):
        parse_newsml(wire_file("newsml-g2-entity-expansion.xml"))


def test_ninjs_2_gives_the_main_headline_summary_place_and_picture():
    (story,) = parse_ninjs(wire_file("ninjs-2-havana.json"))

    assert story.headline == "Havana port reopens after storm"
    assert story.standfirst.startswith("Cargo ships docked again")
    assert (story.dateline_place, story.urgency, story.version) == ("Havana", 4, 2)
    assert [(p.href, p.credit) for p in story.photos] == [("/photos/havana.jpg", "Luis Gómez/EXW")]
    assert "onerror" not in story.body_html
    assert "<img" not in story.body_html


@pytest.mark.parametrize("status", ["canceled", "withheld"])
def test_ninjs_canceled_and_withheld_are_kills(status):
    item = {"uri": "urn:x", "version": "4", "pubstatus": status}

    (story,) = parse_ninjs(json.dumps(item).encode())

    assert story.killed
    assert not story.problem


def test_ninjs_1_fields_are_read_too():
    item = {
        "uri": "urn:x",
        "headline": "Old style",
        "body_html": "<p>Text.</p>",
        "embargoed": "2030-01-01T09:00:30Z",
        "place": [{"name": "LIMA"}],
    }

    (story,) = parse_ninjs(json.dumps(item).encode())

    assert (story.headline, story.dateline_place, story.body_html) == ("Old style", "Lima", "<p>Text.</p>")
    # Rounded up to the minute: the page editor keeps minutes only and must never move an embargo earlier.
    assert story.embargoed_until == dt.datetime(2030, 1, 1, 9, 1, tzinfo=dt.UTC)


def test_ninjs_that_is_not_json_is_unreadable():
    with pytest.raises(UnreadableFeed, match="malformed JSON"):
        parse_ninjs(wire_file("malformed.json"))


def test_rss_gives_guid_byline_categories_and_the_dateline_opening_the_text():
    first, second = parse_rss(wire_file("rss-agency.xml"))

    assert (first.guid, first.byline, first.dateline_place) == (
        "exw-2026-11-30-geneva-shipping",
        "Marie Dubois",
        "Geneva",
    )
    assert first.subjects == ["climate change", "shipping"]
    assert second.dateline_place == "London"


def test_atom_entries_are_read_as_stories():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
      <title>Agencia</title><id>urn:agencia</id><updated>2026-11-30T10:00:00Z</updated>
      <entry>
        <title>Acuerdo en Bruselas</title><id>urn:agencia:1</id><updated>2026-11-30T10:00:00Z</updated>
        <author><name>Ana Ruiz</name></author>
        <content type="html">&lt;p&gt;BRUSELAS, 30 nov (AGN) - Los ministros llegaron a un acuerdo.&lt;/p&gt;</content>
      </entry>
    </feed>"""

    (story,) = parse_document("rss", atom)

    assert (story.headline, story.byline, story.dateline_place) == ("Acuerdo en Bruselas", "Ana Ruiz", "Bruselas")


def test_a_feed_that_is_not_a_feed_is_unreadable():
    with pytest.raises(UnreadableFeed):
        parse_rss(b"\x00\x01 not a feed")


def test_the_same_story_with_other_spacing_and_case_has_the_same_fingerprint():
    (story,) = parse_newsml(wire_file("newsml-g2-brussels.xml"))
    (again,) = parse_newsml(wire_file("newsml-g2-brussels.xml"))
    again.body_html = again.body_html.upper().replace(" ", "  ")

    assert story.fingerprint == again.fingerprint


@pytest.mark.parametrize(
    ("dateline", "place"),
    [("MOSCOW, Monday (Reuters)", "Moscow"), ("New York, NY", "New York"), ("SÃO PAULO (EXW) -", "São Paulo")],
)
def test_place_names_are_read_from_datelines(dateline, place):
    assert place_name(dateline) == place


def test_body_blocks_keep_headings_lists_and_links_as_the_article_body_allows():
    blocks = body_blocks(
        '<p>One <strong>bold</strong> <a href="https://example.org">link</a>.</p>'
        "<h3>Heading</h3><ul><li>A</li></ul>Loose <em>text</em><blockquote><p>Quoted.</p></blockquote>"
    )

    assert blocks == [
        ("paragraph", '<p>One <b>bold</b> <a href="https://example.org">link</a>.</p>'),
        ("subheading", "Heading"),
        ("paragraph", "<ul><li>A</li></ul>"),
        ("paragraph", "<p>Loose <i>text</i></p>"),
        ("paragraph", "<p>Quoted.</p>"),
    ]
