"""Factories build records through the services, as the application does."""

import itertools
from datetime import date

from accounts.models import Role, User
from accounts.services import user_grant_role
from cadres.models import Cadre, Ethnicity, PoliticalStatus, Unit
from cadres.services import cadre_create, cadre_update, training_record_add, unit_create
from cadres.validators import citizen_id_check_char

_serial = itertools.count(1)


def make_unit(name: str | None = None, *, parent: Unit | None = None, **fields) -> Unit:
    n = next(_serial)
    fields.setdefault("kind", Unit.Kind.PARTY_GOV)
    fields.setdefault("level", Unit.Level.COUNTY)
    return unit_create(acting_user=None, name=name or f"测试单位{n}", parent=parent, **fields)


def make_id_number(birth: date, *, female: bool = False, region: str = "330102") -> str:
    n = next(_serial)
    gender_digit = ("02468" if female else "13579")[(n // 100) % 5]  # unique for 500 calls per birth date
    first17 = f"{region}{birth:%Y%m%d}{n % 100:02d}{gender_digit}"
    return first17 + citizen_id_check_char(first17)


def make_cadre(unit: Unit, name: str | None = None, *, birth: date = date(1988, 6, 15), female=False, **fields):
    """A cadre; `is_reserve=True` gives them the completed system training reserve status needs (seed 002)."""
    n = next(_serial)
    if fields.pop("is_reserve", False):
        cadre = make_cadre(unit, name, birth=birth, female=female, **fields)
        training_record_add(
            cadre=cadre,
            acting_user=None,
            course="中青年干部培训班",
            start_date=date(2020, 3, 1),
            end_date=date(2020, 6, 30),
            systematic=True,
            completed=True,
        )
        return cadre_update(cadre=cadre, acting_user=None, is_reserve=True)
    return cadre_create(
        acting_user=None,
        name=name or f"干部{n}",
        gender="F" if female else "M",
        ethnicity=fields.pop("ethnicity", None) or Ethnicity.objects.get(name="汉族"),
        birth_date=birth,
        id_number=fields.pop("id_number", None) or make_id_number(birth, female=female),
        political_status=fields.pop("political_status", None) or PoliticalStatus.objects.get(name="中共党员"),
        unit=unit,
        **fields,
    )


def make_user(
    username: str | None = None,
    *,
    roles: list[tuple[str, Unit]] = (),
    cadre: Cadre | None = None,
    superuser: bool = False,
) -> User:
    n = next(_serial)
    user = User.objects.create_user(
        username=username or f"user{n}",
        password="pw-12345-test",
        cadre=cadre,
        is_superuser=superuser,
        is_staff=superuser,
    )
    for role, unit in roles:
        user_grant_role(user=user, role=role, unit=unit, acting_user=None)
    return user


__all__ = ["Role", "make_cadre", "make_id_number", "make_unit", "make_user"]
