"""Training before reserve status (seed 002 "对未经系统培训的不得列入后备队伍管理"): a cadre without a
completed system training is not set as reserve — by the pages, the admin and the roster import alike;
training attendance and completion are kept; the rule can be turned off."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from cadres.models import Cadre
from cadres.roster_import import roster_import
from cadres.services import cadre_update, training_record_add
from tests.factories import make_cadre, make_id_number

MESSAGE = "未经系统培训的干部不得列入后备干部"


def _training(cadre, **fields):
    values = dict(course="乡村振兴专题培训", start_date=date(2025, 3, 1), end_date=date(2025, 3, 20))
    values.update(fields)
    return training_record_add(cadre=cadre, acting_user=None, **values)


def test_reserve_status_needs_a_completed_system_training(world):
    cadre = world.cadre_a
    with pytest.raises(ValidationError, match=MESSAGE):
        cadre_update(cadre=cadre, acting_user=None, is_reserve=True)
    _training(cadre, systematic=False, completed=True)  # a completed course, not a system training
    with pytest.raises(ValidationError, match=MESSAGE):
        cadre_update(cadre=Cadre.objects.get(pk=cadre.pk), acting_user=None, is_reserve=True)
    _training(cadre, course="中青班", systematic=True, completed=False)  # system training, not finished
    with pytest.raises(ValidationError, match=MESSAGE):
        cadre_update(cadre=Cadre.objects.get(pk=cadre.pk), acting_user=None, is_reserve=True)
    assert not Cadre.objects.get(pk=cadre.pk).is_reserve
    _training(cadre, course="党校中青班", systematic=True, completed=True, hours=120, attended_hours=118)
    assert cadre_update(cadre=Cadre.objects.get(pk=cadre.pk), acting_user=None, is_reserve=True).is_reserve


def test_a_new_cadre_cannot_be_created_as_reserve_without_training(world):
    from cadres.services import cadre_create

    with pytest.raises(ValidationError, match=MESSAGE):
        cadre_create(
            acting_user=None,
            name="新干部",
            gender="M",
            ethnicity=world.cadre_a.ethnicity,
            birth_date=date(1990, 1, 1),
            id_number=make_id_number(date(1990, 1, 1)),
            political_status=world.cadre_a.political_status,
            unit=world.unit_a,
            is_reserve=True,
        )


def test_the_rule_can_be_turned_off(world, settings):
    settings.RESERVE_REQUIRES_SYSTEM_TRAINING = False
    assert cadre_update(cadre=world.cadre_a, acting_user=None, is_reserve=True).is_reserve


def test_training_attendance_and_completion_are_kept_and_checked(world):
    record = _training(world.cadre_a, systematic=True, completed=True, hours=40, attended_hours=36)
    record.refresh_from_db()
    assert (record.systematic, record.completed, record.attended_hours) == (True, True, 36)
    with pytest.raises(ValidationError) as error:
        _training(world.cadre_a, hours=40, attended_hours=41)
    assert "attended_hours" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _training(world.cadre_a, end_date=None, completed=True)
    assert "end_date" in error.value.message_dict


def test_the_edit_page_says_why_next_to_the_field(client, world):
    client.force_login(world.org_county_a)
    url = reverse("cadres:cadre-edit", args=[world.cadre_a.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "photo"}
    data.update(is_reserve="on", unit=world.unit_a.pk)
    response = client.post(url, data)
    assert response.status_code == 200
    assert MESSAGE in " ".join(response.context["form"].errors.get("is_reserve", []))
    assert not Cadre.objects.get(pk=world.cadre_a.pk).is_reserve


def test_the_admin_refuses_reserve_without_training_next_to_the_field(client, world, admin_form_data):
    client.force_login(world.admin)
    url = reverse("admin:cadres_cadre_change", args=[world.cadre_b.pk])
    data = admin_form_data(client.get(url))
    data["is_reserve"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200 and MESSAGE in response.content.decode()
    assert not Cadre.objects.get(pk=world.cadre_b.pk).is_reserve
    _training(world.cadre_b, systematic=True, completed=True)
    assert client.post(url, data).status_code == 302
    assert Cadre.objects.get(pk=world.cadre_b.pk).is_reserve


def test_the_roster_import_applies_the_same_rule(world):
    from tests.cadres.imports.test_roster_import import HEADER, _row

    def xlsx(rows):
        workbook = Workbook()
        workbook.active.append(HEADER)
        for row in rows:
            workbook.active.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)
        return buffer

    existing = _row(
        "甲干部", "甲县农业农村局", birth=date(1988, 6, 15), id_number=world.cadre_a.id_number, 是否后备干部="是"
    )
    new = _row("新后备", "甲县农业农村局", 是否后备干部="是")
    result = roster_import(fileobj=xlsx([existing, new]), user=world.org_city, apply=True)
    assert not result.applied
    for row in result.rows:
        assert any(MESSAGE in message for _, message in row.errors)
    _training(world.cadre_a, systematic=True, completed=True)
    result = roster_import(fileobj=xlsx([existing]), user=world.org_city, apply=True)
    assert result.applied and Cadre.objects.get(pk=world.cadre_a.pk).is_reserve


def test_a_reserve_cadre_made_by_the_factory_has_the_training(world):
    assert make_cadre(world.unit_a, "后备", is_reserve=True).trainings.filter(systematic=True, completed=True).exists()
