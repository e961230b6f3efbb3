"""Keep a worker's long-lived objects out of the garbage collector's full passes.

A full collection walks every object the collector tracks: in a warmed worker (Django,
the URL patterns, compiled templates, translations) about 110,000, 47 ms on these
machines, taken in the middle of some reader's request every so often: the spikes in
the page bench's p99. What exists once the application is loaded, and again once the
worker has served its first requests (templates, translations and caches are built on
first use), lives as long as the process, so it is frozen (``gc.freeze``); full
passes then walk only what later requests left (11–16 ms after 200 pages).
"""

import gc

from django.core.signals import request_finished

WARM_UP_REQUESTS = 50


def freeze():
    gc.collect()  # garbage frozen now would never be freed
    gc.freeze()


def freeze_now_and_after_warm_up():
    freeze()
    served = 0

    def count(**kwargs):
        nonlocal served
        served += 1
        if served == WARM_UP_REQUESTS:
            request_finished.disconnect(count)
            freeze()

    request_finished.connect(count, weak=False)
