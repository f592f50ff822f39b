"""Benchmark: a two-page appraisal form with Chinese text against the same template with Latin text
only, side by side in one process (after a warm-up). Last line: cjk_latin_ratio=<n> pdf_kb=<n>.

    python bench/pdf_render.py [--runs 5]
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from documents.pdf import render_pdf  # noqa: E402

CJK_PARAGRAPH = (
    "挂职期间，我认真学习贯彻党的路线方针政策，积极参与乡镇中心工作，牵头推进高标准农田建设项目，"
    "走访农户和企业，协调解决群众急难愁盼问题，基层工作能力得到明显提升。"
)
LATIN_PARAGRAPH = (
    "During the secondment I studied the policies carefully, took part in the central work of the "
    "township, led the farmland project, visited farmers and firms, and solved urgent problems."
)


def form(paragraph: str, chinese: bool) -> dict:
    def word(zh, en):
        return zh if chinese else en

    long = "\n".join([paragraph] * 3)
    return {
        "f": {
            "batch": word("2026年市直单位优秀年轻干部到乡镇挂职", "2026 city cadres to townships"),
            "filing_no": "2026-3",
            "name": word("张三丰", "Zhang San"),
            "gender": word("男", "M"),
            "birth": "1988.06",
            "ethnicity": word("汉族", "Han"),
            "political": word("中共党员", "CPC member"),
            "education": word("大学本科 学士", "Bachelor"),
            "original": word("临江市农业农村局 副科长", "City Agriculture Bureau"),
            "seconded": word("青山县石门镇 副镇长", "Shimen Town, deputy mayor"),
            "term": "2026.03.01-2027.02.28",
            "self_summary": long,
            "main_work": "\n".join([paragraph] * 2),
            "receiving_opinion": "\n".join([paragraph] * 3),
            "scores": word("德92；能88；勤90；绩91；廉95", "D92; N88; Q90; J91; L95"),
            "receiving_date": "2027.03.05",
            "democratic": word(
                "应到30人，实到28人；优秀20票，称职8票。", "Expected 30, present 28; excellent 20, competent 8."
            ),
            "attendance": word("请假2天，未经批准离岗0天。", "Leave 2 days, absence 0 days."),
            "dispatch_opinion": "\n".join([paragraph] * 2),
            "dispatch_date": "2027.03.08",
            "conclusion": "\n".join([paragraph] * 2),
            "composite": "91.20",
            "grade": word("优秀", "Excellent"),
            "conclusion_date": "2027.03.10",
        },
        "copy_no": 1,
        "copy_total": 3,
    }


def timed(context, runs: int) -> tuple[float, bytes]:
    best, pdf = None, b""
    for _ in range(runs):
        started = time.perf_counter()
        pdf = render_pdf("documents/pdf/appraisal_form.html", context)
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return best, pdf


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cjk, latin = form(CJK_PARAGRAPH, True), form(LATIN_PARAGRAPH, False)
    timed(cjk, 1)
    timed(latin, 1)  # warm-up: fonts loaded, configuration built
    cjk_s, cjk_pdf = timed(cjk, args.runs)
    latin_s, _ = timed(latin, args.runs)
    import io

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(cjk_pdf)).pages)
    print(f"chinese: {cjk_s:.3f} s, {pages} pages, {len(cjk_pdf) / 1024:.0f} KB; latin: {latin_s:.3f} s")
    print(f"cjk_latin_ratio={cjk_s / latin_s:.2f} pdf_kb={len(cjk_pdf) / 1024:.0f}")


if __name__ == "__main__":
    main()
