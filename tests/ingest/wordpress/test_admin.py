"""Editors find the imported pingbacks in the admin, apart from readers' comments."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_pingbacks_are_listed_for_editors(admin_client, imported):
    response = admin_client.get(reverse("wordpress_pingbacks:index"))
    assert response.status_code == 200
    rows = BeautifulSoup(response.content, "lxml").select("table.listing tbody tr")
    assert len(rows) == 1
    assert "portwatch.example" in rows[0].get_text()
