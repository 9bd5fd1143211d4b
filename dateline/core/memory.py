"""Keep an app process's resident memory flat under load, by making Python's cyclic collector cheap.

Every Django request leaves reference cycles behind (the lazy `request.user` holds the request; a
prefetched author holds its article), so a render's objects are freed by the cyclic collector, not
when the response is sent. Objects that outlive two young collections wait for a full collection,
and CPython runs one only when the objects awaiting it reach a quarter of everything it tracks: with
Django and Wagtail loaded (about 160,000 objects), that is tens of requests' worth of garbage at
once, which pymalloc then keeps as free pools in arenas it cannot return (measured: +10 to +16 MB per
worker on the section and search pages, 66 -> 76 arenas).

Freezing moves what exists into a generation the collector never walks: the modules, models,
templates and URL patterns a process loads at start-up and on its first requests, none of which is
ever garbage. Full collections then run over what is left (a few thousand objects), so CPython runs
them often and each is cheap, and a render's garbage is freed within a few requests. Lower thresholds
(GC_THRESHOLDS) then let them run more often still.

Measured on one granian worker with two threads (benchmark data, wrk -c32 on the article, front,
section, search and feed pages in turn): 158-163 MB after the run before, 146 MB with thresholds
(700, 5, 1), 141-145 MB with (700, 3, 1) at the same throughput. benchmarks/run, uncached
workers: 149 and 150 MB with (700, 5, 1), 144 and 148 MB with (700, 3, 1).
"""

from __future__ import annotations

import gc
import threading

from django.core.signals import request_finished

# The first requests import the page types' modules and fill the template and URL caches; freeze
# again once they are done, so those objects also stop being walked.
SETTLE_AFTER_REQUESTS = 200
# CPython's defaults are (700, 10, 10): a middle collection after every 10th young one, a full one
# considered after every 10th middle one (then run only by the quarter rule). Here: every 3rd, and
# considered after every other middle one, which costs little once most objects are frozen.
GC_THRESHOLDS = (700, 3, 1)
DISPATCH_UID = "dateline-settle-memory"


def freeze_long_lived() -> None:
    """Collect, then move every object the collector tracks into the permanent generation."""
    gc.collect()
    gc.freeze()
    # A full collection now counts only the objects left outside the permanent generation, so the
    # next one is due after a quarter of those (CPython's rule), not a quarter of all of them.
    gc.collect()


class _Settle:
    def __init__(self, after: int):
        self.after = after
        self.seen = 0
        self.lock = threading.Lock()

    def __call__(self, **kwargs) -> None:
        with self.lock:
            self.seen += 1
            if self.seen != self.after:
                return
        request_finished.disconnect(dispatch_uid=DISPATCH_UID)
        freeze_long_lived()


def settle_app_process(after_requests: int = SETTLE_AFTER_REQUESTS) -> None:
    """Call once the application is loaded (dateline.wsgi, dateline.asgi): freeze now and after the
    first `after_requests` requests."""
    gc.set_threshold(*GC_THRESHOLDS)
    freeze_long_lived()
    request_finished.connect(_Settle(after_requests), weak=False, dispatch_uid=DISPATCH_UID)
