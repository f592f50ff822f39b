"""Unit choices stay small at a province's size (issue 18): past the limit, a name box instead of a
<select> of every unit; the box takes a unit's full name within the user's scope."""

import re

from django.test import Client
from django.urls import reverse

from cadres.access import units_visible_to
from cadres.fields import UnitChoiceField, UnitChoiceWidget


def test_unit_field_is_a_select_within_the_limit(world):
    field = UnitChoiceField(queryset=units_visible_to(world.org_city).order_by("path"))
    html = field.widget.render("unit", None)
    assert html.startswith("<select") and "甲县石门镇" in html


def test_unit_field_is_a_name_box_past_the_limit(world, monkeypatch):
    monkeypatch.setattr(UnitChoiceWidget, "limit", 3)
    field = UnitChoiceField(queryset=units_visible_to(world.org_city).order_by("path"))
    html = field.widget.render("unit", world.town_a.pk)
    assert html.startswith("<input") and 'value="甲县石门镇"' in html and "<option" not in html
    assert field.clean("甲县石门镇") == world.town_a
    assert field.clean(str(world.town_a.pk)) == world.town_a


def test_unit_field_refuses_a_name_outside_the_scope(world):
    from django.core.exceptions import ValidationError

    field = UnitChoiceField(queryset=units_visible_to(world.org_county_a))
    try:
        field.clean("乙县教育局")  # county B's: not in county A's scope
    except ValidationError as error:
        assert "没有名为“乙县教育局”的单位" in error.messages[0]
    else:
        raise AssertionError("a unit outside the scope was accepted")


def test_posting_list_filters_by_a_typed_unit_name(posting_world, monkeypatch):
    monkeypatch.setattr(UnitChoiceWidget, "limit", 3)
    w = posting_world
    client = Client()
    client.force_login(w.org_city)
    page = client.get(reverse("secondment:posting-list"), {"receiving_unit": "甲县石门镇"}).content.decode()
    assert "甲干部" in page and 'name="receiving_unit"' in page and 'value="甲县石门镇"' in page
    box = re.search(r'<input[^>]*name="receiving_unit"[^>]*>', page).group(0)
    assert "form-control" in box and "form-select" not in box  # drawn as a text box, not a <select>
    page = client.get(reverse("secondment:posting-list"), {"receiving_unit": "乙县教育局"}).content.decode()
    assert "甲干部" not in page
