"""A session cookie checked while the database is down gets the clear 503, not a 500."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client

from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_a_session_cookie_while_the_database_is_down_gets_the_503_page(section):
    article = ArticlePageFactory(parent=section, title="Ministers agree")
    article.save_revision().publish()
    reader = Client(raise_request_exception=False)
    reader.cookies["sessionid"] = "a" * 32
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("server closed the connection")):
        response = reader.get(article.url)
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
