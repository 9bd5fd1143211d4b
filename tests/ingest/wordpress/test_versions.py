"""Exports as older WordPress versions and the multilingual plugins write them (tests/data/wordpress/versions)."""

import datetime as dt

import pytest
from taggit.models import Tag

from dateline.comments.models import Comment, CommentStatus
from dateline.ingest.wordpress.models import Pingback, PingbackKind
from dateline.news.models import ArticlePage, Person

from .conftest import DATA, article

pytestmark = pytest.mark.django_db
VERSIONS = DATA / "versions"


def skipped_posts(report):
    return {what: reason for what, reason in report.skipped if what.startswith("post")}


def test_wxr_1_0_from_wordpress_3_keeps_posts_tags_trackbacks_and_local_dates(run_import):
    report = run_import(path=VERSIONS / "wxr-1.0-wordpress-3.0.xml")
    assert report.counts[("post", "created")] == 2
    ferry, lifeboat = article(7), article(9)
    # No <wp:author> in WXR 1.0: the login becomes the person.
    assert [a.person.name for a in ferry.article_authors.all()] == ["mjones"]
    assert list(ferry.tags.values_list("name", flat=True)) == ["ferry"]  # domain="tag", WXR 1.1 says post_tag
    # A post listing its category by name only (WordPress 2.x style) still finds its section.
    assert lifeboat.get_parent().slug == ferry.get_parent().slug == "local"
    # No post_date_gmt: the site's local time (Europe/Brussels, summer) is read.
    assert lifeboat.first_published_at == dt.datetime(2010, 7, 31, 16, 0, tzinfo=dt.UTC)
    assert Comment.objects.get(article=ferry).status == CommentStatus.APPROVED  # comment_type ""
    assert Pingback.objects.get(article=ferry).kind == PingbackKind.TRACKBACK


def test_wxr_1_1_keeps_authors_threads_and_pingbacks_and_leaves_post_formats_out(run_import):
    report = run_import(path=VERSIONS / "wxr-1.1-wordpress-3.3.xml")
    quotas = article(41)
    assert report.counts[("post", "created")] == 1
    assert [a.person.name for a in quotas.article_authors.all()] == ["Mary Jones"]
    assert list(quotas.tags.values_list("name", flat=True)) == ["fishing"]
    assert not Tag.objects.filter(name__icontains="aside").exists()
    assert [block.block_type for block in quotas.body] == ["paragraph", "quote"]
    reply = Comment.objects.get(article=quotas, parent__isnull=False)
    assert reply.parent.name == "Skipper Dan"
    assert Pingback.objects.get(article=quotas).kind == PingbackKind.PINGBACK


def test_wxr_1_2_from_wordpress_5_keeps_blocks_modified_dates_and_comment_types(run_import):
    run_import(path=VERSIONS / "wxr-1.2-wordpress-5.8.xml")
    regatta = article(120)
    assert [block.block_type for block in regatta.body] == ["paragraph", "subheading", "paragraph"]
    assert regatta.last_published_at == dt.datetime(2022, 1, 11, 15, 20, tzinfo=dt.UTC)
    statuses = dict(Comment.objects.filter(article=regatta).values_list("name", "status"))
    assert statuses == {"Lena": CommentStatus.APPROVED, "cheap-pills": CommentStatus.PENDING}


def test_polylang_posts_go_under_their_languages_front_page_linked_as_translations(run_import, home_es):
    report = run_import(path=VERSIONS / "polylang.xml")
    english, spanish = article(21), article(22)
    assert english.locale.language_code == "en"
    assert spanish.locale.language_code == "es"
    assert spanish.get_parent().get_parent().pk == home_es.pk
    assert spanish.get_parent().slug == "noticias"
    assert spanish.translation_key == english.translation_key
    assert english.get_translation(spanish.locale).pk == spanish.pk
    assert report.counts[("post", "created")] == 2


def test_a_language_the_site_lacks_is_skipped_with_its_name(run_import, home_es, settings):
    settings.LANGUAGES = [(code, name) for code, name in settings.LANGUAGES if code != "fr"]
    report = run_import(path=VERSIONS / "polylang.xml")
    reason = skipped_posts(report)["post 23 “Le pont ferme pour travaux”"]
    assert "fr_FR" in reason
    assert "DATELINE_LANGUAGES" in reason


def test_a_configured_language_without_a_front_page_is_skipped_saying_so(run_import, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("fr", "French")]
    report = run_import(path=VERSIONS / "polylang.xml")
    reasons = skipped_posts(report)
    assert "no front page in that language" in reasons["post 22 “El puente cierra por obras”"]
    assert "no front page in that language" in reasons["post 23 “Le pont ferme pour travaux”"]
    assert article(21).locale.language_code == "en"


def test_wpml_exports_per_language_are_linked_by_group_and_by_duplicate(run_import, home_es):
    run_import(path=VERSIONS / "wpml-en.xml")
    run_import(path=VERSIONS / "wpml-es.xml")
    assert article(31).translation_key == article(32).translation_key  # _wpml_import_translation_group
    assert article(33).translation_key == article(34).translation_key  # _icl_lang_duplicate_of
    assert article(31).translation_key != article(33).translation_key
    assert article(32).locale.language_code == "es"
    assert Person.objects.filter(name="Coast Desk").count() == 1


def test_wpml_duplicate_imported_before_its_original_is_linked_too(run_import, home_es):
    run_import(path=VERSIONS / "wpml-es.xml")
    run_import(path=VERSIONS / "wpml-en.xml")
    assert article(33).translation_key == article(34).translation_key


def test_a_second_run_of_a_multilingual_export_changes_nothing(run_import, home_es):
    run_import(path=VERSIONS / "polylang.xml")
    keys = dict(ArticlePage.objects.values_list("pk", "translation_key"))
    report = run_import(path=VERSIONS / "polylang.xml")
    assert report.counts[("post", "unchanged")] == 2
    assert dict(ArticlePage.objects.values_list("pk", "translation_key")) == keys
