"""Writes of the support records (issue 15): 座谈会 with attendees and attachments, 情况反馈 and its
acknowledgement, 轮岗 (no overlaps, within the term), 生活保障, 结对. Each asserts
`secondment.access_support` and leaves an audit row in its transaction."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Role, RoleAssignment
from core import files
from core.reminders import Candidate, reminder_create_now
from core.services import audit_log_record

from ..access import UNIT_SIDE, posting_roles, postings_visible_to
from ..access_support import (
    feedback_actions,
    feedback_source_for,
    may_convene,
    pairing_actions,
    posting_support_actions,
)
from ..models import (
    Batch,
    BatchOffer,
    BatchQuota,
    LivingSupport,
    Posting,
    PostingFeedback,
    PostingRotation,
    Symposium,
    SymposiumAttachment,
    UnitPairing,
)

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ATTACHMENT_TYPES = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx")


def _actor(user):
    return user if getattr(user, "pk", None) else None


# --- 座谈会 ---------------------------------------------------------------------------------------


def _check_symposium(
    *, organizer, batch: Batch | None, day: date, title: str, place: str, topics: str, attendees, acting_user
):
    if not may_convene(acting_user, organizer):
        raise PermissionDenied(gettext("座谈会由组织部门在其管辖范围内召开。"))
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = gettext("请填写会议名称。")
    if not place.strip():
        errors["place"] = gettext("请填写地点。")
    if not topics.strip():
        errors["topics"] = gettext("请填写议题。")
    if batch is not None and not batch.organizer.path.startswith(organizer.path):
        errors["batch"] = gettext("批次须由本组织单位或其下级组织。")
    visible = postings_visible_to(acting_user) if acting_user is not None else Posting.objects.all()
    visible_ids = set(visible.filter(pk__in=[p.pk for p in attendees]).values_list("pk", flat=True))
    for posting in attendees:
        if posting.pk not in visible_ids:
            errors["attendees"] = gettext("参会人员须是您管辖范围内的挂职干部。")
        elif batch is not None and posting.batch_id != batch.pk:
            errors["attendees"] = gettext("%(name)s 不属于所选批次。") % {"name": posting.cadre.name}
        elif not posting.start_date <= day <= posting.end_date:
            errors["attendees"] = gettext("%(name)s 在会议当天不在挂职期内。") % {"name": posting.cadre.name}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def symposium_create(
    *,
    organizer,
    batch: Batch | None,
    title: str,
    date: date,
    place: str,
    topics: str,
    minutes: str = "",
    other_attendees: str = "",
    attendees=(),
    acting_user,
) -> Symposium:
    attendees = list(attendees)
    _check_symposium(
        organizer=organizer,
        batch=batch,
        day=date,
        title=title,
        place=place,
        topics=topics,
        attendees=attendees,
        acting_user=acting_user,
    )
    symposium = Symposium.objects.create(
        organizer=organizer,
        batch=batch,
        title=title.strip(),
        date=date,
        place=place.strip(),
        topics=topics.strip(),
        minutes=minutes.strip(),
        other_attendees=other_attendees.strip(),
        recorded_by=_actor(acting_user),
    )
    symposium.attendees.set(attendees)
    audit_log_record(
        actor=acting_user, action="symposium.create", target=symposium, data={"attendees": [p.pk for p in attendees]}
    )
    return symposium


@transaction.atomic
def symposium_update(
    *,
    symposium: Symposium,
    organizer,
    batch: Batch | None,
    title: str,
    date: date,
    place: str,
    topics: str,
    minutes: str = "",
    other_attendees: str = "",
    attendees=(),
    acting_user,
) -> Symposium:
    symposium = Symposium.objects.select_for_update(of=("self",)).select_related("organizer").get(pk=symposium.pk)
    if not may_convene(acting_user, symposium.organizer):
        raise PermissionDenied
    attendees = list(attendees)
    _check_symposium(
        organizer=organizer,
        batch=batch,
        day=date,
        title=title,
        place=place,
        topics=topics,
        attendees=attendees,
        acting_user=acting_user,
    )
    symposium.organizer, symposium.batch, symposium.date = organizer, batch, date
    symposium.title, symposium.place, symposium.topics = title.strip(), place.strip(), topics.strip()
    symposium.minutes, symposium.other_attendees = minutes.strip(), other_attendees.strip()
    symposium.save()
    symposium.attendees.set(attendees)
    audit_log_record(
        actor=acting_user, action="symposium.update", target=symposium, data={"attendees": [p.pk for p in attendees]}
    )
    return symposium


@transaction.atomic
def symposium_attach(*, symposium: Symposium, upload, acting_user) -> SymposiumAttachment:
    if not may_convene(acting_user, symposium.organizer):
        raise PermissionDenied
    name = upload.name.rsplit("/", 1)[-1][:200]
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise ValidationError({"file": gettext("附件不能超过 10 MB。")})
    if not name.lower().endswith(ATTACHMENT_TYPES):
        raise ValidationError({"file": gettext("附件只能是 PDF、图片（JPG/PNG）、Word 或 Excel 文件。")})
    if error := files.upload_content_error(upload, name=name):
        raise ValidationError({"file": error})
    attachment = SymposiumAttachment(symposium=symposium, name=name, size=upload.size, uploaded_by=_actor(acting_user))
    attachment.file.save(name, upload, save=False)
    attachment.save()
    audit_log_record(actor=acting_user, action="symposium.attach", target=symposium, data={"name": name})
    return attachment


# --- 情况反馈 -------------------------------------------------------------------------------------


@transaction.atomic
def feedback_create(
    *, posting: Posting, period_start: date, period_end: date, content: str, acting_user, today: date | None = None
) -> PostingFeedback:
    """The receiving unit or the org department reports on the cadre to the dispatching unit."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    held = posting_roles(acting_user, posting)
    source = feedback_source_for(acting_user, posting, held)
    if source is None:
        raise PermissionDenied(gettext("情况反馈由接收单位或组织部门填写。"))
    if "feedback" not in posting_support_actions(acting_user, posting, held):
        raise ValidationError(gettext("挂职干部任职后才能反馈情况。"))
    today = today or timezone.localdate()
    errors = {}
    if period_end < period_start:
        errors["period_end"] = gettext("反馈期间的结束日期不能早于开始日期。")
    elif period_start < posting.start_date or period_end > posting.end_date:
        errors["period_start"] = gettext("反馈期间须在挂职期内（%(start)s 至 %(end)s）。") % {
            "start": posting.start_date,
            "end": posting.end_date,
        }
    elif period_start > today:
        errors["period_start"] = gettext("反馈期间尚未开始。")
    if not content.strip():
        errors["content"] = gettext("请填写现实表现和工作情况。")
    if errors:
        raise ValidationError(errors)
    feedback = PostingFeedback.objects.create(
        posting=posting,
        source=source,
        period_start=period_start,
        period_end=period_end,
        content=content.strip(),
        written_by=_actor(acting_user),
    )
    audit_log_record(actor=acting_user, action="feedback.create", target=posting, data={"feedback": feedback.pk})
    _tell_dispatching_contacts(feedback)
    return feedback


def _tell_dispatching_contacts(feedback: PostingFeedback) -> None:
    """The dispatching unit's contacts hear of the feedback at once (sent after commit)."""
    posting = feedback.posting
    contacts = RoleAssignment.objects.filter(
        role=Role.DISPATCH_CONTACT, unit_id=posting.dispatching_unit_id, user__is_active=True
    ).values_list("user_id", flat=True)
    for user_id in contacts:
        reminder_create_now(
            Candidate(
                f"feedback:{feedback.pk}:{user_id}",
                user_id,
                "posting_feedback",
                f"{feedback.get_source_display()}反馈了{posting.cadre.name}的挂职情况"
                f"（{feedback.period_start:%Y.%m.%d}–{feedback.period_end:%Y.%m.%d}）",
                feedback.content[:200],
                reverse("secondment:feedback-list") + "?pending=1",
                posting.pk,
                subject_type="secondment.posting",
            )
        )


@transaction.atomic
def feedback_acknowledge(*, feedback: PostingFeedback, reply: str = "", acting_user) -> PostingFeedback:
    """The dispatching unit's contact acknowledges the feedback (签收), with a reply if they wish."""
    feedback = PostingFeedback.objects.select_for_update(of=("self",)).select_related("posting").get(pk=feedback.pk)
    if feedback.acknowledged_at is not None:
        raise ValidationError(gettext("该情况反馈已确认。"))
    if "acknowledge" not in feedback_actions(acting_user, feedback):
        raise PermissionDenied(gettext("情况反馈由派出单位联系人确认。"))
    feedback.acknowledged_by, feedback.acknowledged_at = _actor(acting_user), timezone.now()
    feedback.reply = reply.strip()
    feedback.save(update_fields=["acknowledged_by", "acknowledged_at", "reply", "updated_at"])
    audit_log_record(
        actor=acting_user, action="feedback.acknowledge", target=feedback.posting, data={"feedback": feedback.pk}
    )
    return feedback


# --- 轮岗 -----------------------------------------------------------------------------------------


def _check_rotation(posting: Posting, *, post: str, duties: str, start: date, end: date | None, exclude=None):
    errors: dict[str, str] = {}
    if not post.strip():
        errors["post"] = gettext("请填写岗位。")
    if not duties.strip():
        errors["duties"] = gettext("请填写分管工作。")
    if end is not None and end < start:
        errors["end_date"] = gettext("结束日期不能早于开始日期。")
    elif start < posting.start_date or (end or start) > posting.end_date or start > posting.end_date:
        errors["start_date"] = gettext("轮岗期间须在挂职期内（%(start)s 至 %(end)s）。") % {
            "start": posting.start_date,
            "end": posting.end_date,
        }
    if errors:
        raise ValidationError(errors)
    until = end or posting.end_date
    others = PostingRotation.objects.filter(posting=posting).exclude(pk=exclude)
    for other in others:
        other_until = other.end_date or posting.end_date
        if other.start_date <= until and start <= other_until:
            raise ValidationError(
                {
                    "start_date": gettext("与已有的轮岗“%(post)s”（%(start)s 至 %(end)s）时间重叠。")
                    % {"post": other.post, "start": other.start_date, "end": other.end_date or gettext("至今")}
                }
            )


def _rotation_posting(posting: Posting, acting_user) -> Posting:
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    held = posting_roles(acting_user, posting)
    if not held & UNIT_SIDE:
        raise PermissionDenied(gettext("轮岗由接收单位安排。"))
    if "rotate" not in posting_support_actions(acting_user, posting, held):
        raise ValidationError(gettext("挂职%(status)s，不能再调整轮岗。") % {"status": posting.get_status_display()})
    return posting


@transaction.atomic
def rotation_add(
    *,
    posting: Posting,
    post: str,
    duties: str,
    start_date: date,
    end_date: date | None = None,
    notes: str = "",
    acting_user,
) -> PostingRotation:
    posting = _rotation_posting(posting, acting_user)
    _check_rotation(posting, post=post, duties=duties, start=start_date, end=end_date)
    rotation = PostingRotation.objects.create(
        posting=posting,
        post=post.strip(),
        duties=duties.strip(),
        start_date=start_date,
        end_date=end_date,
        notes=notes.strip(),
        recorded_by=_actor(acting_user),
    )
    audit_log_record(actor=acting_user, action="rotation.add", target=posting, data={"rotation": rotation.pk})
    return rotation


@transaction.atomic
def rotation_update(
    *,
    rotation: PostingRotation,
    post: str,
    duties: str,
    start_date: date,
    end_date: date | None = None,
    notes: str = "",
    acting_user,
) -> PostingRotation:
    posting = _rotation_posting(rotation.posting, acting_user)
    rotation = PostingRotation.objects.select_for_update().get(pk=rotation.pk, posting=posting)
    _check_rotation(posting, post=post, duties=duties, start=start_date, end=end_date, exclude=rotation.pk)
    rotation.post, rotation.duties, rotation.notes = post.strip(), duties.strip(), notes.strip()
    rotation.start_date, rotation.end_date = start_date, end_date
    rotation.save()
    audit_log_record(actor=acting_user, action="rotation.update", target=posting, data={"rotation": rotation.pk})
    return rotation


# --- 生活保障 -------------------------------------------------------------------------------------


@transaction.atomic
def living_support_set(
    *,
    posting: Posting,
    housing: str,
    transport: str,
    travel_payer: str,
    housing_detail: str = "",
    transport_allowance: Decimal | None = None,
    travel_detail: str = "",
    notes: str = "",
    acting_user,
) -> LivingSupport:
    """The receiving unit records (or changes) the posting's housing, transport and travel arrangements."""
    posting = Posting.objects.select_for_update().get(pk=posting.pk)
    held = posting_roles(acting_user, posting)
    if not held & UNIT_SIDE:
        raise PermissionDenied(gettext("生活保障由接收单位填报。"))
    if "living_support" not in posting_support_actions(acting_user, posting, held):
        raise ValidationError(gettext("挂职已结束，不能再修改生活保障。"))
    errors = {}
    if housing == LivingSupport.Housing.OTHER and not housing_detail.strip():
        errors["housing_detail"] = gettext("住房选“其他”时请说明。")
    if transport == LivingSupport.Transport.ALLOWANCE and not transport_allowance:
        errors["transport_allowance"] = gettext("发放交通补贴时请填写每月金额。")
    if transport_allowance is not None and transport_allowance < 0:
        errors["transport_allowance"] = gettext("金额不能为负数。")
    if errors:
        raise ValidationError(errors)
    values = {
        "housing": housing,
        "housing_detail": housing_detail.strip(),
        "transport": transport,
        "transport_allowance": transport_allowance if transport == LivingSupport.Transport.ALLOWANCE else None,
        "travel_payer": travel_payer,
        "travel_detail": travel_detail.strip(),
        "notes": notes.strip(),
        "updated_by": _actor(acting_user),
    }
    support, created = LivingSupport.objects.update_or_create(posting=posting, defaults=values)
    support.full_clean()
    audit_log_record(
        actor=acting_user,
        action="living_support.set",
        target=posting,
        data={"created": created, **{k: str(v) for k, v in values.items() if k != "updated_by"}},
    )
    return support


# --- 结对 -----------------------------------------------------------------------------------------


@transaction.atomic
def pairing_add(*, batch: Batch, dispatching_unit, receiving_unit, notes: str = "", acting_user) -> UnitPairing:
    """Pair a dispatching unit with a quota in the batch and a receiving unit with a post in it."""
    if "manage" not in pairing_actions(acting_user, batch):
        raise PermissionDenied(gettext("结对由对口帮扶批次的组织部门设置。"))
    errors = {}
    if not BatchQuota.objects.filter(batch=batch, dispatching_unit=dispatching_unit).exists():
        errors["dispatching_unit"] = gettext("该单位在本批次没有选派名额，请先设置名额。")
    if not BatchOffer.objects.filter(batch=batch, receiving_unit=receiving_unit).exists():
        errors["receiving_unit"] = gettext("该单位在本批次没有挂职岗位，请先添加岗位。")
    if dispatching_unit.pk == receiving_unit.pk:
        errors["receiving_unit"] = gettext("派出单位和接收单位不能相同。")
    if UnitPairing.objects.filter(
        batch=batch, dispatching_unit=dispatching_unit, receiving_unit=receiving_unit
    ).exists():
        errors["receiving_unit"] = gettext("这两个单位已经结对。")
    if errors:
        raise ValidationError(errors)
    pairing = UnitPairing.objects.create(
        batch=batch,
        dispatching_unit=dispatching_unit,
        receiving_unit=receiving_unit,
        notes=notes.strip(),
        created_by=_actor(acting_user),
    )
    audit_log_record(
        actor=acting_user,
        action="pairing.add",
        target=batch,
        data={"dispatching": dispatching_unit.pk, "receiving": receiving_unit.pk},
    )
    return pairing


@transaction.atomic
def pairing_remove(*, pairing: UnitPairing, acting_user) -> None:
    if "manage" not in pairing_actions(acting_user, pairing.batch):
        raise PermissionDenied
    audit_log_record(
        actor=acting_user,
        action="pairing.remove",
        target=pairing.batch,
        data={"dispatching": pairing.dispatching_unit_id, "receiving": pairing.receiving_unit_id},
    )
    pairing.delete()
