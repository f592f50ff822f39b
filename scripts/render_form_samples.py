"""Render the first page of every form the product prints to PNG, from the demo data, for people to look
at (README.md shows them from docs/forms/). Each PDF is fetched through its own page, as the system
administrator, so what is pictured is what a user downloads.

    python manage.py migrate && python manage.py seed_demo    # the demo data, once
    python scripts/render_form_samples.py [--out docs/forms] [--dpi 60] [--all-pages]

Needs `pdftoppm` (poppler-utils). Prints one line per form.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402


def samples():
    """(file name, what it is, URL) for each form, from the demo data; forms whose record is missing from
    the data are left out with a line saying so."""
    from django.db.models import Count, Q

    from assessments.models import Appraisal
    from reports.models import WorkReport
    from secondment.models import Batch, Nomination

    finalized = Appraisal.objects.filter(status="finalized", correction__isnull=True, version=1).order_by("pk").first()
    draft = Appraisal.objects.exclude(status__in=["finalized", "superseded", "closed"]).order_by("pk").first()
    corrected = Appraisal.objects.filter(status="finalized", version__gt=1).order_by("pk").first()
    # the batch whose summary shows most: the most postings with a finalized grade, then the most postings
    batch = (
        Batch.objects.annotate(
            graded=Count("postings", filter=Q(postings__appraisals__status="finalized"), distinct=True),
            size=Count("postings", distinct=True),
        )
        .filter(size__gt=0)
        .order_by("-graded", "-size", "pk")
        .first()
    )
    nomination = Nomination.objects.order_by("pk").first()
    report = WorkReport.objects.filter(status="accepted").order_by("pk").first()
    democratic = Appraisal.objects.filter(present__isnull=False).order_by("-status", "pk").first()
    # the 任免审批表 of a cadre whose file was read in (the demo imports a few), the fullest first
    from cadres.models import Cadre

    appointment = (
        Cadre.objects.filter(particulars__isnull=False)
        .annotate(lines=Count("resume_entries", distinct=True), family=Count("family_members", distinct=True))
        .order_by("-lines", "-family", "pk")
        .first()
    )

    def url(name, *args, query=""):
        try:
            return reverse(name, args=args) + query
        except NoReverseMatch:
            return None

    wanted = [
        ("appraisal-form", "鉴定表（已定稿）", finalized, lambda a: url("documents:appraisal-pdf", a.pk)),
        ("appraisal-form-draft", "鉴定表（草稿）", draft, lambda a: url("documents:appraisal-pdf", a.pk)),
        ("appraisal-form-correction", "鉴定表（更正件）", corrected, lambda a: url("documents:appraisal-pdf", a.pk)),
        ("batch-summary", "挂职干部情况汇总表", batch, lambda b: url("documents:batch-summary-pdf", b.pk)),
        (
            "registration-form",
            "挂职干部基本情况登记表",
            nomination,
            lambda n: url("documents:registration-pdf", n.pk, query="?copies=3"),
        ),
        ("work-report", "工作汇报", report, lambda r: url("documents:work-report-pdf", r.pk)),
        ("democratic-tally", "民主测评汇总表", democratic, lambda a: url("documents:democratic-tally-pdf", a.pk)),
        ("democratic-ballot", "民主测评票", democratic, lambda a: url("documents:democratic-ballot-pdf", a.pk)),
        ("appointment-form", "干部任免审批表", appointment, lambda c: url("documents:cadre-rmb", c.pk)),
    ]
    for slug, label, record, make_url in wanted:
        yield slug, label, (make_url(record) if record is not None else None)


# forms pictured by more than their first page: the 任免审批表 is the two sides of one sheet
PAGES = {"appointment-form": 2}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(Path(settings.BASE_DIR) / "docs" / "forms"))
    parser.add_argument("--dpi", type=int, default=60)
    parser.add_argument("--all-pages", action="store_true", help="every page, not only the first")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if admin is None:
        print("没有系统管理员账号：请先运行 python manage.py seed_demo", file=sys.stderr)
        return 1
    client = Client(HTTP_HOST="localhost")  # allowed by config.settings.local
    client.force_login(admin)
    failed = 0
    for slug, label, url in samples():
        if url is None:
            print(f"跳过 {label}：演示数据中没有对应记录（或尚无此表）")
            continue
        response = client.get(url)
        if response.status_code != 200 or response["Content-Type"] != "application/pdf":
            print(f"失败 {label}：{url} 返回 {response.status_code}", file=sys.stderr)
            failed += 1
            continue
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{slug}.pdf"
            pdf.write_bytes(response.content)
            pages = [] if args.all_pages else ["-f", "1", "-l", str(PAGES.get(slug, 1))]
            subprocess.run(
                ["pdftoppm", "-r", str(args.dpi), "-png", *pages, str(pdf), str(Path(tmp) / slug)], check=True
            )
            made = sorted(Path(tmp).glob(f"{slug}*.png"))
            for n, png in enumerate(made, start=1):
                target = out / (f"{slug}.png" if len(made) == 1 else f"{slug}-{n}.png")
                target.write_bytes(png.read_bytes())
        name = f"{slug}.png" if len(made) == 1 else f"{slug}-1…{len(made)}.png"
        print(f"{label}：{url} → {out / name}（PDF {len(response.content) // 1024} KB）")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
