"""What a browser journey needs, found in the e2e server's database or made there through the
services: `python -m tests.e2e.scenes NAME '{"param": ...}'` prints one JSON line.

Each scene first looks for a record in the state the journey needs, in the scope of the demo login
that will act (so a richer demo is used as it is); when there is none, it makes one with the services,
acting as the system (acting_user=None) — never by writing a status."""

import json
import os
import sys
from datetime import date, timedelta
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from django.utils import timezone  # noqa: E402

from accounts.models import Role, RoleAssignment, User  # noqa: E402
from assessments.models import Appraisal, GradeScale  # noqa: E402
from assessments.services import appraisals as appraisal_services  # noqa: E402
from assessments.workflow import STEPS  # noqa: E402
from cadres.models import Cadre, Unit  # noqa: E402
from reports.models import WorkReport  # noqa: E402
from secondment.access import batches_managed_by, posting_roles  # noqa: E402
from secondment.models import Batch, Posting  # noqa: E402
from secondment.services.postings import posting_create, posting_transition, postings_end_terms  # noqa: E402

STEP_KEYS = [step.key for step in STEPS]


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _units(user: User, role: str) -> list[int]:
    return list(RoleAssignment.objects.filter(user=user, role=role).values_list("unit_id", flat=True))


def _next_step(appraisal: Appraisal) -> str | None:
    return next((s.key for s in STEPS if getattr(appraisal, s.done_field) is None), None)


def _free_cadre(unit_ids: list[int] | None = None, exclude_unit: int | None = None) -> Cadre:
    cadres = Cadre.objects.exclude(postings__status__in=Posting.ACTIVE_STATUSES)
    if unit_ids:
        cadres = cadres.filter(unit_id__in=unit_ids)
    if exclude_unit:
        cadres = cadres.exclude(unit_id=exclude_unit)
    cadre = cadres.order_by("-pk").first()
    assert cadre is not None, "no cadre without an active posting"
    return cadre


def _posting(*, receiving_unit_id: int, cadre: Cadre, start: date, until: str) -> Posting:
    """A posting of `cadre` at the receiving unit in a batch org_city manages, driven to `until`
    (appointed, on_post, term_ended)."""
    managed = batches_managed_by(_user("org_city")).order_by("-year", "-pk")
    batch = managed.filter(status="decided").first() or managed.first() or Batch.objects.first()
    posting = posting_create(
        batch=batch,
        cadre=cadre,
        receiving_unit=Unit.objects.get(pk=receiving_unit_id),
        post="副镇长",
        start_date=start,
        acting_user=None,
    )
    posting = posting_transition(
        posting=posting, action="appoint", acting_user=None, appointment_doc_no="E2E-1", appointment_date=start
    )
    if until == "appointed":
        return posting
    posting = posting_transition(
        posting=posting,
        action="confirm_arrival",
        acting_user=None,
        arrival_date=start + timedelta(days=1),
        today=start + timedelta(days=2),
    )
    if until == "term_ended":
        postings_end_terms(today=timezone.localdate())
        posting.refresh_from_db()
    return posting


OPINION = {
    "intro": "该同志挂职期间分管农业农村工作。",
    "strengths": "工作主动，善于协调。",
    "shortcomings": "调查研究还可更深入。",
    "hopes": "希望继续发扬扎根基层的作风。",
    "main_work": "牵头推进高标准农田项目。",
}
TALLIES = {
    "headcount": 30,
    "expected": 28,
    "present": 25,
    "ballots_valid": 24,
    "ballots_invalid": 1,
    "ballots_abstain": 0,
    "votes_excellent": 15,
    "votes_competent": 8,
    "votes_basic": 1,
    "votes_incompetent": 0,
    "votes_unknown": 0,
}


def _through(appraisal: Appraisal, *, before: str) -> Appraisal:
    """Do the appraisal's steps (as the system) up to, not including, `before`."""
    s = appraisal_services
    while (step := _next_step(appraisal)) is not None and step != before:
        if step == "self_summary":
            appraisal = s.appraisal_self_summary(appraisal=appraisal, text="一年来，我认真履职。", acting_user=None)
        elif step == "receiving":
            scores = {item.pk: Decimal(90) for item in appraisal.template.items.all()}
            appraisal = s.appraisal_receiving_evaluation(
                appraisal=appraisal, scores=scores, acting_user=None, **OPINION
            )
        elif step == "democratic":
            appraisal = s.appraisal_democratic_evaluation(appraisal=appraisal, acting_user=None, **TALLIES)
        elif step == "talks":
            appraisal = s.appraisal_talks(
                appraisal=appraisal, talks="个别谈话12人，反映良好。", verification="情况属实。", acting_user=None
            )
        elif step == "dispatch":
            appraisal = s.appraisal_dispatch_opinion(appraisal=appraisal, opinion="同意。", acting_user=None)
        elif step == "conclusion":
            scale = GradeScale.objects.get(pk=appraisal.scale_id)
            appraisal = s.appraisal_conclude(
                appraisal=appraisal,
                conclusion="挂职锻炼期间表现优秀。",
                final_grade=s.appraisal_numbers(appraisal)["suggested"] or scale.grades.first(),
                filing_no="E2E鉴备1号",
                acting_user=None,
            )
    return appraisal


def _appraisal_at(step: str, username: str, role: str) -> Appraisal:
    """An open appraisal whose next step is `step`, of a posting where `username` holds `role`; made
    (a fresh ended posting, steps done as the system) when there is none."""
    user = _user(username)
    for appraisal in Appraisal.objects.filter(status="open").select_related("posting").order_by("pk"):
        if _next_step(appraisal) == (None if step == "finalize" else step) and role in posting_roles(
            user, appraisal.posting
        ):
            return appraisal
    if role == "receive_contact":
        receiving = _units(user, Role.RECEIVE_CONTACT)[0]
        cadre = _free_cadre(exclude_unit=receiving)
    elif role == "dispatch_contact":
        cadre = _free_cadre(_units(user, Role.DISPATCH_CONTACT))
        receiving = _units(_user("receive"), Role.RECEIVE_CONTACT)[0]
    else:
        receiving = _units(_user("receive"), Role.RECEIVE_CONTACT)[0]
        cadre = _free_cadre(exclude_unit=receiving)
    start = timezone.localdate() - timedelta(days=3 * 365)
    posting = _posting(receiving_unit_id=receiving, cadre=cadre, start=start, until="term_ended")
    appraisal = posting.appraisals.get()
    return _through(appraisal, before=step)


def report(params: dict) -> dict:
    """The demo cadre's quarterly report that can be written and whose quarter is over."""
    user = _user("cadre")
    today = timezone.localdate()
    reports = WorkReport.objects.filter(
        posting__cadre=user.cadre, status__in=["draft", "returned"], cycle__name__contains="季度"
    ).order_by("-status", "period_end")  # 退回修改 (returned) first, then the oldest unwritten
    report = reports.filter(period_end__lt=today).first()
    if report is None:  # none left whose quarter is over: one submitted is returned for more work
        from reports.services.work_reports import work_report_return

        submitted = WorkReport.objects.filter(
            posting__cadre=user.cadre, status="submitted", cycle__name__contains="季度", period_end__lt=today
        ).first()
        if submitted is not None:
            report = work_report_return(report=submitted, comments="请补充具体数据。", acting_user=None)
    report = report or reports.first()
    assert report is not None, "the demo cadre has no quarterly report to write"
    return {"url": f"/reports/{report.pk}/", "period": f"{report.period_start:%Y.%m.%d}–{report.period_end:%Y.%m.%d}"}


def arrival(params: dict) -> dict:
    user = _user("receive")
    units = _units(user, Role.RECEIVE_CONTACT)
    posting = Posting.objects.filter(status="appointed", receiving_unit_id__in=units).order_by("pk").first()
    if posting is None:
        posting = _posting(
            receiving_unit_id=units[0],
            cadre=_free_cadre(exclude_unit=units[0]),
            start=timezone.localdate() - timedelta(days=2),
            until="appointed",
        )
    return {"posting": posting.pk, "cadre": posting.cadre.name}


def appraisal(params: dict) -> dict:
    a = _appraisal_at(params["step"], params["user"], params["role"])
    return {"appraisal": a.pk, "posting": a.posting_id, "cadre": a.posting.cadre.name, "batch": a.posting.batch_id}


def nomination(params: dict) -> dict:
    """An open batch with room in the quota of the demo dispatching contact's unit (the demo has one),
    and a cadre of that unit who is free to be nominated."""
    from secondment.models import BatchQuota, Nomination

    user = _user("dispatch")
    units = _units(user, Role.DISPATCH_CONTACT)
    today = timezone.localdate()
    quotas = (
        BatchQuota.objects.filter(
            dispatching_unit_id__in=units, batch__status="open", batch__nomination_deadline__gte=today
        )
        .select_related("batch")
        .order_by("batch__nomination_deadline", "pk")
    )
    for quota in quotas:
        taken = Nomination.objects.filter(batch=quota.batch, dispatching_unit_id=quota.dispatching_unit_id).exclude(
            status="withdrawn"
        )
        if taken.count() >= quota.quota:
            continue
        cadre = (
            Cadre.objects.filter(unit_id=quota.dispatching_unit_id)
            .exclude(postings__status__in=Posting.ACTIVE_STATUSES)
            .exclude(nominations__batch=quota.batch)
            .order_by("pk")
            .first()
        )
        if cadre is not None:
            return {"batch": quota.batch_id, "name": quota.batch.name, "cadre": cadre.name}
    raise AssertionError("no open batch with room for the demo dispatching unit")


def extension(params: dict) -> dict:
    """An extension request waiting for the org department's decision, of a posting org_city manages:
    the receiving unit's request and the dispatching unit's consent made through the services where the
    demo has none waiting."""
    from secondment.models import ExtensionRequest
    from secondment.services.postings import extension_request_consent, extension_request_create

    org = _user("org_city")
    managed = batches_managed_by(org)
    waiting = ExtensionRequest.objects.filter(decision="pending", posting__batch__in=managed).order_by("pk").first()
    if waiting is None:
        request = ExtensionRequest.objects.filter(decision="consent", posting__batch__in=managed).first()
        if request is None:
            for posting in Posting.objects.filter(status="on_post", batch__in=managed).order_by("pk"):
                try:
                    request = extension_request_create(
                        posting=posting,
                        new_end_date=posting.end_date + timedelta(days=180),
                        receiving_unit_request="项目正在实施，申请延期半年。",
                        cadre_willing=True,
                        acting_user=None,
                    )
                    break
                except Exception:  # a posting whose conditions cannot be met (no annual result, …)
                    continue
        assert request is not None, "no posting can be extended"
        if request.decision == "consent":
            request = extension_request_consent(request=request, consent=True, reason="同意。", acting_user=None)
        waiting = request
    return {"posting": waiting.posting_id, "cadre": waiting.posting.cadre.name, "end": str(waiting.posting.end_date)}


def print_batch(params: dict) -> dict:
    """A batch org_city organizes with at least one finalized appraisal."""
    org = _user("org_city")
    a = Appraisal.objects.filter(status="finalized", posting__batch__in=batches_managed_by(org)).order_by("pk").first()
    assert a is not None, "no finalized appraisal in org_city's batches"
    return {"batch": a.posting.batch_id}


SCENES = {f.__name__: f for f in (report, arrival, appraisal, nomination, extension, print_batch)}

if __name__ == "__main__":
    name, params = sys.argv[1], json.loads(sys.argv[2] if len(sys.argv) > 2 else "{}")
    print(json.dumps(SCENES[name](params), ensure_ascii=False))
