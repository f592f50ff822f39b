"""A web process made ready to serve (issue 18).

Python's cyclic garbage collector now and then walks every object the process holds — at a province's
size, a Django process with its URLconf, models, admin and translations holds ~350,000 — and that full
collection (~120 ms here) lands on whichever request happens to be running: one request in ten or twenty
took three to five times its usual time. What is loaded at start-up lives as long as the process, so
after loading it is moved out of the collector's sight (`gc.freeze`, what CPython provides for this);
the collector then walks only what requests create. Called by the WSGI entry point (config/wsgi.py) —
in each gunicorn worker, or once in the master with `--preload`, where freezing also keeps the shared
pages from being copied by the collector's writes — and by `bench/pages.py`, which measures a process as
that entry point leaves it.
"""

import gc


def settle_web_process() -> None:
    """Load what every request needs, then freeze the heap the loading made."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 — populates the URLconf (the first request would otherwise)
    gc.collect()
    gc.freeze()
