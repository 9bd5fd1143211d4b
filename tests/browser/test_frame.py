import pytest

from tests.news.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_sees_the_headline_in_chromium(live_server, page, section):
    article = ArticlePageFactory(parent=section, title="Harbour reopens after storm")
    page.goto(live_server.url + article.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Harbour reopens after storm"
