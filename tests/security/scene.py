"""A world with a full set of records on two sides, for the URLconf-wide tests (access matrix, query-string
fuzzing, CSP header): side "a" is county A, where every non-admin test user has their roles (the cadre's own
posting, the receiving town, the dispatching agency, the county org department); side "b" is county B,
outside the scope of all of them except city org staff and the administrator.

Everything is reached through the services (never by writing states). Each side also holds one record of
every kind a URL takes: a 座谈会 with an attachment, a 情况反馈, a 轮岗, a 生活保障, a 结对 (in a 对口帮扶
batch), a pending 终止挂职建议 and a 任职手续, both with an attachment, an extension request awaiting the
dispatching unit's consent, a reward, and a work report attachment whose storage name is `stored_file`."""

from dataclasses import dataclass, field
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

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


def _phone_votes(a: Side, b: Side) -> None:
    """A running 民主测评（扫码） on each side's appraisal; side a holds one of its codes, side b a code that
    does not exist (the voting pages are public: the code is the only key)."""
    from datetime import timedelta

    from django.utils import timezone

    from assessments.services.votes import democratic_vote_open

    now = timezone.now()
    for side in (a, b):
        side.objects["vote"] = democratic_vote_open(
            appraisal=side["appraisal"],
            expected=3,
            opens_at=now - timedelta(minutes=1),
            closes_at=now + timedelta(hours=1),
            acting_user=None,
        )
    a.objects["code"] = a["vote"].codes.values_list("code", flat=True).first()
    b.objects["code"] = "ZZZZZZZZ"


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

    def on_post(seconded, post):
        posting = posting_create(
            batch=batch, cadre=seconded, receiving_unit=town, post=post, start_date=date(2025, 3, 1), acting_user=None
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
        return posting

    posting = on_post(cadre, "副镇长")
    # a second posting of the side, on which nothing waits: the receiving contact may still propose a
    # termination and ask for an extension there (on the first, a proposal and a request wait)
    posting2 = on_post(make_cadre(agency, f"{county.name[0]}三"), "镇长助理")
    side = Side(
        {
            "unit": agency,
            "cadre": cadre,
            "batch": batch,
            "offer": batch.offers.first(),
            "nomination": nomination,
            "posting": posting,
            "posting2": posting2,
            "organizer_user": organizer_user,
            "contact_user": contact_user,
        }
    )
    side.objects["print_job_factory"] = lambda: print_job_create(batch=batch, acting_user=organizer_user)
    for kind, owner in (
        ("cadres", contact_user),
        ("cadres_lrmx", contact_user),
        ("nominees", contact_user),
        ("scores", organizer_user),
        ("postings", organizer_user),
    ):
        upload = ImportUpload(kind=kind, uploaded_by=owner, original_name=f"{kind}.xlsx")
        upload.file.save(f"{kind}.xlsx", ContentFile(b"PK\x03\x04 not really a workbook"), save=True)
        side.objects[f"upload_{kind}"] = upload
    side.objects["notification"] = Notification.objects.create(user=contact_user, title="提醒", body="", url="/")
    _support_records(side, county=county, agency=agency, town=town, posting=posting)
    return side


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")


def _support_records(side: Side, *, county, agency, town, posting) -> None:
    """The support records of issue 15, a reward, and a paired batch, on the posting while on post."""
    from cadres.services.records import reward_punishment_add
    from secondment.models import BatchKind, PostTitle
    from secondment.services import support
    from secondment.services.batches import batch_create, batch_offer_add, batch_quota_set, batch_set_status

    symposium = support.symposium_create(
        organizer=county,
        batch=side["batch"],
        title="挂职干部座谈会",
        date=date(2025, 6, 1),
        place="会议室",
        topics="交流",
        minutes="纪要：各位挂职干部逐一发言",
        attendees=[posting],
        acting_user=None,
    )
    side.objects["symposium"] = symposium
    side.objects["symposium_attachment"] = support.symposium_attach(
        symposium=symposium, upload=_pdf("纪要.pdf"), acting_user=None
    )
    side.objects["feedback"] = support.feedback_create(
        posting=posting,
        period_start=date(2025, 3, 1),
        period_end=date(2025, 6, 30),
        content="表现良好",
        acting_user=None,
        today=date(2025, 7, 1),
    )
    side.objects["rotation"] = support.rotation_add(
        posting=posting, post="镇长助理", duties="招商", start_date=date(2025, 9, 1), acting_user=None
    )
    side.objects["living_support"] = support.living_support_set(
        posting=posting, housing="dormitory", transport="public", travel_payer="dispatching", acting_user=None
    )
    side.objects["reward"] = reward_punishment_add(
        cadre=side["cadre"], acting_user=None, title="优秀共产党员", date=date(2025, 7, 1), issuing_body="县委"
    )
    from cadres.services.particulars import family_member_add, resume_entry_add

    side.objects["resume"] = resume_entry_add(
        cadre=side["cadre"], acting_user=None, start="200709", end="", text="在本单位工作"
    )
    side.objects["family"] = family_member_add(cadre=side["cadre"], acting_user=None, relation="妻子", name="某某")
    paired = batch_create(
        acting_user=None,
        name=f"{county.name}对口帮扶挂职",
        kind=BatchKind.objects.get(name="对口帮扶"),
        year=2026,
        organizer=county,
        planned_start=date(2027, 3, 1),
        nomination_deadline=date(2027, 2, 1),
        max_age=45,
    )
    batch_quota_set(batch=paired, dispatching_unit=agency, quota=1, acting_user=None)
    batch_offer_add(
        batch=paired, receiving_unit=town, post_title=PostTitle.objects.get(name="副镇长"), count=1, acting_user=None
    )
    batch_set_status(batch=paired, status="open", acting_user=None)
    side.objects["paired_batch"] = paired
    side.objects["pairing"] = support.pairing_add(
        batch=paired, dispatching_unit=agency, receiving_unit=town, acting_user=None
    )


def _term_end_records(side: Side) -> None:
    """At term end, on the posting: a report attachment, a 任职手续, a pending termination proposal and an
    extension request awaiting the dispatching unit's consent."""
    from reports.services.work_reports import work_report_attach
    from secondment.models import ExtensionConditionKind
    from secondment.services.postings import extension_condition_save, extension_request_create
    from secondment.services.termination import appointment_formality_record, termination_propose

    posting = side["posting"]
    attachment = work_report_attach(report=side["report"], upload=_pdf("汇报附件.pdf"), acting_user=None)
    side.objects["stored_file"] = attachment.file.name
    side.objects["formality"] = appointment_formality_record(
        posting=posting,
        date=date(2025, 3, 5),
        doc_no="任字1号",
        title="关于挂职任职的通知",
        acting_user=None,
        attachment=_pdf("任职通知.pdf"),
    )
    side.objects["termination"] = termination_propose(
        posting=posting, grounds="other", reasons="长期不在岗", acting_user=None, attachment=_pdf("终止意见.pdf")
    )
    # the county asks for the receiving unit's request and the dispatching unit's consent only (no annual
    # result is graded in this world): the request waits for the dispatching contact's consent
    county = side["batch"].organizer
    for order, kind in enumerate((ExtensionConditionKind.RECEIVING_REQUEST, ExtensionConditionKind.DISPATCH_CONSENT)):
        extension_condition_save(jurisdiction=county, kind=kind, order=order, acting_user=None)
    side.objects["extension"] = extension_request_create(
        posting=posting,
        new_end_date=date(2026, 9, 1),
        receiving_unit_request="工作需要",
        cadre_willing=True,
        acting_user=None,
    )


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
        side["posting2"].refresh_from_db()
        side.objects["appraisal"] = posting.appraisals.get()
        side.objects["report"] = posting.reports.order_by("period_start").first()
        side.objects["print_job"] = side.objects.pop("print_job_factory")()
        _term_end_records(side)
        side.objects["export_job"] = export_job_create(owner=side["organizer_user"], name="cadres", params="", total=1)
    _phone_votes(a, b)
    a.objects["token"] = regenerate_token(w.cadre_user)
    b.objects["token"] = "no-such-token"
    users = {"anon": None, **{k: v for k, v in w.users_by_role().items()}}
    users["receive"], users["dispatch"], users["org_county"] = w.receive_a, w.dispatch_a, w.org_county_a
    return Scene(users=users, a=a, b=b)
