"""Names and single-line fields refuse control characters: a line break in a cadre's name once made every
reminder email about that cadre fail. The form shows a Chinese message next to the field and creates nothing;
the service refuses too; the roster import names the cell."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cadres.models import Cadre, Ethnicity, PoliticalStatus
from cadres.services import cadre_create, cadre_update
from core.importing.normalize import CellError, parse_text
from core.validators import single_line
from tests.factories import make_id_number


def _post(world, **overrides):
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


@pytest.mark.parametrize("name", ["新\n干部", "新干\r部", "新\t干部", "新\x07干部", "新\u202e部干"])
def test_cadre_form_refuses_control_characters_in_the_name(client, world, name):
    client.force_login(world.dispatch_a)
    response = client.post(reverse("cadres:cadre-create"), _post(world, name=name))
    assert response.status_code == 200
    assert "不能包含换行、制表符或其他不可见的控制字符" in response.content.decode()
    assert not Cadre.objects.filter(name__startswith="新").exists()


def test_cadre_form_refuses_a_line_break_in_the_post(client, world):
    client.force_login(world.dispatch_a)
    response = client.post(reverse("cadres:cadre-create"), _post(world, post="科员\n副科长"))
    assert "不能包含换行" in response.content.decode()
    assert not Cadre.objects.filter(name="新干部").exists()


def test_cadre_services_refuse_a_line_break(world):
    with pytest.raises(ValidationError):
        cadre_update(cadre=world.cadre_a, acting_user=world.org_city, name="甲\n干部")
    world.cadre_a.refresh_from_db()
    assert world.cadre_a.name == "甲干部"
    skip = ("ethnicity", "political_status", "unit", "birth_date")
    fields = {k: v for k, v in _post(world).items() if k not in skip}
    with pytest.raises(ValidationError):
        cadre_create(
            acting_user=world.org_city,
            **{**fields, "name": "乙\n丙"},
            ethnicity=Ethnicity.objects.get(name="汉族"),
            political_status=PoliticalStatus.objects.get(name="中共党员"),
            unit=world.unit_a,
            birth_date=date(1990, 5, 1),
        )


def test_single_line_validator_lets_ordinary_text_through():
    single_line("张三 · 副镇长（挂职）")
    with pytest.raises(ValidationError):
        single_line("张三\u2028")


def test_roster_import_cells_refuse_control_characters():
    assert parse_text("张\n三") == "张 三"  # a wrapped cell is one line with a space
    with pytest.raises(CellError, match="控制字符"):
        parse_text("张\x1b三")
