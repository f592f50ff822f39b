"""Importing postings already under way, through the same services as the pages."""

import io
from datetime import date

from django.urls import reverse
from openpyxl import Workbook

from secondment.io.posting_import import HEADERS, posting_import
from secondment.models import Posting
from tests.factories import make_cadre


def _xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "postings.xlsx"
    return buffer


def _row(cadre, unit="甲县石门镇", **kw):
    values = {
        "身份证号": cadre.id_number,
        "姓名": cadre.name,
        "接收单位": unit,
        "挂任职务": "副镇长",
        "开始日期": "2026.3.1",
        "结束日期": None,
        "任职文号": "青组〔2026〕3号",
        "任职日期": "2026-03-01",
        "到岗日期": "2026-03-05",
        "备案编号": "备-3",
        "帮带领导": "镇党委书记",
    }
    values.update(kw)
    return [values[h] for h in HEADERS]


def test_rows_become_postings_in_the_right_state_with_history(batch_world):
    w = batch_world
    other = make_cadre(w.unit_a, "待到岗者")
    result = posting_import(
        fileobj=_xlsx([_row(w.cadre_a), _row(other, 到岗日期=None, 备案编号=None)]),
        user=w.org_county_a,
        batch=w.batch,
        apply=True,
    )
    assert result.applied and result.created == 2
    on_post = Posting.objects.get(cadre=w.cadre_a)
    assert (on_post.status, on_post.filing, on_post.end_date, on_post.mentor) == (
        "on_post",
        "filed",
        date(2027, 2, 28),
        "镇党委书记",
    )
    assert list(on_post.history.values_list("action", flat=True)) == ["create", "appoint", "file", "confirm_arrival"]
    assert Posting.objects.get(cadre=other).status == "appointed"


def test_one_bad_row_imports_nothing(batch_world):
    w = batch_world
    result = posting_import(
        fileobj=_xlsx([_row(w.cadre_a), _row(make_cadre(w.unit_a), unit="甲县石门乡")]),
        user=w.org_county_a,
        batch=w.batch,
        apply=True,
    )
    assert not result.applied and not Posting.objects.exists()
    assert result.rows[1].errors == [
        ("接收单位", "单位“甲县石门乡”不在系统中（或不在您的权限范围内），是否指“甲县石门镇”？")
    ]


def test_arrival_without_appointment_and_unknown_cadre(batch_world):
    w = batch_world
    stranger = _row(w.cadre_a, 身份证号="11010519491231002X", 姓名="不存在")
    result = posting_import(
        fileobj=_xlsx([_row(w.cadre_a, 任职文号=None), stranger]), user=w.org_county_a, batch=w.batch, apply=False
    )
    assert "须同时填写任职文号和任职日期" in result.rows[0].errors[0][1]
    assert "请先导入干部名册" in result.rows[1].errors[0][1]


def test_only_the_organizer_imports(client, batch_world):
    client.force_login(batch_world.dispatch_a)
    assert client.get(reverse("secondment:import-postings", args=[batch_world.batch.pk])).status_code == 403
    client.force_login(batch_world.org_county_a)
    assert client.get(reverse("secondment:import-postings", args=[batch_world.batch.pk])).status_code == 200
