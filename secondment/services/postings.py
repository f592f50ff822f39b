"""Posting services: create, the lifecycle transitions, filing, extension requests."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from core import events
from core.services import audit_log_record
from core.workflow import transition_check

from ..access import (
    EXTENSION_REQUEST_STATUSES,
    FILING_STATUSES,
    PLAN_STATUSES,
    UNIT_SIDE,
    batches_managed_by,
    extension_request_open,
    posting_roles,
)
from ..dates import term_end
from ..extensions import AnnualResult, link_annual_results
from ..models import (
    Batch,
    ExtensionCondition,
    ExtensionConditionKind,
    ExtensionRequest,
    MinGrade,
    Nomination,
    Posting,
    PostingStatusChange,
)
from ..workflow import EXTENSION_TRANSITIONS, TRANSITIONS

S = Posting.Status


def _history(posting, *, actor, action, from_status, reason="", data=None) -> PostingStatusChange:
    entry = PostingStatusChange.objects.create(
        posting=posting,
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        from_status=from_status,
        to_status=posting.status,
        reason=reason,
        data=data or {},
    )
    audit_log_record(actor=actor, action=f"posting.{action}", target=posting, data={"reason": reason, **(data or {})})
    return entry


@transaction.atomic
def posting_create(
    *,
    batch: Batch,
    cadre,
    receiving_unit,
    post: str,
    start_date: date,
    acting_user,
    nomination: Nomination | None = None,
    end_date: date | None = None,
    **fields,
) -> Posting:
    if acting_user is not None and not batches_managed_by(acting_user).filter(pk=batch.pk).exists():
        raise PermissionDenied(gettext("只有本批次所属组织部门的工作人员可以创建挂职。"))
    if Posting.objects.active().filter(cadre=cadre).exists():
        raise ValidationError(f"{cadre.name}已有一条进行中的挂职。")
    planned_end = term_end(start_date, batch.term_months)
    posting = Posting(
        batch=batch,
        cadre=cadre,
        nomination=nomination,
        dispatching_unit=cadre.unit,
        receiving_unit=receiving_unit,
        post=post,
        original_post=cadre.post,
        start_date=start_date,
        planned_end_date=planned_end,
        end_date=end_date or planned_end,
        **fields,
    )
    posting.full_clean(exclude=["nomination"])
    posting.save()
    _history(posting, actor=acting_user, action="create", from_status="", data={"start": str(start_date)})
    return posting


def batch_create_postings(*, batch: Batch, start_date: date | None, acting_user) -> list[Posting]:
    """Every selected nominee becomes a posting (拟派) matched to their post; the batch is decided.

    The batch row is locked first: of two simultaneous requests the second waits, then finds the batch
    decided and is told so. A unique constraint hit all the same (an active posting made meanwhile
    elsewhere) is the same message, never a 500."""
    try:
        return _batch_create_postings(batch=batch, start_date=start_date, acting_user=acting_user)
    except IntegrityError as exc:
        raise ValidationError(gettext("建立挂职未完成：有人同时为本批次或其中的干部建立了挂职。")) from exc


@transaction.atomic
def _batch_create_postings(*, batch: Batch, start_date: date | None, acting_user) -> list[Posting]:
    from .batches import batch_transition
    from .nominations import nomination_transition

    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == Batch.Status.DECIDED:
        raise ValidationError(gettext("本批次已经建立过挂职（可能刚由他人完成），请刷新页面查看。"))
    start = start_date or batch.planned_start
    created = []
    selected = batch.nominations.filter(status=Nomination.Status.SELECTED).select_related(
        "cadre", "cadre__unit", "offer", "offer__receiving_unit", "offer__post_title"
    )
    if not selected:
        raise ValidationError(gettext("本批次没有拟选派人选。"))
    for nomination in selected:
        posting = posting_create(
            batch=batch,
            cadre=nomination.cadre,
            receiving_unit=nomination.offer.receiving_unit,
            post=nomination.offer.post_title.name,
            start_date=start,
            acting_user=acting_user,
            nomination=nomination,
        )
        nomination_transition(
            nomination=nomination, action="post", acting_user=acting_user, data={"posting": posting.pk}
        )
        created.append(posting)
    if batch.status == Batch.Status.OPEN:
        batch_transition(batch=batch, action="close", acting_user=acting_user)
    batch_transition(batch=batch, action="decide", acting_user=acting_user)
    return created


@transaction.atomic
def posting_transition(
    *, posting: Posting, action: str, acting_user, reason: str = "", today: date | None = None, **data
) -> Posting:
    """Perform one lifecycle action. The row is locked first, so two concurrent transitions on the
    same posting cannot both succeed: the second finds the new state and is refused."""
    if action not in TRANSITIONS:
        raise ValidationError(gettext("未知的操作。"))
    posting = Posting.objects.select_for_update(of=("self",)).select_related("batch", "cadre").get(pk=posting.pk)
    today = today or timezone.localdate()
    transition = transition_check(
        TRANSITIONS,
        action,
        status=posting.status,
        status_label=posting.get_status_display(),
        roles=posting_roles(acting_user, posting),
        subject="挂职",
        reason=reason,
    )
    old_status = posting.status
    record: dict = {}
    handler = _HANDLERS[action]
    # a handler returns the target when the table leaves it open (shorten may stay on post)
    target = handler(posting, today=today, record=record, **data) or transition.target
    posting.status = target
    posting.full_clean(exclude=["nomination"])
    posting.save()
    _history(posting, actor=acting_user, action=action, from_status=old_status, reason=reason.strip(), data=record)
    # the apps above follow: the report schedule re-plans, the appraisal opens at term end (core.events)
    events.publish(
        "posting.transitioned", posting=posting, action=action, old_status=old_status, acting_user=acting_user
    )
    return posting


def _appoint(posting, *, today, record, appointment_doc_no: str = "", appointment_date: date | None = None):
    if not appointment_doc_no.strip() or appointment_date is None:
        raise ValidationError(gettext("任职须填写任职文号和任职日期。"))
    posting.appointment_doc_no, posting.appointment_date = appointment_doc_no.strip(), appointment_date
    record.update(
        doc=posting.appointment_doc_no, date=str(appointment_date), arrival_deadline=str(posting.arrival_deadline)
    )


def _confirm_arrival(posting, *, today, record, arrival_date: date | None = None):
    if arrival_date is None:
        raise ValidationError(gettext("请填写到岗日期。"))
    if posting.appointment_date and arrival_date < posting.appointment_date:
        raise ValidationError(gettext("到岗日期不能早于任职日期。"))
    if arrival_date > today:
        raise ValidationError(gettext("到岗日期不能晚于今天。"))
    posting.arrival_date = arrival_date
    record.update(
        arrival=str(arrival_date), late=bool(posting.arrival_deadline and arrival_date > posting.arrival_deadline)
    )


def _extend(posting, *, today, record, new_end_date: date | None = None, extension: ExtensionRequest | None = None):
    if (
        extension is None
        or extension.decision != ExtensionRequest.Decision.APPROVED
        or extension.posting_id != posting.pk
    ):
        raise ValidationError(gettext("延期须有组织部门同意的延期申请。"))
    new_end_date = new_end_date or extension.new_end_date
    if new_end_date <= posting.end_date:
        raise ValidationError(gettext("延期后的结束日期须晚于当前结束日期。"))
    record.update(
        old_end=str(posting.end_date),
        new_end=str(new_end_date),
        planned_end=str(posting.planned_end_date),
        extension=extension.pk,
    )
    posting.end_date = new_end_date


def _shorten(posting, *, today, record, new_end_date: date | None = None, consultation: str = ""):
    if new_end_date is None or not consultation.strip():
        raise ValidationError(gettext("提前结束须填写新的结束日期和征求意见情况。"))
    if not posting.start_date <= new_end_date < posting.end_date:
        raise ValidationError(gettext("新的结束日期须早于当前结束日期，且不早于开始日期。"))
    record.update(
        old_end=str(posting.end_date),
        new_end=str(new_end_date),
        consultation=consultation.strip(),
        planned_end=str(posting.planned_end_date),
    )
    posting.end_date = new_end_date
    return S.TERM_ENDED if new_end_date < today else S.ON_POST


def _end_term(posting, *, today, record):
    if today <= posting.end_date:
        raise ValidationError(f"挂职期限至{posting.end_date:%Y年%m月%d日}，尚未期满。")
    record.update(end=str(posting.end_date))


def _terminate(posting, *, today, record, grounds: str = "", proposal=None):
    """Directly by the organizing org department (rules 6 and 7: "on the org dept's decision"), or by
    approving a termination proposal (seed 004); while a proposal waits, only its decision terminates."""
    from ..models import TerminationProposal

    pending = TerminationProposal.Decision.PENDING
    if proposal is None and posting.termination_proposals.filter(decision=pending).exists():
        raise ValidationError(gettext("该挂职有待决定的终止建议，请对建议作出决定。"))
    if proposal is not None and (
        proposal.posting_id != posting.pk or proposal.decision != TerminationProposal.Decision.APPROVED
    ):
        raise ValidationError(gettext("终止须有组织部门同意的终止建议。"))
    record.update(grounds=grounds)
    if proposal is not None:
        record.update(proposal=proposal.pk)


def _complete(posting, *, today, record):
    pass


_HANDLERS = {
    "appoint": _appoint,
    "confirm_arrival": _confirm_arrival,
    "extend": _extend,
    "shorten": _shorten,
    "end_term": _end_term,
    "terminate": _terminate,
    "complete": _complete,
}


@transaction.atomic
def posting_record_filing(*, posting: Posting, filing_no: str, filing_date: date, acting_user) -> Posting:
    """备案: the receiving unit files the appointment with the org department (rule 3)."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if not posting_roles(acting_user, posting) & UNIT_SIDE:
        raise PermissionDenied(gettext("由接收单位向组织部门备案。"))
    if posting.status not in FILING_STATUSES:
        raise ValidationError(gettext("任职后才能备案。"))
    if not filing_no.strip():
        raise ValidationError({"filing_no": gettext("请填写备案编号。")})
    posting.filing, posting.filing_no, posting.filing_date = Posting.Filing.FILED, filing_no.strip(), filing_date
    posting.save(update_fields=["filing", "filing_no", "filing_date", "updated_at"])
    _history(
        posting,
        actor=acting_user,
        action="file",
        from_status=posting.status,
        data={"filing_no": posting.filing_no, "filing_date": str(filing_date)},
    )
    return posting


@transaction.atomic
def posting_update_plan(*, posting: Posting, acting_user, **fields) -> Posting:
    """三定、帮带: duties, responsibilities, training plan and mentor, set by the receiving unit."""
    allowed = {"mentor", "duties", "responsibilities", "training_plan", "subsidy_monthly"}
    if set(fields) - allowed:
        raise ValidationError(gettext("只能修改三定、帮带和生活补助。"))
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    if not posting_roles(acting_user, posting) & UNIT_SIDE:
        raise PermissionDenied
    if posting.status not in PLAN_STATUSES:
        raise ValidationError(f"挂职已{posting.get_status_display()}，不能再修改三定和帮带安排。")
    for name, value in fields.items():
        setattr(posting, name, value)
    posting.full_clean(exclude=["nomination"])
    posting.save()
    _history(posting, actor=acting_user, action="plan", from_status=posting.status, data={"fields": sorted(fields)})
    return posting


K = ExtensionConditionKind
# DOMAIN "Practice that varies by place": the receiving unit asks, the dispatching unit agrees, the
# cadre's assessment is good, the cadre is willing. Used when no condition is on record at all.
DEFAULT_EXTENSION_CONDITIONS = [
    {"kind": K.RECEIVING_REQUEST, "min_grade": ""},
    {"kind": K.DISPATCH_CONSENT, "min_grade": ""},
    {"kind": K.ASSESSMENT, "min_grade": MinGrade.COMPETENT},
    {"kind": K.CADRE_WILLING, "min_grade": ""},
]


def extension_conditions_for(posting: Posting) -> list[dict]:
    """The conditions of the nearest jurisdiction at or above the batch's organizer that has any, in
    order; else the defaults on record (no jurisdiction); else DOMAIN's four."""
    ancestors = [int(i) for i in posting.batch.organizer.path.strip("/").split("/") if i]
    rows = list(ExtensionCondition.objects.filter(Q(jurisdiction_id__in=ancestors) | Q(jurisdiction__isnull=True)))
    for unit_id in [*reversed(ancestors), None]:  # nearest first, the defaults last
        own = sorted((r for r in rows if r.jurisdiction_id == unit_id), key=lambda r: (r.order, r.pk))
        if own:
            return [{"kind": r.kind, "min_grade": r.min_grade} for r in own]
    return [dict(c) for c in DEFAULT_EXTENSION_CONDITIONS]


def _kinds(request: ExtensionRequest) -> dict[str, dict]:
    return {c["kind"]: c for c in request.conditions}


def _check_assessment(request: ExtensionRequest, *, field: str | None = None) -> list[AnnualResult]:
    """The assessment condition: link the posting's graded annual results to the request, and refuse
    when there is none or one is below the grade the condition requires."""
    condition = _kinds(request).get(K.ASSESSMENT)
    if condition is None:
        return []
    results = link_annual_results(request)
    min_grade = condition["min_grade"] or MinGrade.COMPETENT
    required = MinGrade(min_grade).label

    def refuse(message: str):
        raise ValidationError({field: message} if field else message)

    if not results:
        refuse(f"延期须有挂职期间的年度考核结果（须{required}），该挂职尚无已确定等次的年度考核。")
    below = [r for r in results if not r.reaches(min_grade)]
    if below:
        found = "、".join(f"{r.year}年度“{r.grade}”" for r in below)
        refuse(f"年度考核结果不符合延期条件：{found}，须{required}。")
    return results


@transaction.atomic
def extension_request_transition(
    *, request: ExtensionRequest, action: str, acting_user, reason: str = "", apply=None
) -> ExtensionRequest:
    """Perform one action of workflow.EXTENSION_TRANSITIONS: the one place that writes an extension
    request's `decision`. A saved request is locked first; an unsaved one (the receiving unit's
    request) leaves from "". `apply(request, record)` validates, sets the step's fields, returns the
    target when the table leaves it open and adds to the posting's history entry."""
    if request.pk is not None:
        request = ExtensionRequest.objects.select_for_update(of=("self",)).select_related("posting").get(pk=request.pk)
    status = request.decision if request.pk is not None else ""
    transition = transition_check(
        EXTENSION_TRANSITIONS,
        action,
        status=status,
        status_label=request.get_decision_display() if status else "",
        roles=posting_roles(acting_user, request.posting),
        subject="延期申请",
        reason=reason,
    )
    record: dict = {}
    target = (apply(request, record) if apply else None) or transition.target
    request.decision = target
    request.save()
    if request.decision != ExtensionRequest.Decision.APPROVED:  # an approval's history is the posting's "extend"
        _history(
            request.posting,
            actor=acting_user,
            action=_EXTENSION_HISTORY[action],
            from_status=request.posting.status,
            reason=reason.strip(),
            data={"request": request.pk, **record},
        )
    return request


_EXTENSION_HISTORY = {
    "request": "extension_request",
    "consent": "extension_consent",
    "refuse_consent": "extension_consent_refused",
    "reject": "extension_rejected",
}


def _stamp(user):
    return user if getattr(user, "pk", None) else None


@transaction.atomic
def extension_request_create(
    *,
    posting: Posting,
    new_end_date: date,
    receiving_unit_request: str,
    cadre_willing: bool,
    acting_user,
) -> ExtensionRequest:
    """The receiving unit asks for an extension, with its reasons. The jurisdiction's conditions are
    kept with the request; the assessment condition links the posting's annual results and refuses a
    result below the grade it requires; the dispatching contact is asked next, where its consent is a
    condition."""
    posting = Posting.objects.select_for_update(of=("self",)).select_related("batch__organizer").get(pk=posting.pk)
    if not posting_roles(acting_user, posting) & UNIT_SIDE:
        raise PermissionDenied(gettext("延期由接收单位提出申请。"))
    if posting.status not in EXTENSION_REQUEST_STATUSES:
        raise ValidationError(gettext("在岗或期满待鉴定的挂职才能申请延期。"))
    if extension_request_open(posting):
        raise ValidationError(gettext("该挂职已有一份尚未决定的延期申请。"))

    def request_it(request: ExtensionRequest, record: dict):
        if not receiving_unit_request.strip():
            raise ValidationError({"receiving_unit_request": gettext("请填写接收单位申请理由。")})
        if new_end_date <= posting.end_date:
            raise ValidationError({"new_end_date": gettext("延期后的结束日期须晚于当前结束日期。")})
        kinds = _kinds(request)
        if K.CADRE_WILLING in kinds and not cadre_willing:
            raise ValidationError({"cadre_willing": gettext("延期须本人自愿：请先征得本人同意。")})
        request.requested_by = _stamp(acting_user)
        request.save()  # the annual results link to a saved request
        results = _check_assessment(request)
        record.update(new_end=str(new_end_date), conditions=request.conditions, annual=[r.pk for r in results])
        return (
            ExtensionRequest.Decision.AWAITING_CONSENT
            if K.DISPATCH_CONSENT in kinds
            else ExtensionRequest.Decision.PENDING
        )

    return extension_request_transition(
        request=ExtensionRequest(
            posting=posting,
            new_end_date=new_end_date,
            receiving_unit_request=receiving_unit_request.strip(),
            cadre_willing=cadre_willing,
            conditions=extension_conditions_for(posting),
        ),
        action="request",
        acting_user=acting_user,
        reason=receiving_unit_request,
        apply=request_it,
    )


@transaction.atomic
def extension_request_consent(
    *, request: ExtensionRequest, consent: bool, reason: str = "", acting_user
) -> ExtensionRequest:
    """The dispatching contact agrees to the extension, or refuses with reasons, as their own step."""

    def give(request: ExtensionRequest, record: dict):
        if not consent and not reason.strip():
            raise ValidationError({"reason": gettext("不同意延期须填写理由。")})
        request.consent = ExtensionRequest.Consent.GIVEN if consent else ExtensionRequest.Consent.REFUSED
        request.consent_reason, request.consent_by, request.consent_at = (
            reason.strip(),
            _stamp(acting_user),
            timezone.now(),
        )
        record["consent"] = request.consent

    return extension_request_transition(
        request=request,
        action="consent" if consent else "refuse_consent",
        acting_user=acting_user,
        reason=reason,
        apply=give,
    )


@transaction.atomic
def extension_request_decide(*, request: ExtensionRequest, approve: bool, reason: str, acting_user) -> ExtensionRequest:
    """The org department decides; approval needs every condition that applied met — the dispatching
    unit's consent given, the annual results (linked again: one graded since counts) good enough, the
    cadre willing — and then extends the posting."""

    def decide(request: ExtensionRequest, record: dict):
        if not reason.strip():
            raise ValidationError({"reason": gettext("请填写决定理由。")})
        if approve:
            kinds = _kinds(request)
            missing = [
                label
                for kind, ok, label in [
                    (K.RECEIVING_REQUEST, request.receiving_unit_request.strip(), "接收单位申请"),
                    (K.DISPATCH_CONSENT, request.consent == ExtensionRequest.Consent.GIVEN, "派出单位同意"),
                    (K.CADRE_WILLING, request.cadre_willing, "本人自愿"),
                ]
                if kind in kinds and not ok
            ]
            if missing:
                raise ValidationError(f"延期条件不齐：缺少{'、'.join(missing)}。")
            results = _check_assessment(request)
            record["annual"] = [r.pk for r in results]
        request.decision_reason, request.decided_at = reason.strip(), timezone.now()
        request.decided_by = _stamp(acting_user)

    request = extension_request_transition(
        request=request, action="approve" if approve else "reject", acting_user=acting_user, reason=reason, apply=decide
    )
    if approve:
        posting_transition(
            posting=request.posting, action="extend", acting_user=acting_user, reason=reason, extension=request
        )
    return request


def postings_end_terms(*, today: date | None = None) -> int:
    """Move every posting whose term is over to 期满待鉴定 (run daily by Celery beat)."""
    today = today or timezone.localdate()
    ended = 0
    for posting in Posting.objects.filter(status=S.ON_POST, end_date__lt=today).only("pk"):
        try:
            posting_transition(posting=posting, action="end_term", acting_user=None, today=today)
            ended += 1
        except ValidationError:
            continue  # changed meanwhile (e.g. extended): nothing to do
    return ended


@transaction.atomic
def extension_condition_save(
    *,
    jurisdiction,
    kind: str,
    min_grade: str = "",
    order: int = 0,
    acting_user,
    condition: ExtensionCondition | None = None,
) -> ExtensionCondition:
    """Set one extension condition of a jurisdiction (admin); audited. Requests already made keep the
    conditions they were made under."""
    condition = condition or ExtensionCondition()
    condition.jurisdiction, condition.kind, condition.min_grade, condition.order = jurisdiction, kind, min_grade, order
    condition.full_clean()  # ExtensionCondition.clean: the lowest grade belongs to the assessment condition
    condition.save()
    audit_log_record(
        actor=acting_user,
        action="extension.condition",
        target=condition,
        data={"jurisdiction": getattr(jurisdiction, "pk", None), "kind": kind, "min_grade": min_grade},
    )
    return condition
