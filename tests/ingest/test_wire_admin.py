"""The wire desk in Wagtail's admin: the queue with its filters and columns, "Use this", the sources'
status, and the `ingest` command as a person and the minute job run it."""

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from dateline.ingest.models import SourceKind, SourceStatus, WireItem, WireItemStatus
from dateline.ingest.services import ingest_source, kill_item
from dateline.news.models import ArticlePage
from tests.conftest import STAFF_PASSWORD
from tests.news.factories import SectionPageFactory

from .conftest import wire_file

pytestmark = pytest.mark.django_db

QUEUE = "wagtailsnippets_ingest_wireitem:list"


def use_url(item) -> str:
    return reverse("wagtailsnippets_ingest_wireitem:use", args=[item.pk])


@pytest.fixture
def queue(make_source, wire_server):
    """Two sources' copy in the queue: a NewsML-G2 story from Brussels, and a NINJS one from Havana."""
    wire_server.routes["/g2.xml"] = (wire_file("newsml-g2-brussels.xml"), "application/xml")
    wire_server.routes["/ninjs.json"] = (wire_file("ninjs-2-havana.json"), "application/json")
    newsml = make_source(name="EXW NewsML", kind=SourceKind.NEWSML_URL, url=wire_server.url("/g2.xml"))
    ninjs = make_source(name="EXW NINJS", kind=SourceKind.NINJS_URL, url=wire_server.url("/ninjs.json"))
    ingest_source(newsml)
    ingest_source(ninjs)
    return {"newsml": newsml, "ninjs": ninjs}


def signed_in(client, user):
    assert client.login(username=user.username, password=STAFF_PASSWORD)
    return client


def rows(response) -> list[dict]:
    """The listing's table as dicts of column heading → cell text."""
    soup = BeautifulSoup(response.content, "html.parser")
    table = soup.find("table", class_="listing")
    if table is None:
        return []
    headings = [th.get_text(" ", strip=True) for th in table.find("thead").find_all("th")]

    def text(td) -> str:
        title = td.find(id=lambda value: value and value.endswith("_title"))  # not the row's action menu
        return (title or td).get_text(" ", strip=True)

    return [
        dict(zip(headings, (text(td) for td in tr.find_all("td")), strict=True)) for tr in table.tbody.find_all("tr")
    ]


def test_editors_see_the_queue_with_agency_dateline_urgency_and_status(client, editor, queue):
    response = signed_in(client, editor).get(reverse(QUEUE))

    assert response.status_code == 200
    listed = {row["Headline"]: row for row in rows(response)}
    brussels = listed["EU ministers agree winter energy plan"]
    assert (brussels["Agency"], brussels["Dateline"], brussels["Urgency"], brussels["Status"]) == (
        "EXW",
        "Brussels",
        "3",
        "New",
    )
    assert listed["Havana port reopens after storm"]["Dateline"] == "Havana"


def test_the_queue_shows_an_embargo_still_running(client, editor, queue):
    item = WireItem.objects.get(source=queue["ninjs"])
    item.embargoed_until = timezone.now() + dt.timedelta(hours=3)
    item.save()

    listed = rows(signed_in(client, editor).get(reverse(QUEUE)))

    havana = next(row for row in listed if row["Headline"].startswith("Havana"))
    assert havana["Embargo"].startswith("until ")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"language": "en"}, 2),
        ({"language": "es"}, 0),
        ({"received_at_from": "2000-01-01"}, 2),
        ({"received_at_to": "2000-01-01"}, 0),
    ],
)
def test_the_queue_filters_by_language_and_time(client, editor, queue, query, expected):
    assert len(rows(signed_in(client, editor).get(reverse(QUEUE), query))) == expected


def test_the_queue_filters_by_source(client, editor, queue):
    listed = rows(signed_in(client, editor).get(reverse(QUEUE), {"source": queue["ninjs"].pk}))

    assert [row["Headline"] for row in listed] == ["Havana port reopens after storm"]


def test_a_duplicate_is_not_listed_twice(client, editor, queue, make_source, wire_server):
    copy = wire_file("ninjs-2-havana.json").replace(b'havana-port"', b'havana-port-copy"')
    wire_server.routes["/copy.json"] = (copy, "application/json")
    ingest_source(make_source(name="Copy", kind=SourceKind.NINJS_URL, url=wire_server.url("/copy.json")))

    listed = rows(signed_in(client, editor).get(reverse(QUEUE)))

    assert len(listed) == 2


def test_use_this_moves_the_draft_under_the_chosen_section_and_opens_the_page_editor(client, editor, queue, home):
    sport = SectionPageFactory(parent=home, title="Sport", slug="sport")
    item = WireItem.objects.get(source=queue["newsml"])
    signed_in(client, editor)
    assert client.get(use_url(item)).status_code == 200

    response = client.post(use_url(item), {"section": sport.pk})

    page = ArticlePage.objects.get(pk=item.article_id)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == sport.pk
    assert not page.live
    item.refresh_from_db()
    assert (item.status, item.used_by) == (WireItemStatus.USED, editor)
    # The agency's reporter is the byline, the agency the role.
    latest = page.get_latest_revision_as_object()
    assert [(a.person.name, a.person.role) for a in latest.article_authors.all()] == [("Ana Ruiz", "Example Wire")]
    assert client.get(response["Location"]).status_code == 200


def test_reporters_use_wire_copy_too_and_submit_it_for_review(client, reporter, queue, section):
    item = WireItem.objects.get(source=queue["ninjs"])
    signed_in(client, reporter)

    assert client.get(reverse(QUEUE)).status_code == 200
    response = client.post(use_url(item), {"section": section.pk})

    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=item.article_id)
    assert page.owner == reporter
    assert not page.live


def test_a_killed_story_cannot_be_used(client, editor, queue, section):
    item = WireItem.objects.get(source=queue["newsml"])
    kill_item(item)
    signed_in(client, editor)

    page = client.get(use_url(item))
    response = client.post(use_url(item), {"section": section.pk})

    assert BeautifulSoup(page.content, "html.parser").find("button", string="Use this") is None
    assert response["Location"] == reverse(QUEUE)
    item.refresh_from_db()
    assert item.status == WireItemStatus.KILLED


def test_staff_outside_the_newsroom_groups_cannot_use_wire_copy(client, queue, django_user_model, section):
    outsider = django_user_model.objects.create_user(username="outsider", password=STAFF_PASSWORD)
    outsider.user_permissions.add(*_access_admin())
    item = WireItem.objects.get(source=queue["newsml"])
    signed_in(client, outsider)

    response = client.post(use_url(item), {"section": section.pk})

    assert response["Location"] == reverse("wagtailadmin_home")  # Wagtail's answer to PermissionDenied
    assert WireItem.objects.get(pk=item.pk).status == WireItemStatus.NEW


def _access_admin():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")


def test_editors_see_each_sources_last_status(client, editor, make_source, wire_server):
    wire_server.routes["/bad.json"] = (wire_file("malformed.json"), "application/json")
    ingest_source(make_source(name="Broken", kind=SourceKind.NINJS_URL, url=wire_server.url("/bad.json")))

    response = signed_in(client, editor).get(reverse("wagtailsnippets_ingest_source:list"))

    broken = next(row for row in rows(response) if row["Name"].startswith("Broken"))
    assert broken["Status"] == "Unreadable feed"
    assert "malformed JSON" in broken["Last problem"]


# The command ---------------------------------------------------------------------------------


def test_the_command_polls_one_named_source_and_reports_it(make_source, wire_server, capsys):
    wire_server.routes["/g2.xml"] = (wire_file("newsml-g2-brussels.xml"), "application/xml")
    make_source(name="EXW NewsML", kind=SourceKind.NEWSML_URL, url=wire_server.url("/g2.xml"))

    call_command("ingest", "--source", "EXW NewsML")

    assert "EXW NewsML: OK (1 new" in capsys.readouterr().out
    assert WireItem.objects.count() == 1


def test_the_command_names_the_sources_when_asked_for_an_unknown_one(make_source):
    make_source(name="EXW NewsML", kind=SourceKind.NEWSML_URL, url="http://127.0.0.1:9/")

    with pytest.raises(CommandError, match="EXW NewsML"):
        call_command("ingest", "--source", "AFP")


def test_the_minute_job_records_a_failing_source_without_failing_itself(make_source, wire_server):
    source = make_source(name="Gone", url=wire_server.url("/gone.xml"))

    call_command("ingest")

    source.refresh_from_db()
    assert source.last_status == SourceStatus.UNREACHABLE


def test_ingest_is_one_of_the_minute_jobs():
    from django.core.management import get_commands

    from dateline.core.management.commands.run_schedule import MINUTE_JOBS

    assert "ingest" in MINUTE_JOBS
    assert get_commands()["ingest"] == "dateline.ingest"


def test_the_generic_edit_form_of_a_wire_item_leads_to_its_card_instead(client, editor, queue):
    item = WireItem.objects.get(source=queue["newsml"])

    response = signed_in(client, editor).get(reverse("wagtailsnippets_ingest_wireitem:edit", args=[item.pk]))

    assert response["Location"] == use_url(item)


def test_the_queue_searches_headlines(client, editor, queue):
    listed = rows(signed_in(client, editor).get(reverse(QUEUE), {"q": "Havana"}))

    assert [row["Headline"] for row in listed] == ["Havana port reopens after storm"]


def test_the_page_history_names_the_wires_updates_and_kills(client, editor, queue, wire_server, section):
    item = WireItem.objects.get(source=queue["newsml"])
    wire_server.routes["/g2.xml"] = (wire_file("newsml-g2-brussels.xml").replace(b'version="1"', b'version="2"'), "")
    ingest_source(queue["newsml"])
    kill_item(WireItem.objects.get(pk=item.pk))

    response = signed_in(client, editor).get(reverse("wagtailadmin_pages:history", args=[item.article_id]))

    assert response.status_code == 200
    text = BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)
    assert "New version from the agency" in text
    assert "Withdrawn by the agency" in text
