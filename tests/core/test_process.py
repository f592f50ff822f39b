"""A web process freezes the heap it loaded (core.process, issue 18): the collector's full walks over
start-up objects were what made one request in ten or twenty several times slower."""

import gc
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wsgi_entry_point_leaves_the_loaded_heap_frozen():
    code = (
        "import gc; before = gc.get_freeze_count(); import config.wsgi; "
        "from django.urls import get_resolver; "
        "print(before, gc.get_freeze_count(), get_resolver()._populated)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    before, after, populated = int(out[0]), int(out[1]), out[2]
    assert before == 0
    # Django, the apps, the URLconf: far more than a few objects
    assert after > 50_000
    assert populated == "True"


def test_settling_moves_what_is_loaded_out_of_the_collectors_walks():
    from core.process import settle_web_process

    try:
        tracked = len(gc.get_objects())
        settle_web_process()
        assert gc.get_freeze_count() > 0
        assert len(gc.get_objects()) < tracked / 10
    finally:
        gc.unfreeze()
