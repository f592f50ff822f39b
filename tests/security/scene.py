"""A world with a full set of records on two sides, for the URLconf-wide tests (access matrix, query-string
fuzzing, CSP header): side "a" is county A, where every non-admin test user has their roles (the cadre's own
posting, the receiving town, the dispatching agency, the county org department); side "b" is county B,
outside the scope of all of them except city org staff and the administrator.

Everything is reached through the services (never by writing states)."""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile

from accounts.models import Role
from cadres.models import Unit
from core.exports import export_job_create
from core.models import ImportUpload, Notification
from tests.factories import make_cadre, make_unit, make_user

ROLES = ("anon", "cadre", "receive", "dispatch", "org_county", "org_city", "admin")


@dataclass
class Side:
    objects: dict = field(default_factory=dict)

    def __getitem__(self, key):
        return self.objects[key]


@dataclass
class Scene:
    users: dict
    a: Side
    b: Side


def _records(*, county, agency, town, cadre, other_cadre, organizer_user, contact_user, batch=None) -> Side:
    from documents.services import print_job_create
    from secondment.models import BatchKind, PostTitle
    from secondment.services import nominations as ns
    from secondment.services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status
    from secondment.services.postings import posting_create, posting_transition

    if batch is None:
        batch = batch_create(
            acting_user=None,
            name=f"{county.name}干部下派挂职",
            kind=BatchKind.objects.get(name="下派"),
            year=2026,
            organizer=county,
            planned_start=date(2027, 3, 1),
            nomination_deadline=date(2027, 2, 1),
            max_age=45,
        )
        batch_quota_set(batch=batch, dispatching_unit=agency, quota=2, acting_user=None)
        batch_offer_add(
            batch=batch, receiving_unit=town, post_title=PostTitle.objects.get(name="副镇长"), count=1, acting_user=None
        )
        batch_set_status(batch=batch, status="open", acting_user=None)
    nomination = ns.nomination_create(
        batch=batch, cadre=other_cadre, method="org", reason="组织推荐", acting_user=None, today=date(2026, 1, 5)
    )
    posting = posting_create(
        batch=batch,
        cadre=cadre,
        receiving_unit=town,
        post="副镇长",
        start_date=date(2025, 3, 1),
        acting_user=None,
    )
    posting_transition(
        posting=posting,
        action="appoint",
        acting_user=None,
        appointment_doc_no="X",
        appointment_date=date(2025, 3, 1),
    )
    posting_transition(
        posting=posting,
        action="confirm_arrival",
        acting_user=None,
        arrival_date=date(2025, 3, 3),
        today=date(2025, 3, 10),
    )
    side = Side(
        {
            "unit": agency,
            "cadre": cadre,
            "batch": batch,
            "offer": batch.offers.first(),
            "nomination": nomination,
            "posting": posting,
            "organizer_user": organizer_user,
            "contact_user": contact_user,
        }
    )
    side.objects["print_job_factory"] = lambda: print_job_create(batch=batch, acting_user=organizer_user)
    for kind, owner in (
        ("cadres", contact_user),
        ("nominees", contact_user),
        ("scores", organizer_user),
        ("postings", organizer_user),
    ):
        upload = ImportUpload(kind=kind, uploaded_by=owner, original_name=f"{kind}.xlsx")
        upload.file.save(f"{kind}.xlsx", ContentFile(b"PK\x03\x04 not really a workbook"), save=True)
        side.objects[f"upload_{kind}"] = upload
    side.objects["notification"] = Notification.objects.create(user=contact_user, title="提醒", body="", url="/")
    return side


def build_scene(world) -> Scene:
    """world (tests/conftest.py) plus records on both sides."""
    from dashboard.calendar import regenerate_token
    from secondment.services.postings import postings_end_terms

    w = world
    town_b = make_unit("乙县白云镇", parent=w.county_b, kind=Unit.Kind.TOWNSHIP, level=Unit.Level.TOWNSHIP)
    org_county_b = make_user("t_org_county_b", roles=[(Role.ORG_STAFF, w.county_b)])
    dispatch_b = make_user("t_dispatch_b", roles=[(Role.DISPATCH_CONTACT, w.unit_b)])
    a = _records(
        county=w.county_a,
        agency=w.unit_a,
        town=w.town_a,
        cadre=w.cadre_a,
        other_cadre=make_cadre(w.unit_a, "甲二"),
        organizer_user=w.org_county_a,
        contact_user=w.dispatch_a,
    )
    b = _records(
        county=w.county_b,
        agency=w.unit_b,
        town=town_b,
        cadre=w.cadre_b,
        other_cadre=make_cadre(w.unit_b, "乙二"),
        organizer_user=org_county_b,
        contact_user=dispatch_b,
    )
    postings_end_terms(today=date(2026, 3, 1))  # both postings: 期满待鉴定, appraisal open
    for side in (a, b):
        posting = side["posting"]
        posting.refresh_from_db()
        side.objects["appraisal"] = posting.appraisals.get()
        side.objects["report"] = posting.reports.order_by("period_start").first()
        side.objects["print_job"] = side.objects.pop("print_job_factory")()
        side.objects["export_job"] = export_job_create(owner=side["organizer_user"], name="cadres", params="", total=1)
    a.objects["token"] = regenerate_token(w.cadre_user)
    b.objects["token"] = "no-such-token"
    users = {"anon": None, **{k: v for k, v in w.users_by_role().items()}}
    users["receive"], users["dispatch"], users["org_county"] = w.receive_a, w.dispatch_a, w.org_county_a
    return Scene(users=users, a=a, b=b)
