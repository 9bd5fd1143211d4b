import pytest

from .factories import LivePageFactory


@pytest.fixture
def live_page(section):
    page = LivePageFactory(parent=section, title="Storm hits the coast", slug="storm")
    page.save_revision().publish()
    page.refresh_from_db()
    return page
