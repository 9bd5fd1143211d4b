"""The import service on the real export: what each WordPress thing becomes, and running it again."""

import datetime as dt

import pytest
from django.db.models import Count
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Revision

from dateline.comments.models import Comment, CommentStatus
from dateline.home.models import PinnedStory
from dateline.ingest.wordpress.models import ImportedItem, Pingback
from dateline.ingest.wordpress.services import ImportRefused
from dateline.news.models import ArticlePage, Person, SectionPage
from dateline.news.signals import articles_showing
from dateline.photos.models import Photo
from tests.news.factories import PersonFactory, SectionPageFactory

from .conftest import DRAFT, EXPORT, MARKET, PASSWORD, PENDING, PRIVATE, SCHEDULED, STRIKE, TERMINAL, article

pytestmark = pytest.mark.django_db


def snapshot():
    """Every row the import writes, with its modification stamps."""
    return {
        "pages": sorted(Page.objects.values_list("pk", "latest_revision_id", "last_published_at", "url_path", "live")),
        "revisions": Revision.objects.count(),
        "photos": sorted(Photo.objects.values_list("pk", "file", "credit", "default_caption")),
        "people": sorted(Person.objects.values_list("pk", "slug")),
        "comments": sorted(Comment.objects.values_list("pk", "status", "parent_id")),
        "pingbacks": Pingback.objects.count(),
        "redirects": sorted(Redirect.objects.values_list("old_path", "redirect_page_id", "redirect_link")),
        "items": sorted(ImportedItem.objects.values_list("kind", "wp_id", "object_id", "updated_at")),
        "restrictions": PageViewRestriction.objects.count(),
        "pins": PinnedStory.objects.count(),
    }


def test_published_post_keeps_its_dates_slug_excerpt_and_author(imported):
    strike = article(STRIKE)
    assert strike.live
    assert strike.first_published_at == dt.datetime(2024, 3, 12, 8, 30, tzinfo=dt.UTC)
    assert strike.slug == "dockworkers-strike-shuts-the-harbour"
    assert strike.standfirst == "No ship left the port on Tuesday as dockworkers walked out over pay."
    assert [person.name for person in strike.authors] == ["Ana Pérez"]
    assert strike.live_revision.created_at == strike.last_published_at


def test_first_category_becomes_the_section_and_the_others_tags(imported):
    strike = article(STRIKE)
    assert strike.get_parent().specific.title == "Business"
    assert sorted(tag.name for tag in strike.tags.all()) == ["Local", "harbour", "strike", "unions"]


def test_section_map_puts_a_category_into_an_existing_section(run_import, home):
    world = SectionPageFactory(parent=home, title="Our town", slug="town")
    run_import(section_map={"local": "town", "business": "town"})
    assert article(STRIKE).get_parent().pk == world.pk
    assert not SectionPage.objects.filter(slug="local").exists()


def test_author_map_credits_an_existing_person(run_import):
    ana = PersonFactory(name="Ana Pérez-Vidal", slug="ana")
    run_import(author_map={"aperez": "ana"})
    assert article(STRIKE).authors == [ana]
    assert not Person.objects.filter(name="Ana Pérez").exists()


def test_an_unknown_mapping_target_stops_the_import_before_writing(run_import):
    with pytest.raises(ImportRefused, match="nobody has that slug"):
        run_import(author_map={"aperez": "nobody"})
    assert not ArticlePage.objects.exists()


def test_authors_email_is_kept_privately(imported):
    record = ImportedItem.objects.get(kind="author", wp_id="aperez")
    assert record.private_data == {"email": "ana.perez@harbour.example"}


def test_featured_image_is_the_lead_photo_with_caption_alt_and_credit(imported):
    photo = article(STRIKE).lead_photo
    assert photo.default_caption == "Strikers gather at the north gate on Tuesday morning."
    assert photo.credit == "AFP"
    assert photo.description == "Dockworkers holding banners at the harbour gate"


def test_photo_credit_comes_from_the_files_exif_when_nothing_else_names_it(imported):
    crane = Photo.objects.get(title="Crane at dawn")
    assert crane.credit == "Marta Ruiz"


def test_body_photo_caption_gives_its_credit_to_the_photo(imported):
    photos = [block.value for block in article(MARKET).body if block.block_type == "photo"]
    assert [(p["caption"], p["photo"].credit) for p in photos] == [
        ("Traders set up their stalls before dawn.", "Jean Martin")
    ]


def test_block_editor_post_keeps_its_structure(imported):
    assert [block.block_type for block in article(TERMINAL).body] == [
        "paragraph", "subheading", "paragraph", "photo", "quote", "paragraph", "quote", "subheading",
        "photo", "photo", "photo", "embed", "paragraph", "paragraph",
    ]  # fmt: skip


def test_unmodelled_markup_is_named_in_the_report(imported):
    notes = [note for what, note in imported.notes if "container terminal" in what]
    assert notes == ["a table was kept as paragraphs", "a <div> element was kept as text"]


def test_comments_keep_their_status_and_pingbacks_are_kept_apart(imported):
    statuses = dict(
        Comment.objects.filter(article=article(STRIKE)).values_list("status").annotate(n=Count("pk")).order_by()
    )
    assert statuses == {CommentStatus.APPROVED: 43, CommentStatus.PENDING: 5, CommentStatus.REJECTED: 1}
    [ping] = Pingback.objects.all()
    assert (ping.kind, ping.url) == ("pingback", "https://portwatch.example/2024/03/strike-day-one/")
    assert ping.article == article(STRIKE)


def test_replies_to_replies_join_their_top_level_thread(imported):
    comments = Comment.objects.filter(article=article(STRIKE))
    replies = comments.exclude(parent=None)
    assert replies.count() == 7
    assert not replies.filter(parent__parent__isnull=False).exists()
    assert comments.get(body="Reply to a reply, number 28.").parent.parent_id is None


def test_commenters_addresses_are_not_stored_raw(imported):
    comment = Comment.objects.filter(article=article(STRIKE)).first()
    assert comment.address_hash
    assert "203.0.113" not in comment.address_hash
    assert comment.email_hash
    assert comment.email.endswith("@readers.example")


def test_hostile_comment_markup_becomes_plain_text(imported):
    comment = Comment.objects.get(body__startswith="Nice")
    assert comment.body == "Nice point link"


def test_statuses_map_to_drafts_schedules_and_restrictions(imported):
    assert not article(DRAFT).live
    assert not article(PENDING).live
    scheduled = article(SCHEDULED)
    assert not scheduled.live
    assert scheduled.go_live_at == dt.datetime(2031, 6, 1, 6, 0, tzinfo=dt.UTC)
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at
    private = PageViewRestriction.objects.get(page=article(PRIVATE))
    assert private.restriction_type == "groups"
    assert sorted(group.name for group in private.groups.all()) == ["Editors", "Reporters"]
    password = PageViewRestriction.objects.get(page=article(PASSWORD))
    assert (password.restriction_type, password.password) == ("password", "tide-2024")


def test_sticky_post_is_pinned_on_the_front_page(imported, home):
    home.refresh_from_db()
    assert [pin.article_id for pin in home.specific.pinned_stories.all()] == [article(STRIKE).pk]


def test_pages_and_missing_files_are_reported(imported):
    assert ("page “About the Gazette”", "pages are not imported") in imported.skipped
    assert any(path == "x" for _what, path in imported.missing_files)  # the hostile <img src="x">


def test_second_run_changes_nothing(run_import):
    run_import()
    before = snapshot()
    report = run_import()
    assert snapshot() == before
    assert report.counts[("post", "unchanged")] == 9
    assert report.counts[("post", "created")] == report.counts[("post", "updated")] == 0


def test_changed_post_is_updated_in_place(run_import, tmp_path):
    run_import()
    strike = article(STRIKE)
    edited = tmp_path / "edited.xml"
    edited.write_text(EXPORT.read_text().replace("Dockworkers strike shuts the harbour", "Dockworkers end strike"))
    report = run_import(path=edited)
    assert report.counts[("post", "updated")] == 1
    assert article(STRIKE).pk == strike.pk
    assert ArticlePage.objects.get(pk=strike.pk).title == "Dockworkers end strike"
    assert Comment.objects.filter(article=strike).count() == 49


def test_bad_item_is_skipped_with_its_reason_and_the_rest_imported(run_import, tmp_path):
    broken = tmp_path / "broken.xml"
    text = EXPORT.read_text()
    # The market post loses its text and its title.
    start = text.index("<title><![CDATA[Fish market reopens after repairs]]></title>")
    broken.write_text(text[:start] + "<title><![CDATA[]]></title>" + text[start + 63 :])
    report = run_import(path=broken)
    assert [(what, reason) for what, reason in report.skipped if what.startswith("post")] == [
        ("post 12 “”", "it has no title")
    ]
    assert report.counts[("post", "created")] == 8


def test_dry_run_writes_nothing(run_import, settings):
    before = snapshot()
    report = run_import(dry_run=True)
    assert report.counts[("post", "created")] == 9
    assert snapshot() == before
    assert not [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def test_redirects_cover_the_old_permalink_patterns(imported):
    strike = article(STRIKE)
    paths = set(Redirect.objects.filter(redirect_page=strike).values_list("old_path", flat=True))
    assert {
        "/2024/03/12/dockworkers-strike-shuts-the-harbour",
        "/2024/03/dockworkers-strike-shuts-the-harbour",
        "/local/dockworkers-strike-shuts-the-harbour",
        "/?p=4",
    } <= paths
    assert Redirect.objects.get(old_path="/category/local").redirect_page.specific.slug == "local"
    assert Redirect.objects.get(old_path="/tag/strike").redirect_link == "/tags/strike/"


def test_imported_articles_are_in_wagtails_reference_index(imported):
    crane = Photo.objects.get(title="Crane at dawn")
    lead = article(STRIKE).lead_photo
    assert [page.pk for page in articles_showing(crane)] == [article(TERMINAL).pk]
    assert [page.pk for page in articles_showing(lead)] == [article(STRIKE).pk]


def test_pending_post_is_submitted_to_the_review_workflow(run_import):
    from wagtail.models import Workflow, WorkflowState

    assert Workflow.objects.filter(active=True).exists()  # Wagtail's "Moderators approval", on the root
    report = run_import()
    pending = article(PENDING)
    state = WorkflowState.objects.active().for_instance(pending).get()
    assert state.requested_by is None  # the import, not a person, submitted it
    assert report.counts[("review", "created")] == 1
    assert not WorkflowState.objects.for_instance(article(DRAFT)).exists()


def test_second_run_does_not_submit_a_pending_post_twice(run_import, tmp_path):
    from wagtail.models import WorkflowState

    run_import()
    edited = tmp_path / "edited.xml"
    edited.write_text(EXPORT.read_text().replace("Ferry timetable changes from May", "Ferry timetable changes"))
    run_import(path=edited)
    assert WorkflowState.objects.for_instance(article(PENDING)).count() == 1


def test_dry_run_starts_no_workflow(run_import):
    from wagtail.models import WorkflowState

    report = run_import(dry_run=True)
    assert report.counts[("review", "created")] == 1
    assert not WorkflowState.objects.exists()
