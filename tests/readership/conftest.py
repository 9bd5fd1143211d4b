import pytest


@pytest.fixture(autouse=True)
def _no_waiting_counts(settings):
    """Each test starts with no views waiting: in this process, or in Redis when REDIS_URL is set."""
    from dateline.readership.counting import pending_counts

    pending_counts().take()
    yield
    pending_counts().take()
