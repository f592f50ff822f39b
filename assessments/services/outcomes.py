"""挂用结合: recording what became of a cadre after the secondment (挂职后使用情况)."""

from datetime import date as Date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from core.services import audit_log_record
from secondment.access import posting_roles
from secondment.models import Posting

from .. import access
from ..models import AfterSecondment


@transaction.atomic
def after_secondment_record(
    *,
    posting: Posting,
    outcome: str,
    date: Date,
    doc_no: str = "",
    new_post: str = "",
    notes: str = "",
    acting_user,
) -> AfterSecondment:
    """The org department records it once the posting is completed (assessments.access)."""
    if not access.may_record_outcome(posting_roles(acting_user, posting)):
        raise PermissionDenied(gettext("挂职后使用情况由组织部门记录。"))
    if posting.status != Posting.Status.COMPLETED:
        raise ValidationError(gettext("挂职结束后才能记录使用情况。"))
    record = AfterSecondment.objects.create(
        posting=posting,
        outcome=outcome,
        date=date,
        doc_no=doc_no,
        new_post=new_post,
        notes=notes,
        recorded_by=acting_user if getattr(acting_user, "pk", None) else None,
    )
    audit_log_record(actor=acting_user, action="after.record", target=posting, data={"outcome": record.outcome})
    return record
