"""The editor's way in: the explorer opens at their own front page, the dashboard offers new articles per section."""

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.conftest import STAFF_PASSWORD

pytestmark = pytest.mark.django_db


def explorer_item(client) -> dict:
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    props = json.loads(soup.find(id="wagtail-sidebar-props").string)
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type") == "wagtail.sidebar.PageExplorerMenuItem":
                found.append(node["_args"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    (item, start_page_id), *_ = found
    return {"url": item["url"], "start_page_id": start_page_id}


def test_the_explorer_opens_at_the_editor_s_front_page(client, editor, home, section):
    client.login(username="editor", password=STAFF_PASSWORD)
    item = explorer_item(client)
    assert item["start_page_id"] == home.pk
    assert item["url"] == reverse("wagtailadmin_explore", args=[home.pk])


def test_a_spanish_editor_s_explorer_opens_at_the_spanish_front_page(client, editor, home_es, section_es):
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="es")
    client.login(username="editor", password=STAFF_PASSWORD)
    assert explorer_item(client)["start_page_id"] == home_es.pk


def test_the_dashboard_offers_to_write_an_article_in_each_section(client, editor, section):
    client.login(username="editor", password=STAFF_PASSWORD)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    link = soup.find("a", string="Write an article in World")
    assert link["href"] == reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))
    assert client.get(link["href"]).status_code == 200


def test_the_dashboard_offers_the_spanish_editor_the_spanish_sections(client, editor, section, section_es):
    UserProfile.get_for_user(editor)
    UserProfile.objects.filter(user=editor).update(preferred_language="es")
    client.login(username="editor", password=STAFF_PASSWORD)
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    hrefs = {a["href"] for a in soup.select("#write-article-heading ~ ul a")}
    assert hrefs == {reverse("wagtailadmin_pages:add", args=("news", "articlepage", section_es.pk))}
