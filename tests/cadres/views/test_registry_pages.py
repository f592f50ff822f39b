"""Registry pages: filters, forms with Chinese errors, permissions, export, timeline."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cadres.models import Cadre, Rank, Unit
from core.models import AuditLog
from tests.factories import make_cadre, make_id_number


def _names(response):
    return {c.name for c in response.context["page"]}


def _years_ago(years: int, days_later: int = 0) -> date:
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    return today.replace(year=today.year - years) + timedelta(days=days_later)


class TestFilters:
    def test_unit_filter_includes_subunits(self, client, world):
        client.force_login(world.org_city)
        response = client.get(reverse("cadres:cadre-list"), {"unit": world.county_a.pk})
        assert _names(response) == {"甲干部"}

    def test_unit_choices_are_scoped(self, client, world):
        client.force_login(world.org_county_a)
        response = client.get(reverse("cadres:cadre-list"), {"unit": world.unit_b.pk})
        assert "乙县教育局" not in response.content.decode()
        assert response.context["filter"].form.errors  # an out-of-scope choice is invalid, not obeyed

    def test_age_range_is_computed_on_today(self, client, world):
        make_cadre(world.unit_a, "刚满四十", birth=_years_ago(40))
        make_cadre(world.unit_a, "明天四十", birth=_years_ago(40, days_later=1))
        client.force_login(world.org_city)
        over = _names(client.get(reverse("cadres:cadre-list"), {"age_min": 40, "q": "四十"}))
        under = _names(client.get(reverse("cadres:cadre-list"), {"age_max": 39, "q": "四十"}))
        assert over == {"刚满四十"} and under == {"明天四十"}

    def test_reserve_rank_and_search_by_pinyin_initials(self, client, world):
        rank = Rank.objects.get(name="正科级")
        make_cadre(world.unit_a, "欧阳明", is_reserve=True, rank=rank)
        client.force_login(world.org_city)
        url = reverse("cadres:cadre-list")
        assert _names(client.get(url, {"is_reserve": "true"})) == {"欧阳明"}
        assert _names(client.get(url, {"rank": rank.pk})) == {"欧阳明"}
        assert _names(client.get(url, {"q": "oym"})) == {"欧阳明"}

    def test_sorting(self, client, world):
        make_cadre(world.unit_a, "老干部", birth=date(1965, 1, 1))
        client.force_login(world.org_city)
        oldest_first = list(client.get(reverse("cadres:cadre-list"), {"sort": "-age"}).context["page"])
        assert oldest_first[0].name == "老干部"


class TestForms:
    def _post(self, world, **overrides):
        from cadres.models import Ethnicity, PoliticalStatus

        data = {
            "name": "新干部",
            "gender": "M",
            "ethnicity": Ethnicity.objects.get(name="汉族").pk,
            "birth_date": "1990-05-01",
            "id_number": make_id_number(date(1990, 5, 1)),
            "political_status": PoliticalStatus.objects.get(name="中共党员").pk,
            "unit": world.unit_a.pk,
            "post": "科员",
            "phone": "13800138000",
        }
        data.update(overrides)
        return data

    def test_dispatch_contact_creates_a_cadre_in_their_unit(self, client, world):
        client.force_login(world.dispatch_a)
        response = client.post(reverse("cadres:cadre-create"), self._post(world))
        assert response.status_code == 302
        cadre = Cadre.objects.get(name="新干部")
        assert cadre.name_initials == "xgb"
        assert AuditLog.objects.filter(action="cadre.create", actor=world.dispatch_a, target_id=str(cadre.pk))

    def test_id_number_disagreeing_with_birth_date_is_a_field_error(self, client, world):
        client.force_login(world.dispatch_a)
        response = client.post(reverse("cadres:cadre-create"), self._post(world, birth_date="1991-05-01"))
        assert response.status_code == 200
        assert "出生日期与身份证号中的出生日期" in response.content.decode()
        assert not Cadre.objects.filter(name="新干部").exists()

    def test_wrong_checksum_and_bad_phone_are_reported_in_chinese(self, client, world):
        client.force_login(world.dispatch_a)
        html = client.post(
            reverse("cadres:cadre-create"), self._post(world, id_number="110105194912310021", phone="123")
        ).content.decode()
        assert "校验位不正确" in html and "电话号码格式不正确" in html

    def test_dispatch_contact_cannot_create_in_another_unit(self, client, world):
        client.force_login(world.dispatch_a)
        response = client.post(reverse("cadres:cadre-create"), self._post(world, unit=world.unit_b.pk))
        assert response.status_code == 200
        assert not Cadre.objects.filter(name="新干部").exists()

    def test_receiving_contact_and_cadre_cannot_create(self, client, world):
        for user in (world.receive_a, world.cadre_user):
            client.force_login(user)
            assert client.get(reverse("cadres:cadre-create")).status_code == 403

    def test_edit_is_scoped(self, client, world):
        client.force_login(world.dispatch_a)
        assert client.get(reverse("cadres:cadre-edit", args=[world.cadre_b.pk])).status_code == 404
        response = client.post(
            reverse("cadres:cadre-edit", args=[world.cadre_a.pk]),
            self._post(world, name="甲干部", id_number=world.cadre_a.id_number, birth_date="1988-06-15", post="副科长"),
        )
        assert response.status_code == 302
        world.cadre_a.refresh_from_db()
        assert world.cadre_a.post == "副科长"

    def test_cadre_cannot_edit_own_record(self, client, world):
        client.force_login(world.cadre_user)
        assert client.get(reverse("cadres:cadre-edit", args=[world.cadre_a.pk])).status_code == 403

    def test_service_rechecks_the_rule(self, world):
        from django.core.exceptions import PermissionDenied

        from cadres.services import cadre_update

        with pytest.raises(PermissionDenied):
            cadre_update(cadre=world.cadre_b, acting_user=world.dispatch_a, post="x")


class TestUnits:
    def test_county_org_staff_adds_a_unit_in_their_county_only(self, client, world):
        client.force_login(world.org_county_a)
        data = {"name": "甲县桃源乡", "kind": "township", "level": "township", "parent": world.county_a.pk}
        assert client.post(reverse("cadres:unit-create"), data).status_code == 302
        unit = Unit.objects.get(name="甲县桃源乡")
        assert unit.path.startswith(world.county_a.path)
        data = {"name": "乙县新单位", "kind": "township", "level": "township", "parent": world.county_b.pk}
        assert client.post(reverse("cadres:unit-create"), data).status_code == 200
        assert not Unit.objects.filter(name="乙县新单位").exists()

    def test_rename_keeps_references(self, client, world):
        client.force_login(world.org_county_a)
        data = {"name": "甲县农业农村局（新）", "kind": "party_gov", "level": "county", "parent": world.county_a.pk}
        assert client.post(reverse("cadres:unit-edit", args=[world.unit_a.pk]), data).status_code == 302
        world.cadre_a.refresh_from_db()
        assert world.cadre_a.unit.name == "甲县农业农村局（新）"

    def test_dispatch_contact_cannot_edit_units(self, client, world):
        client.force_login(world.dispatch_a)
        assert client.get(reverse("cadres:unit-edit", args=[world.unit_a.pk])).status_code == 403

    def test_unit_cannot_move_under_itself(self, world):
        from django.core.exceptions import ValidationError

        from cadres.services import unit_update

        with pytest.raises(ValidationError, match="下级"):
            unit_update(unit=world.county_a, acting_user=world.admin, parent=world.town_a)


class TestExport:
    def _rows(self, response):
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return [list(r) for r in workbook.active.iter_rows(values_only=True)]

    def test_export_is_filtered_and_scoped(self, client, world):
        client.force_login(world.org_county_a)
        rows = self._rows(client.get(reverse("cadres:cadre-export-xlsx")))
        assert rows[0][:5] == ["姓名", "性别", "民族", "出生年月", "年龄"]
        assert [r[0] for r in rows[1:]] == ["甲干部"]

    def test_export_neutralizes_formulas(self, client, world):
        make_cadre(world.unit_a, '=HYPERLINK("http://x")', notes="+cmd|' /C calc'!A0")
        client.force_login(world.org_city)
        rows = self._rows(client.get(reverse("cadres:cadre-export-xlsx"), {"unit": world.unit_a.pk}))
        cells = [c for r in rows for c in r if isinstance(c, str)]
        assert '\'=HYPERLINK("http://x")' in cells
        assert "'+cmd|' /C calc'!A0" in cells
        assert not any(c.startswith(("=", "+", "@")) for c in cells)

    def test_neutralize_helper(self):
        from core.xlsx import neutralize

        assert neutralize("-1+2") == "'-1+2"
        assert neutralize("@SUM(A1)") == "'@SUM(A1)"
        assert neutralize("\x07bell") == "'\x07bell"
        assert neutralize("正常文本") == "正常文本"
        assert neutralize(-5) == -5


class TestDetail:
    def test_timeline_shows_creation_and_training(self, client, world):
        client.force_login(world.dispatch_a)
        response = client.post(
            reverse("cadres:training-add", args=[world.cadre_a.pk]),
            {
                "course": "乡村振兴专题培训",
                "organizer": "市委党校",
                "start_date": "2024-03-01",
                "end_date": "2024-03-05",
                "hours": "32",
                "result": "合格",
            },
        )
        assert response.status_code == 302
        html = client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
        assert "乡村振兴专题培训" in html
        kinds = [
            e.kind for e in client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).context["timeline"]
        ]
        assert "培训" in kinds and "档案" in kinds

    def test_training_end_before_start_is_refused(self, client, world):
        client.force_login(world.dispatch_a)
        client.post(
            reverse("cadres:training-add", args=[world.cadre_a.pk]),
            {"course": "x", "start_date": "2024-03-05", "end_date": "2024-03-01"},
        )
        assert not world.cadre_a.trainings.exists()

    def test_receiving_contact_cannot_add_training_to_foreign_cadre(self, client, world):
        client.force_login(world.receive_a)
        response = client.post(
            reverse("cadres:training-add", args=[world.cadre_a.pk]), {"course": "x", "start_date": "2024-03-01"}
        )
        assert response.status_code == 404
