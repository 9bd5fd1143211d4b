"""/healthz: liveness without the database (Varnish's probe), readiness with ?db=1."""

import json

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}


def test_readiness_reports_the_database_up(client):
    response = client.get("/healthz", {"db": "1"})
    assert response.status_code == 200
    assert json.loads(response.content)["database"] == "up"


def test_readiness_is_503_while_the_database_is_unreachable(client, monkeypatch):
    from dateline.core import health

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    response = client.get("/healthz", {"db": "1"})
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "down"


def test_probe_answers_are_never_cached(client):
    response = client.get("/healthz")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "no-cache"} <= directives


def test_probe_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
