"""Reading WordPress's export format: the real export, and files that must be refused with a reason."""

import pytest

from dateline.ingest.wordpress.wxr import WXRError, WXRReader, php_unserialize

from .conftest import EXPORT, STRIKE

WXR_HEAD = (
    '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
    "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://old.example</wp:base_site_url>"
)


def read_all(path):
    return list(WXRReader(path))


def test_real_export_yields_every_item_with_its_comments():
    reader = WXRReader(EXPORT)
    items = {item.id: item for item in reader}
    assert reader.channel.base_site_url == "http://127.0.0.1:8089"
    assert set(reader.channel.authors) == {"editor", "aperez", "tberg"}
    strike = items[STRIKE]
    assert (strike.post_type, strike.status, strike.is_sticky) == ("post", "publish", True)
    assert len(strike.comments) == 50
    assert {c.type for c in strike.comments} == {"comment", "pingback"}
    assert ("post_tag", "strike", "strike") in strike.terms


def test_billion_laughs_is_refused_before_expanding(tmp_path):
    bomb = tmp_path / "bomb.xml"
    entities = "".join(f'<!ENTITY l{n} "&l{n - 1};&l{n - 1};&l{n - 1};&l{n - 1};">' for n in range(1, 10))
    bomb.write_text(f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY l0 "lol">{entities}]><rss>&l9;</rss>')
    with pytest.raises(WXRError) as refused:
        read_all(bomb)
    assert "entities or a document type" in str(refused.value)


def test_external_entity_is_refused(tmp_path):
    hostile = tmp_path / "xxe.xml"
    hostile.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>')
    with pytest.raises(WXRError, match="refused"):
        read_all(hostile)


def test_truncated_file_is_refused_with_its_line(tmp_path):
    cut = tmp_path / "cut.xml"
    cut.write_bytes(EXPORT.read_bytes()[:20000])
    with pytest.raises(WXRError, match=r"not valid XML at line \d+.*cut short"):
        read_all(cut)


def test_file_in_another_encoding_than_it_declares_is_refused(tmp_path):
    latin = tmp_path / "latin.xml"
    body = WXR_HEAD + "<item><title>Caf\u00e9</title><wp:post_id>1</wp:post_id></item></channel></rss>"
    latin.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>' + body.encode("latin-1"))
    with pytest.raises(WXRError, match="encoding"):
        read_all(latin)


def test_plain_rss_feed_is_not_taken_for_an_export(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>News</title><item><title>A</title></item></channel></rss>')
    with pytest.raises(WXRError, match="not a WordPress export"):
        read_all(feed)


def test_older_export_versions_are_read(tmp_path):
    old = tmp_path / "wxr10.xml"
    old.write_text(
        '<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.0/" '
        'xmlns:excerpt="http://wordpress.org/export/1.0/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        "<item><title>Old</title><content:encoded><![CDATA[Text]]></content:encoded>"
        "<excerpt:encoded><![CDATA[Short]]></excerpt:encoded><wp:post_id>7</wp:post_id>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status>"
        "<wp:post_date_gmt>2010-05-01 10:00:00</wp:post_date_gmt></item></channel></rss>"
    )
    [item] = read_all(old)
    assert (item.id, item.content, item.excerpt, item.published.year) == (7, "Text", "Short", 2010)


def test_attachment_metadata_is_read_without_running_php():
    meta = 'a:2:{s:5:"width";i:640;s:10:"image_meta";a:1:{s:6:"credit";s:7:"Ana Pé";}}'
    assert php_unserialize(meta) == {"width": 640, "image_meta": {"credit": "Ana Pé"}}
    with pytest.raises(ValueError, match="unsupported PHP value"):
        php_unserialize('O:8:"stdClass":0:{}')
