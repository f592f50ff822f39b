"""Benchmark: import a 10,000-row roster end to end (open, parse, evaluate, write).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gzt_bench python bench/import_cadres.py [--rows N]

Uses the configured database (migrated on the fly), creates one unit, imports, reports the times, and
rolls everything back. Prints a last line `rows=<n> preview_s=<t> import_s=<t>`.
"""

import argparse
import io
import os
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from cadres.models import Cadre, Unit  # noqa: E402
from cadres.roster_import import roster_import  # noqa: E402
from cadres.validators import citizen_id_check_char  # noqa: E402


class Rollback(Exception):
    pass


def build(rows: int, unit_name: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("干部名册")
    sheet.append(
        [
            "姓名",
            "性别",
            "民族",
            "出生年月",
            "身份证号",
            "政治面貌",
            "学历",
            "学位",
            "工作单位",
            "职务",
            "职级",
            "联系电话",
            "是否后备干部",
            "备注",
        ]
    )
    for i in range(rows):
        birth = date(1970, 1, 1) + timedelta(days=i % 9000)
        female = i % 3 == 0
        first17 = f"990101{birth:%Y%m%d}{(i // 9000) % 100:02d}{(2 if female else 1) + 2 * ((i // 900000) % 4)}"
        sheet.append(
            [
                "测试" + str(i),
                "女" if female else "男",
                "汉族",
                f"{birth:%Y.%m}",
                first17 + citizen_id_check_char(first17),
                "中共党员",
                "大学本科",
                "学士",
                unit_name,
                "科员",
                "一级科员",
                "13800138000",
                "否",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    content = build(args.rows, "基准测试单位")
    print(f"file: {len(content) / 1024:.0f} KB, {args.rows} rows")
    queries = [0]

    def counting(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    try:
        with transaction.atomic(), connection.execute_wrapper(counting):
            unit = Unit.objects.create(name="基准测试单位", path="/bench/")
            started = time.perf_counter()
            preview = roster_import(fileobj=io.BytesIO(content), user=None, apply=False)
            preview_s = time.perf_counter() - started
            assert preview.counts["new"] == args.rows, preview.counts
            started = time.perf_counter()
            result = roster_import(fileobj=io.BytesIO(content), user=None, apply=True)
            import_s = time.perf_counter() - started
            assert result.created == args.rows and Cadre.objects.filter(unit=unit).count() == args.rows
            raise Rollback
    except Rollback:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"rows={args.rows} preview_s={preview_s:.2f} import_s={import_s:.2f} queries={queries[0]}"
        f" peak_rss_mb={peak:.0f}"
    )


if __name__ == "__main__":
    main()
