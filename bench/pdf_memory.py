"""Memory of a long-lived worker rendering many forms: RSS after each hundred renders.

    python bench/pdf_memory.py [--count 300]

Production workers also recycle (`--max-tasks-per-child` in docker-compose.yml)."""

import argparse
import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from bench.pdf_render import CJK_PARAGRAPH, form  # noqa: E402
from documents.pdf import render_pdf  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    context = form(CJK_PARAGRAPH, True)
    render_pdf("documents/pdf/appraisal_form.html", context)
    start = rss_mb()
    print(f"after warm-up: {start:.0f} MB")
    for i in range(1, args.count + 1):
        render_pdf("documents/pdf/appraisal_form.html", context)
        if i % 100 == 0:
            print(f"after {i} forms: {rss_mb():.0f} MB")
    print(f"rss_growth_mb={rss_mb() - start:.0f}")


if __name__ == "__main__":
    main()
