"""Shared fixtures: a small two-county world with one user per role."""

from dataclasses import dataclass

import pytest

from accounts.models import Role, User
from cadres.models import Cadre, Unit
from tests.factories import make_cadre, make_unit, make_user


@dataclass
class World:
    city: Unit
    county_a: Unit
    county_b: Unit
    unit_a: Unit  # an agency in county A (dispatching)
    unit_b: Unit  # an agency in county B
    town_a: Unit  # a township in county A (receiving)
    cadre_a: Cadre
    cadre_b: Cadre
    admin: User
    org_city: User
    org_county_a: User
    dispatch_a: User
    receive_a: User
    cadre_user: User

    def users_by_role(self) -> dict[str, User]:
        return {
            "admin": self.admin,
            "org_city": self.org_city,
            "org_county": self.org_county_a,
            "dispatch": self.dispatch_a,
            "receive": self.receive_a,
            "cadre": self.cadre_user,
        }


# The data migrations that load reference data (民族, 职级, 挂职类型, 汇报周期, 考核等次, …).
REFERENCE_DATA = [
    ("cadres", "0002_reference_data"),
    ("secondment", "0002_reference_data"),
    ("secondment", "0005_report_cycles"),
    ("assessments", "0002_reference_data"),
]


def load_reference_data() -> None:
    """Run the reference-data migrations again, each against its own historical models (they are
    idempotent). A database kept with --reuse-db may have been flushed by the last transactional test
    of the previous run; this puts the reference data back."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    for node in REFERENCE_DATA:
        state = loader.project_state(node, at_end=True)
        for operation in loader.get_migration(*node).operations:
            operation.code(state.apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference_data()


def pytest_collection_modifyitems(config, items):
    """Transactional tests (a real worker process, row locks) end by emptying every table; Django's runner
    keeps them last for that reason. They are marked `serial`: `make test` runs the rest in parallel
    (pytest-xdist) and these afterwards in one process."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction"):
            item.add_marker(pytest.mark.serial)


@pytest.fixture
def world(db) -> World:
    city = make_unit("测试市委", level=Unit.Level.CITY)
    county_a = make_unit("甲县县委", parent=city)
    county_b = make_unit("乙县县委", parent=city)
    unit_a = make_unit("甲县农业农村局", parent=county_a)
    unit_b = make_unit("乙县教育局", parent=county_b)
    town_a = make_unit("甲县石门镇", parent=county_a, kind=Unit.Kind.TOWNSHIP, level=Unit.Level.TOWNSHIP)
    cadre_a = make_cadre(unit_a, "甲干部")
    cadre_b = make_cadre(unit_b, "乙干部", female=True)
    return World(
        city=city,
        county_a=county_a,
        county_b=county_b,
        unit_a=unit_a,
        unit_b=unit_b,
        town_a=town_a,
        cadre_a=cadre_a,
        cadre_b=cadre_b,
        admin=make_user("t_admin", superuser=True),
        org_city=make_user("t_org_city", roles=[(Role.ORG_STAFF, city)]),
        org_county_a=make_user("t_org_county", roles=[(Role.ORG_STAFF, county_a)]),
        dispatch_a=make_user("t_dispatch", roles=[(Role.DISPATCH_CONTACT, unit_a)]),
        receive_a=make_user("t_receive", roles=[(Role.RECEIVE_CONTACT, town_a)]),
        cadre_user=make_user("t_cadre", cadre=cadre_a),
    )


@pytest.fixture
def batch_world(world):
    """An open batch organized by county A: quota 2 for unit A, a post at town A. It starts on 2026-12-01
    with nominations open until 2026-11-30; once that day has passed, the batch moves forward with the
    calendar (deadline tomorrow, start the day after), so nominating stays possible whenever the suite runs."""
    from datetime import date, timedelta

    from django.utils import timezone

    from secondment.models import BatchKind, PostTitle
    from secondment.services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status

    batch = batch_create(
        acting_user=world.org_county_a,
        name="2026年甲县干部下派挂职",
        kind=BatchKind.objects.get(name="下派"),
        year=2026,
        organizer=world.county_a,
        planned_start=max(date(2026, 12, 1), timezone.localdate() + timedelta(days=2)),
        nomination_deadline=max(date(2026, 11, 30), timezone.localdate() + timedelta(days=1)),
        max_age=45,
    )
    batch_quota_set(batch=batch, dispatching_unit=world.unit_a, quota=2, acting_user=world.org_county_a)
    offer = batch_offer_add(
        batch=batch,
        receiving_unit=world.town_a,
        post_title=PostTitle.objects.get(name="副镇长"),
        count=1,
        acting_user=world.org_county_a,
    )
    batch_set_status(batch=batch, status="open", acting_user=world.org_county_a)
    batch.refresh_from_db()
    world.batch, world.offer = batch, offer
    return world


@pytest.fixture
def posting_world(batch_world):
    """batch_world plus a planned posting of cadre_a at town_a (start 2026-12-01, one year)."""
    from datetime import date

    from secondment.services.postings import posting_create

    w = batch_world
    w.posting = posting_create(
        batch=w.batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=date(2026, 12, 1),
        acting_user=w.org_county_a,
    )
    return w


@pytest.fixture
def on_post_world(batch_world):
    """batch_world plus a posting at town_a that started 2025-03-01, appointed and arrived: on post
    (在岗), reached through the lifecycle services, never by writing the status."""
    from datetime import date

    from secondment.services.postings import posting_create, posting_transition

    w = batch_world
    p = posting_create(
        batch=w.batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=date(2025, 3, 1),
        acting_user=None,
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2025, 3, 1)
    )
    posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2025, 3, 3), today=date(2025, 3, 10)
    )
    p.refresh_from_db()
    w.posting = p
    return w


@pytest.fixture
def appraisal_world(on_post_world):
    """An on-post posting at town_a whose term has ended: its appraisal is open."""
    from datetime import date

    from secondment.services.postings import postings_end_terms

    w = on_post_world
    postings_end_terms(today=date(2026, 3, 1))
    w.posting.refresh_from_db()
    w.appraisal = w.posting.appraisals.get()
    return w


@pytest.fixture
def reminder_world(batch_world):
    """An on-post posting at town_a (2026-03-02 to 2027-03-01) with its report schedule, and emails on."""
    from datetime import date

    from secondment.services.postings import posting_create, posting_transition

    w = batch_world
    for user in (w.cadre_user, w.receive_a, w.dispatch_a, w.org_county_a, w.org_city):
        user.email = f"{user.username}@example.gov.cn"
        user.save(update_fields=["email"])
    p = posting_create(
        batch=w.batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="副镇长",
        start_date=date(2026, 3, 2),
        acting_user=None,
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="X", appointment_date=date(2026, 3, 2)
    )
    w.posting = posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2026, 3, 3), today=date(2026, 3, 5)
    )
    return w


@pytest.fixture
def admin_form_data():
    """A function turning an admin change page (a test-client response) into the POST data a browser
    would send back unchanged: the main form, then each inline with its management form."""
    from django.forms import CheckboxInput, MultiWidget

    def form_data(response) -> dict:
        forms = [response.context["adminform"].form]
        for inline in response.context["inline_admin_formsets"]:
            forms += [inline.formset.management_form, *inline.formset.forms]
        data: dict = {}
        for form in forms:
            for bound in form:
                widget, value = bound.field.widget, bound.value()
                if bound.field.disabled:
                    continue
                if isinstance(widget, MultiWidget):  # split date and time
                    for suffix, part, part_value in zip(
                        widget.widgets_names, widget.widgets, widget.decompress(value), strict=True
                    ):
                        data[bound.html_name + suffix] = part.format_value(part_value) or ""
                elif isinstance(widget, CheckboxInput):
                    if value:
                        data[bound.html_name] = "on"
                elif isinstance(value, list | tuple):
                    data[bound.html_name] = [str(v) for v in value]
                else:
                    data[bound.html_name] = "" if value is None else str(value)
        return data

    return form_data
