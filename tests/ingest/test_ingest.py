"""Taking agency copy in: each format into the queue as drafts with dateline and credit, versions,
embargoes, kills, duplicates and bad input (dateline.ingest.services)."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from dateline.ingest import fetching
from dateline.ingest.models import SourceKind, SourceStatus, WireItem, WireItemStatus
from dateline.ingest.services import ingest_all_due, ingest_source, use_wire_item
from dateline.news.blocks import PARAGRAPH_FEATURES
from dateline.news.models import ArticlePage, SectionPage

from .conftest import jpeg_with_iptc, wire_file

pytestmark = pytest.mark.django_db

BRUSSELS_GUID = "urn:newsml:wire.example.org:20261130:eu-energy-deal"


def serve(server, path, name_or_bytes, content_type="application/xml", delay=None):
    body = name_or_bytes if isinstance(name_or_bytes, bytes) else wire_file(name_or_bytes)
    server.routes[path] = (body, content_type, delay) if delay else (body, content_type)
    return server.url(path)


def newsml_source(make_source, wire_server, name="EXW NewsML", fixture="newsml-g2-brussels.xml"):
    url = serve(wire_server, f"/{name.replace(' ', '-')}.xml", fixture)
    return make_source(name=name, kind=SourceKind.NEWSML_URL, url=url)


def brussels_version(version: int, extra: str = "", embargo: str = "") -> bytes:
    text = wire_file("newsml-g2-brussels.xml").decode()
    text = text.replace('version="1"', f'version="{version}"')
    text = text.replace("to pool gas reserves for the winter.", f"to pool gas reserves for the winter.{extra}")
    if embargo:
        text = text.replace("<pubStatus", f"<embargoed>{embargo}</embargoed><pubStatus")
    return text.encode()


def draft_of(item: WireItem) -> ArticlePage:
    return ArticlePage.objects.get(pk=item.article_id)


# Each format lands in the queue ------------------------------------------------------------


def test_newsml_g2_item_becomes_a_draft_with_its_dateline_credit_and_byline_kept(make_source, wire_server, section):
    source = newsml_source(make_source, wire_server)

    report = ingest_source(source)

    assert (report.status, report.new) == (SourceStatus.OK, 1)
    item = WireItem.objects.get(guid=BRUSSELS_GUID)
    assert (item.dateline_place, item.credit, item.byline, item.urgency) == ("Brussels", "EXW", "Ana Ruiz", 3)
    draft = draft_of(item)
    assert not draft.live
    assert draft.get_parent().pk == section.pk
    assert (draft.title, draft.dateline_place, draft.outlet_code) == (
        "EU ministers agree winter energy plan",
        "Brussels",
        "EXW",
    )
    assert draft.standfirst.startswith("Ministers from 27 countries")
    assert sorted(tag.name for tag in draft.tags.all()) == ["European Union", "energy and resource"]


def test_newsml_g2_body_becomes_blocks_without_scripts_or_event_handlers(make_source, wire_server):
    ingest_source(newsml_source(make_source, wire_server))

    draft = draft_of(WireItem.objects.get(guid=BRUSSELS_GUID))
    kinds = [block.block_type for block in draft.body]
    assert kinds == ["paragraph", "subheading", "paragraph", "paragraph"]
    html = "".join(str(block.value) for block in draft.body if block.block_type == "paragraph")
    assert "<b>at least 90 percent</b>" in html
    assert "script" not in html
    assert "onclick" not in html
    assert "alert" not in html


def test_iptc_listing_2_lands_with_its_located_place_and_creator_as_byline(make_source, wire_server):
    source = newsml_source(make_source, wire_server, fixture="iptc-newsml-g2-listing-2-text-document.xml")

    ingest_source(source)

    item = WireItem.objects.get()
    assert (item.dateline_place, item.byline, item.version) == ("New York", "Meredith Jameson", 10)
    assert len(draft_of(item).body) == 2


def test_iptc_listing_1_with_an_empty_body_still_lands_with_its_berlin_dateline(make_source, wire_server):
    source = newsml_source(make_source, wire_server, fixture="iptc-newsml-g2-listing-1-news-item.xml")

    ingest_source(source)

    item = WireItem.objects.get()
    assert (item.dateline_place, item.headline) == ("Berlin", 'Fed to halt QE to avert "bubble"')
    assert not item.is_embargoed  # its embargo (2018) is long past
    assert draft_of(item).embargoed_until == dt.datetime(2018, 10, 23, 12, tzinfo=dt.UTC)


def test_ninjs_item_lands_with_dateline_credit_and_its_photo_from_the_feeds_host(make_source, wire_server):
    photo = jpeg_with_iptc(credit="IPTC credit", caption="IPTC caption")
    serve(wire_server, "/photos/havana.jpg", photo, "image/jpeg")
    url = serve(wire_server, "/ninjs.json", "ninjs-2-havana.json", "application/json")
    source = make_source(name="EXW NINJS", kind=SourceKind.NINJS_URL, url=url)

    ingest_source(source)

    item = WireItem.objects.get()
    assert (item.dateline_place, item.credit, item.urgency, item.version) == ("Havana", "Example Wire Agency", 4, 2)
    draft = draft_of(item)
    assert (draft.dateline_place, draft.outlet_code) == ("Havana", "EXW")
    # The item's own credit and caption come before the file's IPTC.
    assert draft.lead_photo.credit == "Luis Gómez/EXW"
    assert draft.lead_caption == "A cargo ship enters Havana bay on Monday."


def test_rss_item_lands_with_the_dateline_read_from_its_opening_and_photo_caption_from_iptc(make_source, wire_server):
    serve(wire_server, "/photos/geneva.jpg", jpeg_with_iptc(caption="Delegates leave the hall."), "image/jpeg")
    source = make_source(kind=SourceKind.RSS, url=serve(wire_server, "/rss.xml", "rss-agency.xml"))

    report = ingest_source(source)

    assert report.new == 2
    item = WireItem.objects.get(guid="exw-2026-11-30-geneva-shipping")
    assert (item.dateline_place, item.byline) == ("Geneva", "Marie Dubois")
    draft = draft_of(item)
    assert draft.lead_photo.credit == "Example Wire"
    assert draft.lead_photo.default_caption == "Delegates leave the hall."
    assert draft.outlet_code == "EXW"


def test_a_photo_on_another_host_is_never_fetched(make_source, wire_server):
    feed = wire_file("rss-agency.xml").replace(b'url="/photos/geneva.jpg"', b'url="http://192.0.2.1/steal.jpg"')
    source = make_source(url=serve(wire_server, "/rss.xml", feed))

    ingest_source(source)

    assert draft_of(WireItem.objects.get(guid="exw-2026-11-30-geneva-shipping")).lead_photo is None
    assert wire_server.requests == ["/rss.xml"]


def test_drop_folder_files_are_read_once_and_moved_aside(make_source, settings):
    source = make_source(kind=SourceKind.NINJS_FOLDER, folder="exw")
    folder = settings.DATA_DIR / "wires" / "exw"
    folder.mkdir(parents=True)
    (folder / "havana.json").write_bytes(wire_file("ninjs-2-havana.json"))
    (folder / "havana.jpg").write_bytes(jpeg_with_iptc(credit="From the file"))

    first, second = ingest_source(source), ingest_source(source)

    assert (first.new, second.new) == (1, 0)
    assert (folder / "processed" / "havana.json").exists()
    assert not (folder / "havana.json").exists()
    assert draft_of(WireItem.objects.get()).lead_photo is not None


def test_drafts_wait_in_a_hidden_wire_section_when_the_source_names_none(make_source, wire_server, home):
    source = newsml_source(make_source, wire_server)
    source.section = None
    source.save()

    ingest_source(source)

    parent = draft_of(WireItem.objects.get()).get_parent().specific
    assert isinstance(parent, SectionPage)
    assert not parent.live
    assert parent.get_parent().pk == home.pk


# Versions ----------------------------------------------------------------------------------


def test_a_newer_version_saves_a_new_revision_on_the_same_draft(make_source, wire_server):
    source = newsml_source(make_source, wire_server)
    ingest_source(source)
    item = WireItem.objects.get()
    revisions_before = draft_of(item).revisions.count()

    serve(wire_server, "/EXW-NewsML.xml", brussels_version(2, " Hungary abstained."))
    report = ingest_source(source)

    assert (report.updated, report.new) == (1, 0)
    assert WireItem.objects.count() == 1
    item.refresh_from_db()
    assert item.version == 2
    draft = draft_of(item)
    assert draft.revisions.count() == revisions_before + 1
    latest = draft.get_latest_revision_as_object()
    assert "Hungary abstained." in str(latest.body[0].value)


def test_the_same_version_again_changes_nothing(make_source, wire_server):
    source = newsml_source(make_source, wire_server)
    ingest_source(source)

    report = ingest_source(source)

    assert (report.unchanged, report.new, report.updated) == (1, 0, 0)


def test_an_update_to_a_used_story_is_marked_and_tells_the_editor_who_took_it(
    make_source, wire_server, editor, section, mailoutbox, django_capture_on_commit_callbacks
):
    source = newsml_source(make_source, wire_server)
    ingest_source(source)
    item = WireItem.objects.get()
    use_wire_item(item=item, section=section, user=editor)

    serve(wire_server, "/EXW-NewsML.xml", brussels_version(2, " Hungary abstained."))
    with django_capture_on_commit_callbacks(execute=True):
        ingest_source(source)

    item.refresh_from_db()
    assert item.status == WireItemStatus.UPDATED_AFTER_USE
    assert [message.to for message in mailoutbox] == [[editor.email]]
    assert "EU ministers agree winter energy plan" in mailoutbox[0].subject


# Embargoes ---------------------------------------------------------------------------------


def embargoed_draft(make_source, wire_server, embargo: dt.datetime) -> ArticlePage:
    url = serve(wire_server, "/embargoed.xml", brussels_version(1, embargo=embargo.isoformat()))
    ingest_source(make_source(name="Embargoed", kind=SourceKind.NEWSML_URL, url=url))
    return draft_of(WireItem.objects.get())


def test_an_embargoed_story_is_scheduled_for_the_embargo_when_published_early(make_source, wire_server):
    embargo = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    draft = embargoed_draft(make_source, wire_server, embargo)
    assert WireItem.objects.get().is_embargoed

    draft.get_latest_revision().publish()

    draft.refresh_from_db()
    assert not draft.live
    assert draft.go_live_at == embargo
    with time_machine.travel(embargo + dt.timedelta(minutes=1)):
        call_command("publish_scheduled")
    draft.refresh_from_db()
    assert draft.live


def test_publishing_an_embargoed_story_live_before_its_embargo_is_refused(make_source, wire_server):
    draft = embargoed_draft(make_source, wire_server, timezone.now() + dt.timedelta(hours=2))
    draft.go_live_at = None  # someone clears the schedule

    with pytest.raises(ValidationError):
        draft.save_revision().publish()

    assert not Page.objects.get(pk=draft.pk).live


def test_the_page_editor_schedules_an_embargoed_story_instead_of_publishing_it(
    make_source, wire_server, editor, client
):
    embargo = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    draft = embargoed_draft(make_source, wire_server, embargo)
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(draft.pk,))
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    for key in [key for key in data if "__prefix__" in key]:
        del data[key]
    body = [("paragraph", rich_text("<p>Checked by the desk.</p>", features=PARAGRAPH_FEATURES))]
    data.update(nested_form_data({"body": streamfield(body), "go_live_at": "", "action-publish": "action-publish"}))

    response = client.post(edit_url, data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.go_live_at == embargo


# Kills -------------------------------------------------------------------------------------


def test_a_kill_unpublishes_a_published_story_which_then_answers_404(
    make_source, wire_server, editor, section, client, mailoutbox, django_capture_on_commit_callbacks
):
    source = newsml_source(make_source, wire_server)
    ingest_source(source)
    item = WireItem.objects.get()
    page = use_wire_item(item=item, section=section, user=editor)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert client.get(page.url).status_code == 200

    serve(wire_server, "/EXW-NewsML.xml", "newsml-g2-brussels-kill.xml")
    with django_capture_on_commit_callbacks(execute=True):
        report = ingest_source(source)

    assert report.killed == 1
    page.refresh_from_db()
    assert not page.live
    assert page.locked
    assert client.get(page.url).status_code == 404
    item.refresh_from_db()
    assert item.status == WireItemStatus.KILLED
    assert [message.to for message in mailoutbox] == [[editor.email]]
    assert "unpublished" in mailoutbox[0].body


def test_a_kill_of_an_unused_draft_locks_it_and_keeps_it_unpublished(make_source, wire_server):
    source = newsml_source(make_source, wire_server)
    ingest_source(source)

    serve(wire_server, "/EXW-NewsML.xml", "newsml-g2-brussels-kill.xml")
    ingest_source(source)

    item = WireItem.objects.get()
    assert item.status == WireItemStatus.KILLED
    draft = draft_of(item)
    assert draft.locked
    assert not draft.live


def test_an_older_version_arriving_after_a_kill_does_not_bring_the_story_back(make_source, wire_server):
    source = newsml_source(make_source, wire_server)
    serve(wire_server, "/EXW-NewsML.xml", "newsml-g2-brussels-kill.xml")
    ingest_source(source)

    serve(wire_server, "/EXW-NewsML.xml", brussels_version(2))
    ingest_source(source)

    item = WireItem.objects.get()
    assert item.status == WireItemStatus.KILLED
    assert item.article is None


# Duplicates --------------------------------------------------------------------------------


def test_the_same_text_from_two_feeds_is_merged_into_one_draft(make_source, wire_server):
    ninjs = wire_file("ninjs-2-havana.json")
    first = make_source(name="A", kind=SourceKind.NINJS_URL, url=serve(wire_server, "/a.json", ninjs))
    other_id = ninjs.replace(b'urn:ninjs:wire.example.org:2026:havana-port"', b'urn:other:havana"')
    second = make_source(name="B", kind=SourceKind.NINJS_URL, url=serve(wire_server, "/b.json", other_id))

    ingest_source(first)
    report = ingest_source(second)

    assert report.duplicates == 1
    assert ArticlePage.objects.count() == 1
    duplicate = WireItem.objects.get(source=second)
    assert duplicate.status == WireItemStatus.DUPLICATE
    assert duplicate.article_id == WireItem.objects.get(source=first).article_id


def test_the_same_guid_from_two_feeds_is_merged_into_one_draft(make_source, wire_server):
    first = newsml_source(make_source, wire_server, name="One")
    second = newsml_source(make_source, wire_server, name="Two", fixture=brussels_version(1, " Other wording."))

    ingest_source(first)
    ingest_source(second)

    assert ArticlePage.objects.count() == 1
    assert WireItem.objects.get(source=second).status == WireItemStatus.DUPLICATE


# Bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fixture", "kind"),
    [
        ("malformed.xml", SourceKind.NEWSML_URL),
        ("malformed.json", SourceKind.NINJS_URL),
        ("newsml-g2-entity-expansion.xml", SourceKind.NEWSML_URL),
    ],
)
def test_an_unreadable_feed_is_recorded_on_its_source_and_the_others_still_ingest(
    make_source, wire_server, fixture, kind
):
    bad = make_source(name="Bad", kind=kind, url=serve(wire_server, "/bad", fixture))
    good = newsml_source(make_source, wire_server)

    ingest_all_due()

    bad.refresh_from_db()
    assert bad.last_status == SourceStatus.UNREADABLE
    assert bad.last_error
    good.refresh_from_db()
    assert good.last_status == SourceStatus.OK
    assert WireItem.objects.filter(source=good).count() == 1


def test_a_feed_that_does_not_answer_in_time_is_recorded_as_timed_out(make_source, wire_server):
    slow = make_source(name="Slow", url=serve(wire_server, "/slow.xml", "rss-agency.xml", delay=2))
    good = newsml_source(make_source, wire_server)

    ingest_all_due()

    slow.refresh_from_db()
    assert slow.last_status == SourceStatus.TIMED_OUT
    assert WireItem.objects.filter(source=good).count() == 1


def test_polling_stops_starting_sources_when_the_minute_budget_is_spent(make_source, wire_server):
    slow = make_source(name="Slow", url=serve(wire_server, "/slow.xml", "rss-agency.xml", delay=2))
    later = newsml_source(make_source, wire_server)

    reports = ingest_all_due(budget_seconds=0.5)

    assert [report.source.pk for report in reports] == [slow.pk]
    later.refresh_from_db()
    assert later.last_polled_at is None  # not claimed: still due for the next minute
    assert ingest_all_due()[0].source.pk == later.pk


def test_a_feed_past_the_size_cap_is_refused_as_too_large(make_source, wire_server, monkeypatch):
    monkeypatch.setattr(fetching, "MAX_FEED_BYTES", 1000)
    source = make_source(url=serve(wire_server, "/huge.xml", b"<rss>" + b" " * 5000 + b"</rss>"))

    ingest_source(source)

    source.refresh_from_db()
    assert source.last_status == SourceStatus.TOO_LARGE
    assert not WireItem.objects.exists()


def test_a_huge_item_is_skipped_and_the_rest_of_the_feed_arrives(make_source, wire_server, monkeypatch):
    from dateline.ingest import parsing

    monkeypatch.setattr(parsing, "MAX_BODY_CHARS", 100)
    source = make_source(url=serve(wire_server, "/rss.xml", "rss-agency.xml"))

    report = ingest_source(source)

    assert report.new == 1  # the short one
    source.refresh_from_db()
    assert source.last_status == SourceStatus.SKIPPED_ITEMS
    assert "exw-2026-11-30-geneva-shipping" in source.last_error
    assert "too large" in source.last_error


def test_an_item_without_headline_is_skipped_with_its_reason_and_the_next_still_lands(make_source, wire_server):
    url = serve(wire_server, "/two.json", "ninjs-no-headline.json", "application/json")
    source = make_source(kind=SourceKind.NINJS_URL, url=url)

    ingest_source(source)

    source.refresh_from_db()
    assert source.last_status == SourceStatus.SKIPPED_ITEMS
    assert "no headline" in source.last_error
    assert list(WireItem.objects.values_list("headline", flat=True)) == ["Second story arrives despite the first"]
    assert WireItem.objects.get().dateline_place == "Lima"


def test_a_missing_feed_is_recorded_as_unreachable(make_source, wire_server):
    source = make_source(url=wire_server.url("/gone.xml"))

    ingest_source(source)

    source.refresh_from_db()
    assert source.last_status == SourceStatus.UNREACHABLE
    assert "404" in source.last_error


# Polling -----------------------------------------------------------------------------------


def test_a_source_is_polled_again_only_after_its_interval(make_source, wire_server):
    source = newsml_source(make_source, wire_server)
    source.poll_minutes = 10
    source.save()

    assert len(ingest_all_due()) == 1
    assert ingest_all_due() == []
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=11)):
        assert len(ingest_all_due()) == 1


def test_a_disabled_source_is_not_polled(make_source, wire_server):
    source = newsml_source(make_source, wire_server)
    source.enabled = False
    source.save()

    assert ingest_all_due() == []


def test_a_drop_folder_outside_the_wires_folder_is_refused(make_source):
    source = make_source(kind=SourceKind.NEWSML_FOLDER, folder="../../etc")

    with pytest.raises(ValidationError) as refused:
        source.full_clean()

    assert "folder" in refused.value.message_dict


def test_a_dropped_file_past_the_cap_is_set_aside_and_the_worst_status_is_kept(make_source, settings, monkeypatch):
    monkeypatch.setattr(fetching, "MAX_FEED_BYTES", 2000)
    source = make_source(kind=SourceKind.NINJS_FOLDER, folder="exw")
    folder = settings.DATA_DIR / "wires" / "exw"
    folder.mkdir(parents=True)
    (folder / "a-huge.json").write_bytes(b"[" + b" " * 5000 + b"]")
    (folder / "b-no-headline.json").write_bytes(wire_file("ninjs-no-headline.json"))

    report = ingest_source(source)

    assert report.status == SourceStatus.TOO_LARGE
    assert report.new == 1
    assert (folder / "failed" / "a-huge.json").exists()
    assert (folder / "processed" / "b-no-headline.json").exists()


def test_a_new_version_lifting_the_embargo_lifts_its_schedule_too(make_source, wire_server):
    embargo = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    draft = embargoed_draft(make_source, wire_server, embargo)
    assert draft.go_live_at == embargo

    serve(wire_server, "/embargoed.xml", brussels_version(2))
    ingest_source(WireItem.objects.get().source)

    latest = ArticlePage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert (latest.embargoed_until, latest.go_live_at) == (None, None)


def test_a_kill_cancels_a_scheduled_publication_and_a_pending_review(make_source, wire_server, reporter, section):
    source = newsml_source(make_source, wire_server)
    ingest_source(source)
    item = WireItem.objects.get()
    page = use_wire_item(item=item, section=section, user=reporter)
    page.go_live_at = timezone.now() + dt.timedelta(hours=1)
    page.save_revision().publish()  # scheduled, not live
    page.get_workflow().start(page, reporter)  # and submitted for review

    serve(wire_server, "/EXW-NewsML.xml", "newsml-g2-brussels-kill.xml")
    ingest_source(source)

    page.refresh_from_db()
    assert not page.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert page.current_workflow_state is None
    with time_machine.travel(timezone.now() + dt.timedelta(hours=2)):
        call_command("publish_scheduled")
    assert not Page.objects.get(pk=page.pk).live


def test_a_story_with_several_photos_leads_with_the_first_and_puts_the_others_in_the_body(make_source, wire_server):
    import json

    item = json.loads(wire_file("ninjs-2-havana.json"))
    second = {**item["associations"][0], "name": "second"}
    second["renditions"] = [{"name": "original", "href": "/photos/two.jpg"}]
    second["descriptions"] = [{"role": "caption", "value": "The harbour master."}]
    item["associations"].append(second)
    serve(wire_server, "/photos/havana.jpg", jpeg_with_iptc(size=(64, 48)), "image/jpeg")
    serve(wire_server, "/photos/two.jpg", jpeg_with_iptc(size=(48, 64)), "image/jpeg")
    url = serve(wire_server, "/two.json", json.dumps(item).encode(), "application/json")

    ingest_source(make_source(kind=SourceKind.NINJS_URL, url=url))

    draft = draft_of(WireItem.objects.get())
    photos = [block.value for block in draft.body if block.block_type == "photo"]
    assert draft.lead_photo is not None
    assert [(p["photo"].height, p["caption"]) for p in photos] == [(64, "The harbour master.")]


def test_a_drop_folder_is_read_one_file_at_a_time(tmp_path):
    (tmp_path / "a.xml").write_bytes(b"<first/>")
    (tmp_path / "b.xml").write_bytes(b"<second/>")
    files = fetching.dropped_files(tmp_path, "newsml")

    assert next(files).data == b"<first/>"
    (tmp_path / "b.xml").write_bytes(b"<delivered-later/>")  # a backlog is never read all at once
    assert next(files).data == b"<delivered-later/>"
