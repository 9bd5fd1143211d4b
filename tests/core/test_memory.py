"""App processes freeze what they load at start-up and after their first requests, so the cyclic
collector walks only what requests leave behind and frees it sooner."""

import gc
import importlib
import sys
from unittest import mock

import pytest
from django.core.signals import request_finished

from dateline.core import memory

# request_finished also reaches Django's own receivers, which close database connections.
pytestmark = pytest.mark.django_db


@pytest.fixture
def fresh_gc():
    thresholds = gc.get_threshold()
    yield
    request_finished.disconnect(dispatch_uid=memory.DISPATCH_UID)
    gc.unfreeze()
    gc.set_threshold(*thresholds)


class Cycle:
    def __init__(self):
        self.me = self


def test_starting_an_app_process_freezes_what_is_loaded_and_lowers_the_thresholds(fresh_gc):
    assert gc.get_freeze_count() == 0
    memory.settle_app_process(after_requests=3)
    assert gc.get_freeze_count() > 1000
    assert gc.get_threshold() == memory.GC_THRESHOLDS


def walked_by_the_collector(obj) -> bool:
    """True unless obj is frozen (the permanent generation is not among gc.get_objects())."""
    return any(tracked is obj for tracked in gc.get_objects())


def test_the_objects_of_the_first_requests_are_frozen_once_they_are_done(fresh_gc):
    memory.settle_app_process(after_requests=3)
    loaded_by_first_requests = Cycle()
    request_finished.send(sender=None)
    request_finished.send(sender=None)
    assert walked_by_the_collector(loaded_by_first_requests)
    request_finished.send(sender=None)
    assert not walked_by_the_collector(loaded_by_first_requests)
    # Only once: the receiver is gone and the objects of later requests stay collectable.
    assert not request_finished.disconnect(dispatch_uid=memory.DISPATCH_UID)
    made_by_a_later_request = Cycle()
    for _ in range(5):
        request_finished.send(sender=None)
    assert walked_by_the_collector(made_by_a_later_request)


def test_garbage_left_when_settling_is_collected_not_frozen(fresh_gc):
    memory.settle_app_process(after_requests=1)
    Cycle()  # unreachable at once, but only the cyclic collector can free it
    request_finished.send(sender=None)
    gc.unfreeze()  # a frozen Cycle would now be back among the tracked objects
    assert not any(isinstance(obj, Cycle) for obj in gc.get_objects())


def test_the_wsgi_and_asgi_applications_settle_their_process(fresh_gc):
    with mock.patch.object(memory, "settle_app_process") as settle:
        for module in ("dateline.wsgi", "dateline.asgi"):
            sys.modules.pop(module, None)
            importlib.import_module(module)
    assert settle.call_count == 2
