"""Who may get and act on the printed forms (STYLE.md "Access next to the entity").

- the appraisal form PDF, the democratic evaluation's tally (民主测评汇总表) and the transfer list:
  whoever sees the appraisal (`assessments.access`), the same 404 for "missing" and "not yours";
  blank ballots (民主测评票) too, while the appraisal is open (`appraisal_document_actions`);
  `file_transfer_actions`: "record" a hand-off to the personnel file, for the org department once the
  appraisal is finalized (others only read);
- the 测评码 slips of a phone vote (民主测评（扫码）): the vote's organizing side only
  (`assessments.access.democratic_vote_get_for_user`, 404 for anyone else), while the vote is open
  (`vote_document_actions`: a closed vote's codes are spent or void);
- the batch summary PDF: whoever sees the batch (its rows are the postings they see);
  `batch_document_actions`: "summary_pdf", and "print" (a batch print job) for the batch's organizer;
- the 干部任免审批表 of a cadre (`cadre_for_appointment_form`): whoever may read the cadre's particulars
  (`cadres.access.cadre_actions` "read_particulars": the managers of the cadre's unit, org staff who see
  the cadre, the cadre themself), 404 for anyone else; a batch's nominees' forms as a zip
  (`batch_document_actions` "appointment_zip"): whoever sees the batch, holding the nominees whose
  particulars they may read (`nominees_for_appointment_forms`);
- print jobs: their owner only (`print_jobs_visible_to`, `print_job_get_for_user`);
- verification (`archive_actions`): org staff and the administrator; a match is told only within the user's scope
  (`archived_forms_visible_to`).
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext

from accounts.models import Role
from accounts.roles import roles_of
from accounts.scoping import unit_ids
from assessments.access import (
    appraisal_get_for_user,
    appraisals_visible_to,
    democratic_vote_get_for_user,
    vote_actions,
)
from cadres.access import cadre_actions, cadre_get_for_user, cadres_particulars_readable_by
from core.workflow import SYSTEM
from secondment.access import batch_get_for_user, manages_batch, nominations_visible_to, posting_roles
from secondment.workflow import ORG

from .models import ArchivedForm, PrintJob


def appraisal_for_documents(*, user, pk: int, queryset: QuerySet | None = None):
    """The appraisal whose form (or transfer list) the user asks for; 404 if missing or out of scope."""
    return appraisal_get_for_user(user=user, pk=pk, queryset=queryset)


def appraisal_document_actions(user, appraisal) -> set[str]:
    """What the user may print of an appraisal they see: "appraisal_pdf" and "democratic_pdf" always,
    "ballot_pdf" while it is open (a finalized or closed appraisal holds no more meetings), "transfer"
    (the hand-off list) once finalized, and `file_transfer_actions` as "transfer_<action>"."""
    actions = {"appraisal_pdf", "democratic_pdf"}
    if appraisal.status == appraisal.Status.OPEN:
        actions.add("ballot_pdf")
    if appraisal.is_locked:
        actions.add("transfer")
    return actions | {f"transfer_{a}" for a in file_transfer_actions(user, appraisal)}


def vote_for_documents(*, user, pk: int):
    """The phone vote whose slips the user asks for: its organizer's alone; 404 otherwise."""
    return democratic_vote_get_for_user(user=user, pk=pk)


def vote_document_actions(user, vote) -> set[str]:
    """ "slips" (the codes to print) for the vote's organizer while the vote is open — before and during
    its window; never once it is closed."""
    actions = vote_actions(user, vote.appraisal, vote)
    return {"slips"} if "slips" in actions and vote.status == vote.Status.OPEN else set()


def may_record_transfer(user, appraisal) -> bool:
    """The hand-off to the personnel file is recorded by the org department (or the system)."""
    return bool(posting_roles(user, appraisal.posting) & {ORG, SYSTEM})


def file_transfer_actions(user, appraisal) -> set[str]:
    """ "record" once the appraisal is finalized, for whoever may record it; everyone who sees the
    appraisal reads and prints the list."""
    return {"record"} if appraisal.is_locked and may_record_transfer(user, appraisal) else set()


def batch_for_documents(*, user, pk: int):
    return batch_get_for_user(user=user, pk=pk)


def may_print_batch(user, batch) -> bool:
    """A batch print of appraisal forms is for the batch's organizing org department."""
    return user is not None and manages_batch(user, batch.pk)


def batch_document_actions(user, batch) -> set[str]:
    """For a batch the user sees: "summary_pdf" always; "appointment_zip" (the nominees' 任免审批表 the
    user may have, `nominees_for_appointment_forms`) for org staff and dispatching contacts, who propose
    and file them; "print" for its organizer."""
    actions = {"summary_pdf"}
    roles = roles_of(user)
    if roles.is_admin or roles.is_org_staff or unit_ids(roles, Role.DISPATCH_CONTACT):
        actions.add("appointment_zip")
    if may_print_batch(user, batch):
        actions.add("print")
    return actions


def print_jobs_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """A print job is its owner's alone (the administrator included: nobody else's zip)."""
    qs = queryset if queryset is not None else PrintJob.objects.all()
    return qs.filter(owner=user) if getattr(user, "pk", None) else qs.none()


def print_job_get_for_user(*, user, pk: int, queryset: QuerySet | None = None) -> PrintJob:
    job = print_jobs_visible_to(user, queryset).filter(pk=pk).select_related("batch").first()
    if job is None:
        raise Http404(gettext("任务不存在"))
    return job


def print_job_actions(user, job: PrintJob) -> set[str]:
    """ "download" once the zip is ready, for the owner."""
    if job.owner_id != getattr(user, "pk", None):
        return set()
    return {"download"} if job.status == PrintJob.Status.DONE and job.file else set()


def archived_forms_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """Archived forms of the appraisals the user sees (None, the system: all of them)."""
    qs = queryset if queryset is not None else ArchivedForm.objects.all()
    if user is None:
        return qs
    return qs.filter(appraisal__in=appraisals_visible_to(user))


def print_job_files_visible_to(user, queryset: QuerySet | None = None) -> QuerySet:
    """A print job's zip: its owner's, once done."""
    return print_jobs_visible_to(user, queryset).filter(status=PrintJob.Status.DONE)


def archive_actions(user) -> set[str]:
    """ "verify" (核验) a printed form against the archive: the org department's personnel-file work
    (the answer is still limited to the forms the user sees)."""
    roles = roles_of(user)
    return {"verify"} if roles.is_admin or roles.is_org_staff else set()


# --- 干部任免审批表 -----------------------------------------------------------------------------------

APPOINTMENT_FORM_RELATED = ("unit", "ethnicity", "education", "degree", "particulars")
APPOINTMENT_FORM_PREFETCH = ("resume_entries", "family_members", "rewards_punishments")


def cadre_for_appointment_form(*, user, pk: int):
    """The cadre whose 任免审批表 the user asks for, with what the form prints; 404 when missing, out of
    scope, or when the user may not read the cadre's particulars (family members, ID number): the same
    answer, since the form is no part of what they see of the cadre."""
    from cadres.models import Cadre

    queryset = Cadre.objects.select_related(*APPOINTMENT_FORM_RELATED).prefetch_related(*APPOINTMENT_FORM_PREFETCH)
    cadre = cadre_get_for_user(user=user, pk=pk, queryset=queryset)
    if "read_particulars" not in cadre_actions(user, cadre):
        raise Http404(gettext("干部不存在或不在您的权限范围内"))
    return cadre


def nominees_for_appointment_forms(user, batch) -> QuerySet:
    """A batch's nominees (nominated, selected or posted: not withdrawn nor passed over, as the batch's
    .lrmx zip) whose 任免审批表 the user may have: nominations the user sees, of cadres whose particulars
    they may read (cadres.access.cadres_particulars_readable_by)."""
    from secondment.models import Nomination

    statuses = (Nomination.Status.NOMINATED, Nomination.Status.SELECTED, Nomination.Status.POSTED)
    return nominations_visible_to(user).filter(
        batch=batch, status__in=statuses, cadre__in=cadres_particulars_readable_by(user)
    )
