"""Annual results and extension requests driven through their services (never by writing a status)."""

from assessments.models import AnnualAssessment, GradeScale
from assessments.services import annual
from secondment.services import postings

UNSET = object()


def grade(name: str):
    return GradeScale.objects.get(is_default=True).grades.get(name=name)


def graded_annual(posting, year: int, name: str = "优秀", *, receive=None, dispatch=None, org=UNSET):
    """The receiving unit proposes and, after the dispatching unit's opinion, determines `name`; the
    org department records it unless `org` is left out (None is the system)."""
    a = annual.annual_propose(posting=posting, year=year, grade=grade(name), comments="实绩突出", acting_user=receive)
    a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=dispatch)
    a = annual.annual_determine(assessment=a, grade=grade(name), acting_user=receive)
    if org is not UNSET:
        a = annual.annual_record(assessment=a, acting_user=org)
    return AnnualAssessment.objects.get(pk=a.pk)


def extension_requested(posting, new_end_date, *, receive=None, reason="工作需要"):
    return postings.extension_request_create(
        posting=posting,
        new_end_date=new_end_date,
        receiving_unit_request=reason,
        cadre_willing=True,
        acting_user=receive,
    )


def extension_approved(posting, new_end_date, *, receive=None, dispatch=None, org=None, year=None):
    """A good annual result, then request, consent and approval: the posting is extended."""
    if year is not None:
        graded_annual(posting, year, receive=receive, dispatch=dispatch, org=org)
    request = extension_requested(posting, new_end_date, receive=receive)
    request = postings.extension_request_consent(request=request, consent=True, reason="同意", acting_user=dispatch)
    return postings.extension_request_decide(request=request, approve=True, reason="同意延期", acting_user=org)
