"""Termination by proposal (终止挂职建议) and the appointment formalities (任职手续), seed 004.

The county org department or the receiving unit proposes, with its reasons and the evidence on record
(the posting's absence and inspection records, an optional attachment); the org department that
organizes the batch approves — the posting is terminated through `posting_transition`, so everything
that follows a termination still happens — or rejects with its reasons. Both steps are attributed and
written to the posting's history."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.scoping import org_paths, roles_of
from cadres.models import Unit
from core import files
from core.reminders import Candidate, reminder_create_now
from core.workflow import transition_check

from ..access import (
    FORMALITY_STATUSES,
    TERMINABLE_STATUSES,
    may_propose_termination,
    posting_roles,
)
from ..models import AppointmentFormality, Posting, TerminationGrounds, TerminationProposal
from ..workflow import RECEIVE, TERMINATION_TRANSITIONS
from .postings import _history, posting_transition

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx", ".ofd")


def _check_attachment(upload, field: str = "attachment") -> str:
    name = upload.name.rsplit("/", 1)[-1][:200]
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({field: f"附件不能超过 {ATTACHMENT_MAX_BYTES // (1024 * 1024)} MB。"})
    if not name.lower().endswith(ATTACHMENT_TYPES):
        raise ValidationError({field: gettext("附件只能是 PDF、OFD、图片（JPG/PNG）、Word 或 Excel 文件。")})
    if error := files.upload_content_error(upload, name=name):
        raise ValidationError({field: error})
    return name


def _proposer(acting_user, posting: Posting, held: set[str]) -> tuple[str, Unit | None]:
    """Which side proposes, and its unit: the org department holding the posting (the nearest one to
    the receiving unit), else the receiving unit."""
    side = TerminationProposal.Side
    if acting_user is None:
        return side.ORG, posting.batch.organizer
    paths = org_paths(roles_of(acting_user))
    if paths:
        targets = (posting.receiving_unit.path, posting.dispatching_unit.path, posting.batch.organizer.path)
        holding = [p for p in paths if any(t.startswith(p) for t in targets)]
        if holding:
            return side.ORG, Unit.objects.filter(path=max(holding, key=len)).first()
    if RECEIVE in held:
        return side.RECEIVING, posting.receiving_unit
    return side.ORG, None  # the administrator


@transaction.atomic
def termination_propose(
    *,
    posting: Posting,
    grounds: str,
    reasons: str,
    acting_user,
    absences=(),
    inspections=(),
    attachment=None,
) -> TerminationProposal:
    """由各县委组织部、接收单位提出意见: a proposal to terminate, with reasons and evidence."""
    posting = (
        Posting.objects.select_for_update(of=("self",))
        .select_related("batch__organizer", "receiving_unit", "dispatching_unit", "cadre")
        .get(pk=posting.pk)
    )
    held = posting_roles(acting_user, posting)
    if not may_propose_termination(acting_user, posting, held):
        raise PermissionDenied(gettext("终止挂职建议由县（区）委组织部或接收单位提出。"))
    if posting.status not in TERMINABLE_STATUSES:
        raise ValidationError(f"挂职已{posting.get_status_display()}，不能再提出终止建议。")
    if posting.termination_proposals.filter(decision=TerminationProposal.Decision.PENDING).exists():
        raise ValidationError(gettext("该挂职已有一条待决定的终止建议。"))
    if grounds not in TerminationGrounds.values:
        raise ValidationError({"grounds": gettext("请选择终止原因。")})
    if not reasons.strip():
        raise ValidationError({"reasons": gettext("请填写意见和理由。")})
    absences, inspections = list(absences), list(inspections)
    if any(a.posting_id != posting.pk for a in absences):
        raise ValidationError({"absences": gettext("只能引用本挂职的未经批准离岗记录。")})
    if any(i.posting_id != posting.pk for i in inspections):
        raise ValidationError({"inspections": gettext("只能引用本挂职的督查抽查记录。")})
    name = _check_attachment(attachment) if attachment else ""
    side, unit = _proposer(acting_user, posting, held)
    proposal = TerminationProposal(
        posting=posting,
        proposer_side=side,
        proposer_unit=unit,
        grounds=grounds,
        reasons=reasons.strip(),
        attachment_name=name,
        proposed_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    if attachment:
        proposal.attachment.save(name, attachment, save=False)
    proposal.save()
    proposal.absences.set(absences)
    proposal.inspections.set(inspections)
    _history(
        posting,
        actor=acting_user,
        action="termination_proposed",
        from_status=posting.status,
        reason=proposal.reasons,
        data={
            "proposal": proposal.pk,
            "grounds": grounds,
            "side": side,
            "unit": unit.name if unit else "",
            "absences": [a.pk for a in absences],
            "inspections": [i.pk for i in inspections],
        },
    )
    return proposal


@transaction.atomic
def termination_proposal_decide(
    *, proposal: TerminationProposal, approve: bool, reason: str, acting_user, today: date | None = None
) -> TerminationProposal:
    """报市委组织部研究后，终止挂职: the organizing org department approves (the posting is terminated
    through its lifecycle service) or rejects, with its reasons. The proposer is told at once."""
    proposal = (
        TerminationProposal.objects.select_for_update(of=("self",))
        .select_related("posting__cadre", "posting__batch")
        .get(pk=proposal.pk)
    )
    transition = transition_check(
        TERMINATION_TRANSITIONS,
        "approve" if approve else "reject",
        status=proposal.decision,
        status_label=proposal.get_decision_display(),
        roles=posting_roles(acting_user, proposal.posting),
        subject="终止建议",
    )
    if not reason.strip():
        raise ValidationError({"reason": gettext("请填写决定理由。")})
    proposal.decision = transition.target
    proposal.decision_reason, proposal.decided_at = reason.strip(), timezone.now()
    proposal.decided_by = acting_user if getattr(acting_user, "pk", None) else None
    proposal.save()
    posting = proposal.posting
    if approve:
        posting_transition(
            posting=posting,
            action="terminate",
            acting_user=acting_user,
            reason=reason.strip(),
            today=today,
            grounds=proposal.grounds,
            proposal=proposal,
        )
    else:
        _history(
            posting,
            actor=acting_user,
            action="termination_rejected",
            from_status=posting.status,
            reason=reason.strip(),
            data={"proposal": proposal.pk},
        )
    if proposal.proposed_by_id and proposal.proposed_by_id != getattr(acting_user, "pk", None):
        reminder_create_now(
            Candidate(
                f"termination_decided:{proposal.pk}:{proposal.proposed_by_id}",
                proposal.proposed_by_id,
                "termination",
                f"终止{posting.cadre.name}挂职的建议：{proposal.get_decision_display()}",
                reason.strip()[:200],
                reverse("secondment:posting-detail", args=[posting.pk]),
                posting.pk,
                subject_type="secondment.posting",
            )
        )
    return proposal


@transaction.atomic
def appointment_formality_record(
    *, posting: Posting, date: date, doc_no: str, title: str, acting_user, attachment=None
) -> AppointmentFormality:
    """任职手续 (seed 004 "请各接收单位…履行任职手续"): recorded by the receiving unit only."""
    posting = Posting.objects.select_for_update(of=("self",)).get(pk=posting.pk)
    if not posting_roles(acting_user, posting) & {RECEIVE, "system"}:
        raise PermissionDenied(gettext("任职手续由接收单位办理和登记。"))
    if posting.status not in FORMALITY_STATUSES:
        raise ValidationError(gettext("组织部门任职后、挂职期满前才能登记任职手续。"))
    if not doc_no.strip():
        raise ValidationError({"doc_no": gettext("请填写文号。")})
    if not title.strip():
        raise ValidationError({"title": gettext("请填写文件标题。")})
    if posting.appointment_date and date < posting.appointment_date:
        raise ValidationError({"date": gettext("办理日期不能早于组织部门的任职日期。")})
    if date > timezone.localdate():
        raise ValidationError({"date": gettext("办理日期不能晚于今天。")})
    name = _check_attachment(attachment) if attachment else ""
    formality = AppointmentFormality(
        posting=posting,
        date=date,
        doc_no=doc_no.strip(),
        title=title.strip(),
        attachment_name=name,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    if attachment:
        formality.attachment.save(name, attachment, save=False)
    formality.save()
    _history(
        posting,
        actor=acting_user,
        action="formality",
        from_status=posting.status,
        data={"formality": formality.pk, "doc_no": formality.doc_no, "date": str(date), "title": formality.title},
    )
    return formality


__all__ = [
    "appointment_formality_record",
    "termination_proposal_decide",
    "termination_propose",
]
