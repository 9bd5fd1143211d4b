"""Post HTML to article body blocks: what maps to a block, what is kept as text, what is neutralised."""

from bs4 import BeautifulSoup

from dateline.ingest.body import sanitise_rich_text
from dateline.ingest.wordpress.body import convert_body


def blocks(html, photos=None):
    body = convert_body(html, find_photo=lambda wp_id, url: (photos or {}).get(wp_id))
    return body


def types(body):
    return [block["type"] for block in body.blocks]


def test_classic_paragraphs_are_parted_by_blank_lines():
    body = blocks("First line\nsecond line.\n\nSecond <strong>paragraph</strong>.")
    assert [b["value"] for b in body.blocks] == [
        "<p>First line<br>\nsecond line.</p>",
        "<p>Second <b>paragraph</b>.</p>",
    ]


def test_block_editor_heading_quote_and_list_map_to_blocks():
    body = blocks(
        "<!-- wp:heading --><h2>Why</h2><!-- /wp:heading -->"
        '<!-- wp:quote --><blockquote class="wp-block-quote"><p>We stay.</p><cite>A docker</cite></blockquote>'
        "<!-- /wp:quote -->"
        "<!-- wp:list --><ul><li>One</li><li>Two</li></ul><!-- /wp:list -->"
    )
    assert types(body) == ["subheading", "quote", "paragraph"]
    assert body.blocks[1]["value"]["attribution"] == "A docker"
    assert [li.get_text() for li in BeautifulSoup(body.blocks[2]["value"], "html.parser").find_all("li")] == [
        "One",
        "Two",
    ]


def test_caption_shortcode_becomes_a_photo_with_its_caption():
    body = blocks(
        '[caption id="attachment_9" width="640"]<img class="wp-image-9" src="/a.jpg"> Stalls at dawn.[/caption]',
        {9: 42},
    )
    assert body.blocks == [{"type": "photo", "value": {"photo": 42, "caption": "Stalls at dawn."}}]


def test_embed_shortcode_iframe_and_bare_link_become_embeds():
    body = blocks(
        "[embed]https://vimeo.com/1[/embed]\n\n"
        '<iframe src="https://www.youtube.com/embed/abc"></iframe>\n\n'
        "https://x.com/newsroom/status/1"
    )
    assert body.blocks == [
        {"type": "embed", "value": "https://vimeo.com/1"},
        {"type": "embed", "value": "https://www.youtube.com/watch?v=abc"},
        {"type": "embed", "value": "https://x.com/newsroom/status/1"},
    ]


def test_gallery_gives_a_photo_per_picture():
    body = blocks('[gallery ids="1,2"]', {1: 10, 2: 20})
    assert [b["value"]["photo"] for b in body.blocks] == [10, 20]


def test_scripts_and_event_handlers_are_removed_and_reported():
    body = blocks('<div onclick="steal()">Tide at 14:10<script>alert(1)</script></div>')
    [block] = body.blocks
    soup = BeautifulSoup(block["value"], "html.parser")
    assert soup.get_text() == "Tide at 14:10"
    assert not soup.find_all(attrs={"onclick": True})
    assert body.notes == ["a <div> element was kept as text"]


def test_table_is_kept_as_paragraphs_and_reported():
    body = blocks("<table><tr><td>Quay</td><td>1.2 km</td></tr></table>")
    assert body.blocks == [{"type": "paragraph", "value": "<p>Quay | 1.2 km</p>"}]
    assert body.notes == ["a table was kept as paragraphs"]


def test_quotation_without_attribution_stays_text():
    body = blocks("<blockquote><p>Words.</p></blockquote>")
    assert body.blocks == [{"type": "paragraph", "value": "<p>Words.</p>"}]


def test_missing_picture_keeps_its_caption_as_text_and_is_reported():
    body = blocks('<figure class="wp-block-image"><img src="/gone.jpg"><figcaption>The quay.</figcaption></figure>')
    assert body.blocks == [{"type": "paragraph", "value": "<p>The quay.</p>"}]
    assert body.missing_photos == ["/gone.jpg"]


def test_rich_text_keeps_only_what_a_paragraph_allows():
    cleaned = sanitise_rich_text('<p style="x"><em>a</em> <a href="javascript:alert(1)" onclick="x">b</a><u>c</u></p>')
    assert cleaned == "<p><i>a</i> <a>b</a>c</p>"
