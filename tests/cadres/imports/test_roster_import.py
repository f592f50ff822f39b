"""Roster import end to end: preview, all-or-nothing, skip bad rows, updates with diffs, scope."""

import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from cadres.models import Cadre
from cadres.roster_import import roster_import
from cadres.services import training_record_add
from core.models import AuditLog, ImportUpload
from tests.factories import make_id_number

HEADER = [
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


def _row(name, unit, *, birth=date(1986, 4, 9), female=False, id_number=None, **overrides):
    values = dict(
        zip(
            HEADER,
            [
                name,
                "女" if female else "男",
                "汉族",
                f"{birth:%Y.%m}",
                id_number or make_id_number(birth, female=female),
                "中共党员",
                "大学本科",
                "学士",
                unit,
                "科员",
                "一级科员",
                "13800138000",
                "否",
                "",
            ],
            strict=True,
        )
    )
    values.update(overrides)
    return [values[h] for h in HEADER]


def _system_training(cadre):
    training_record_add(
        cadre=cadre,
        acting_user=None,
        course="中青年干部培训班",
        start_date=date(2025, 3, 1),
        end_date=date(2025, 6, 30),
        systematic=True,
        completed=True,
    )


def _xlsx(rows, *, title=True) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append(["甲县干部花名册"])
        sheet.merge_cells("A1:N1")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def test_a_clean_roster_imports_every_row(world):
    result = roster_import(
        fileobj=_xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "甲县农业农村局", female=True)]),
        user=world.dispatch_a,
        apply=True,
    )
    assert result.applied and result.created == 2
    cadre = Cadre.objects.get(name="钱二")
    assert cadre.gender == "F" and cadre.unit == world.unit_a and cadre.name_initials == "qe"
    assert cadre.birth_date == date(1986, 4, 9)  # the roster gives the month; the ID gives the day
    assert AuditLog.objects.filter(action="cadre.import", target_id=str(cadre.pk), actor=world.dispatch_a).exists()


def test_one_bad_row_imports_nothing_and_says_which_row_and_why(world):
    result = roster_import(
        fileobj=_xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "甲县农业局")]), user=world.org_city, apply=True
    )
    assert not result.applied
    assert not Cadre.objects.filter(name__in=["赵一", "钱二"]).exists()
    bad = [r for r in result.rows if r.status == "error"]
    assert [r.row_number for r in bad] == [4]
    assert bad[0].errors == [
        ("工作单位", "单位“甲县农业局”不在系统中（或不在您的权限范围内），是否指“甲县农业农村局”？")
    ]


def test_skip_bad_rows_imports_the_good_ones(world):
    result = roster_import(
        fileobj=_xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "甲县农业局")]),
        user=world.org_city,
        apply=True,
        skip_bad_rows=True,
    )
    assert result.applied and result.created == 1
    assert set(Cadre.objects.filter(name__in=["赵一", "钱二"]).values_list("name", flat=True)) == {"赵一"}


def test_existing_cadre_is_matched_by_id_number_with_a_field_diff(world):
    _system_training(world.cadre_a)  # becoming reserve needs it (seed 002)
    row = _row(
        "甲干部",
        "甲县农业农村局",
        birth=date(1988, 6, 15),
        id_number=world.cadre_a.id_number,
        职务="副科长",
        是否后备干部="是",
    )
    preview = roster_import(fileobj=_xlsx([row]), user=world.dispatch_a, apply=False)
    assert preview.rows[0].status == "update"
    diff = {label: (old, new) for label, old, new in preview.rows[0].diff}
    assert diff["职务"] == ("—", "副科长") and diff["后备干部"] == ("否", "是")
    assert not Cadre.objects.filter(pk=world.cadre_a.pk, post="副科长").exists()  # preview wrote nothing
    roster_import(fileobj=_xlsx([row]), user=world.dispatch_a, apply=True)
    world.cadre_a.refresh_from_db()
    assert world.cadre_a.post == "副科长" and world.cadre_a.is_reserve


def test_messy_cells_are_normalized(world):
    id_number = make_id_number(date(1990, 10, 2), female=True)
    row = _row(
        "　孙　三 ",
        " 甲县农业农村局 ",
        birth=date(1990, 10, 2),
        female=True,
        id_number=id_number.lower().translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"}),
        出生年月="1990年10月",
        联系电话="１３９１２３４５６７８",
        民族="汉",
        政治面貌="党员",
    )
    result = roster_import(fileobj=_xlsx([row]), user=world.dispatch_a, apply=True)
    assert result.applied, result.rows[0].errors
    cadre = Cadre.objects.get(id_number=id_number.upper())
    assert cadre.name == "孙三" and cadre.phone == "13912345678" and cadre.political_status.name == "中共党员"


def test_id_as_number_and_scientific_notation_are_explained(world):
    result = roster_import(
        fileobj=_xlsx(
            [
                _row("甲", "甲县农业农村局", id_number=110105194912310020),
                _row("乙", "甲县农业农村局", id_number="1.10105E+17"),
            ]
        ),
        user=world.org_city,
        apply=False,
    )
    messages = [m for r in result.rows for _, m in r.errors]
    assert any("存成了数字" in m for m in messages) and any("科学计数法" in m for m in messages)


def test_birth_and_gender_must_agree_with_the_id(world):
    row = _row("甲", "甲县农业农村局", birth=date(1986, 4, 9), 出生年月="1987.04", 性别="女")
    errors = dict(roster_import(fileobj=_xlsx([row]), user=world.org_city, apply=False).rows[0].errors)
    assert "出生年月" in errors and "性别" in errors


def test_duplicate_rows_in_one_file(world):
    row = _row("甲", "甲县农业农村局")
    result = roster_import(fileobj=_xlsx([row, row]), user=world.org_city, apply=True)
    assert not result.applied
    assert result.rows[1].errors == [("身份证号", "与第3行的身份证号重复。")]


def test_dispatch_contact_cannot_import_into_or_update_other_units(world):
    rows = [
        _row("外单位", "乙县教育局"),
        _row("乙干部", "甲县农业农村局", id_number=world.cadre_b.id_number, female=True),
    ]
    result = roster_import(fileobj=_xlsx(rows), user=world.dispatch_a, apply=True)
    assert not result.applied
    assert "不在系统中（或不在您的权限范围内）" in result.rows[0].errors[0][1]
    assert "权限范围以外" in result.rows[1].errors[-1][1]
    world.cadre_b.refresh_from_db()
    assert world.cadre_b.unit == world.unit_b


class TestPages:
    def test_upload_preview_confirm(self, client, world):
        client.force_login(world.dispatch_a)
        upload = _xlsx([_row("赵一", "甲县农业农村局")])
        upload.name = "名册.xlsx"
        response = client.post(reverse("cadres:import-start"), {"file": upload})
        assert response.status_code == 302
        preview = client.get(response["Location"])
        assert "新增 1" in preview.content.decode()
        assert not Cadre.objects.filter(name="赵一").exists()
        confirm = client.post(response["Location"])
        assert confirm.status_code == 302
        assert Cadre.objects.filter(name="赵一").exists()
        assert ImportUpload.objects.get().status == ImportUpload.Status.APPLIED
        assert client.post(response["Location"]).status_code == 302  # a second confirm changes nothing
        assert Cadre.objects.filter(name="赵一").count() == 1

    def test_confirm_with_errors_writes_nothing(self, client, world):
        client.force_login(world.dispatch_a)
        upload = _xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "不存在的单位")])
        upload.name = "名册.xlsx"
        location = client.post(reverse("cadres:import-start"), {"file": upload})["Location"]
        html = client.get(location).content.decode()
        assert "不存在的单位" in html and "错误 1" in html
        client.post(location)
        assert not Cadre.objects.filter(name="赵一").exists()
        assert ImportUpload.objects.get().status == ImportUpload.Status.REJECTED

    def test_another_users_upload_is_404(self, client, world):
        client.force_login(world.dispatch_a)
        upload = _xlsx([_row("赵一", "甲县农业农村局")])
        upload.name = "名册.xlsx"
        location = client.post(reverse("cadres:import-start"), {"file": upload})["Location"]
        client.force_login(world.org_city)
        assert client.get(location).status_code == 404
        assert client.post(location).status_code == 404
        assert not Cadre.objects.filter(name="赵一").exists()

    def test_a_non_xlsx_upload_gets_a_chinese_message(self, client, world):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.force_login(world.dispatch_a)
        response = client.post(
            reverse("cadres:import-start"), {"file": SimpleUploadedFile("roster.xls", b"\xd0\xcf\x11\xe0")}
        )
        assert "请上传 .xlsx 格式的文件" in response.content.decode()
        assert not ImportUpload.objects.exists()

    def test_receiving_contact_cannot_import(self, client, world):
        client.force_login(world.receive_a)
        assert client.get(reverse("cadres:import-start")).status_code == 403

    def test_template_has_the_columns_and_drop_downs(self, client, world):
        client.force_login(world.dispatch_a)
        workbook = load_workbook(io.BytesIO(client.get(reverse("cadres:import-template")).content))
        sheet = workbook["干部名册"]
        assert [c.value.lstrip("*") for c in sheet[1]] == HEADER
        validated = {str(dv.sqref).split(":")[0][0] for dv in sheet.data_validations.dataValidation}
        assert {"B", "C", "F", "G", "H", "K", "M"} <= validated  # 性别 民族 政治面貌 学历 学位 职级 后备
        assert workbook["参考值"].sheet_state == "hidden"
        assert (
            roster_import(
                fileobj=io.BytesIO(client.get(reverse("cadres:import-template")).content),
                user=world.dispatch_a,
                apply=False,
            ).rows
            == []
        )


class TestCommand:
    def test_dry_run_and_errors_exit_non_zero(self, world, tmp_path, capsys):
        path = tmp_path / "roster.xlsx"
        path.write_bytes(_xlsx([_row("赵一", "甲县农业农村局"), _row("钱二", "不存在的单位")]).getvalue())
        with pytest.raises(SystemExit) as exc:
            call_command("import_cadres", str(path))
        assert exc.value.code == 1
        out = capsys.readouterr().out
        assert "第4行 [工作单位]" in out
        assert not Cadre.objects.filter(name="赵一").exists()
        call_command("import_cadres", str(path), "--dry-run")
        assert not Cadre.objects.filter(name="赵一").exists()
        call_command("import_cadres", str(path), "--skip-bad-rows")
        assert Cadre.objects.filter(name="赵一").exists()

    def test_user_scope_applies(self, world, tmp_path):
        path = tmp_path / "roster.xlsx"
        path.write_bytes(_xlsx([_row("赵一", "乙县教育局")]).getvalue())
        with pytest.raises(SystemExit):
            call_command("import_cadres", str(path), "--user", "t_dispatch")
        call_command("import_cadres", str(path))  # the system itself has no scope limit
        assert Cadre.objects.filter(name="赵一", unit=world.unit_b).exists()


@pytest.mark.parametrize(
    ("word", "entry"),
    [
        ("研究生", "硕士研究生"),
        ("大学", "大学本科"),
        ("大专", "大学专科"),
        ("中专", "中等专科"),
        ("高中", "高中及以下"),
    ],
)
def test_the_education_words_of_the_appointment_form_are_synonyms_of_the_list(world, word, entry):
    result = roster_import(
        fileobj=_xlsx([_row("任免表", "甲县农业农村局", 学历=word)]), user=world.org_city, apply=True
    )
    assert result.applied, result.rows[0].errors
    assert Cadre.objects.get(name="任免表").education.name == entry


@pytest.mark.parametrize(
    "cell",
    ["1986.04", "198604", 198604, 1986.04, date(1986, 4, 1), datetime(1986, 4, 30, 0, 0), "1986年4月", "1986-04-20"],
    ids=repr,
)
def test_a_birth_month_column_is_compared_by_year_and_month_whatever_the_cell(world, cell):
    birth = date(1986, 4, 9)
    result = roster_import(
        fileobj=_xlsx([_row("按月", "甲县农业农村局", birth=birth, 出生年月=cell)]), user=world.org_city, apply=True
    )
    assert result.applied, result.rows[0].errors
    assert Cadre.objects.get(name="按月").birth_date == birth  # the day comes from the ID number


@pytest.mark.parametrize("cell", ["1986.05", date(1986, 5, 9), datetime(1987, 4, 9, 0, 0)], ids=repr)
def test_a_birth_month_of_another_month_is_refused(world, cell):
    row = _row("错月", "甲县农业农村局", birth=date(1986, 4, 9), 出生年月=cell)
    errors = dict(roster_import(fileobj=_xlsx([row]), user=world.org_city, apply=False).rows[0].errors)
    assert "出生年月" in errors and "1986.04" in errors["出生年月"]


def test_a_birth_date_column_compares_the_day(world):
    header = [("出生日期" if h == "出生年月" else h) for h in HEADER]
    workbook = Workbook()
    workbook.active.append(header)
    workbook.active.append(_row("按日", "甲县农业农村局", birth=date(1986, 4, 9), 出生年月=date(1986, 4, 10)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    errors = dict(roster_import(fileobj=buffer, user=world.org_city, apply=False).rows[0].errors)
    assert "出生年月" in errors and "1986-04-09" in errors["出生年月"]


def test_a_row_without_a_birth_month_is_refused(world):
    result = roster_import(
        fileobj=_xlsx([_row("无生日", "甲县农业农村局", 出生年月="")]), user=world.org_city, apply=True
    )
    assert not result.applied and ("出生年月", "出生年月不能为空。") in result.rows[0].errors
