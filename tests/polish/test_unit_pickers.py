"""Unit pickers offer only the kinds of unit that fit the field, within the user's scope, and search by
name and by pinyin initials (cadres.unit_pickers, /cadres/units/pick/<kind>/, static/js/unit-picker.js)."""

from django.urls import reverse

from cadres.models import Unit
from secondment.forms.batches import BatchForm, OfferForm, QuotaForm
from tests.factories import make_unit, make_user


def _search(client, user, pick, q=""):
    client.force_login(user)
    response = client.get(reverse("cadres:unit-pick", args=[pick]), {"q": q})
    return response


def _names(response) -> list[str]:
    assert response.status_code == 200
    return [row["text"] for row in response.json()["results"]]


def _more_units(w):
    hospital = make_unit("甲县人民医院", parent=w.county_a, kind=Unit.Kind.HOSPITAL)
    village = make_unit("石门村", parent=w.town_a, kind=Unit.Kind.VILLAGE, level=Unit.Level.TOWNSHIP)
    return hospital, village


def test_the_batch_organizer_offers_only_org_departments(world):
    _more_units(world)
    form = BatchForm(organizers=Unit.objects.all())
    assert set(form.fields["organizer"].queryset) == {world.city, world.county_a}  # where org staff work
    assert form.fields["organizer"].widget.attrs["data-unit-picker"] == "/cadres/units/pick/organizer/"


def test_a_county_committee_with_an_org_department_under_it_is_an_organizer_too(world):
    county_c = make_unit("丙县县委", parent=world.city)
    make_unit("丙县县委组织部", parent=county_c, is_org_department=True)
    organizers = set(BatchForm(organizers=Unit.objects.all()).fields["organizer"].queryset)
    assert county_c in organizers and world.unit_a not in organizers


def test_receiving_units_are_never_org_departments_and_dispatching_units_never_villages(world):
    hospital, village = _more_units(world)
    office = make_unit("甲县县委组织部", parent=world.county_a, is_org_department=True)
    receiving = set(OfferForm(units=Unit.objects.all()).fields["receiving_unit"].queryset)
    dispatching = set(QuotaForm(units=Unit.objects.all()).fields["dispatching_unit"].queryset)
    assert {world.town_a, village, hospital} <= receiving and office not in receiving
    assert {world.unit_a, hospital, office} <= dispatching and village not in dispatching


def test_a_hospital_cannot_organize_a_batch_through_the_form(client, world):
    hospital, _ = _more_units(world)
    client.force_login(world.org_county_a)
    response = client.post(reverse("secondment:batch-create"), {"name": "测试批次", "organizer": hospital.pk})
    assert response.status_code == 200
    assert "organizer" in response.context["form"].errors


def test_search_by_name_and_by_pinyin_initials(client, world):
    _more_units(world)
    assert _names(_search(client, world.org_county_a, "receiving", "石门")) == ["甲县石门镇", "石门村"]
    assert _names(_search(client, world.org_county_a, "receiving", "jxsmz")) == ["甲县石门镇"]
    assert _names(_search(client, world.org_county_a, "receiving", "SM")) == ["甲县石门镇", "石门村"]
    assert _names(_search(client, world.org_county_a, "organizer", "jx")) == ["甲县县委"]


def test_the_search_offers_only_the_kinds_that_fit(client, world):
    _more_units(world)
    assert "甲县人民医院" not in _names(_search(client, world.org_county_a, "organizer", "甲县"))
    assert "石门村" not in _names(_search(client, world.org_county_a, "dispatching", "sm"))


def test_the_search_stays_inside_the_users_scope(client, world):
    _more_units(world)
    outsider = make_user(roles=[("org_staff", world.county_b)])
    assert _names(_search(client, outsider, "receiving", "石门")) == []
    assert _names(_search(client, outsider, "organizer", "")) == ["乙县县委"]
    assert _names(_search(client, world.cadre_user, "organizer", "")) == []  # a cadre organizes nothing
    assert _search(client, world.org_county_a, "everything", "").status_code == 404
    client.logout()
    assert client.get(reverse("cadres:unit-pick", args=["receiving"])).status_code == 302  # to the login


def test_the_picker_script_is_served_and_every_page_loads_it(client, world):
    from django.contrib.staticfiles import finders

    assert "data-unit-picker" in open(finders.find("js/unit-picker.js"), encoding="utf-8").read()
    client.force_login(world.org_county_a)
    html = client.get(reverse("secondment:batch-create")).content.decode()
    assert "js/unit-picker.js" in html and 'data-unit-picker="/cadres/units/pick/organizer/"' in html
