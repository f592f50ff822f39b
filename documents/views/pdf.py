"""The forms as PDF, each for whoever may see its record (404 otherwise)."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext
from django.views.generic import View

from core.view_helpers import parse_id, query_id

from ..access import (
    appraisal_document_actions,
    appraisal_for_documents,
    batch_for_documents,
    cadre_for_appointment_form,
    vote_document_actions,
    vote_for_documents,
)

MAX_COPIES = 9


def _copies(request) -> int:
    """How many copies `?copies=N` asks for (一式N份): 1 unless N is 2 to MAX_COPIES."""
    copies = query_id(request, "copies") or 1
    return copies if 1 < copies <= MAX_COPIES else 1


def _pdf(content: bytes, filename: str) -> HttpResponse:
    from django.utils.http import content_disposition_header

    response = HttpResponse(content, content_type="application/pdf")
    # a Chinese file name (the cadre's) goes as RFC 6266 filename*, with an ASCII fallback
    response["Content-Disposition"] = content_disposition_header(False, filename)
    return response


class AppraisalFormPdfView(View):
    """The appraisal form, one copy or several (`?copies=N`, up to MAX_COPIES) for signing."""

    def get(self, request, pk: int):
        from ..appraisal_form import appraisal_form_copies_pdf

        appraisal = appraisal_for_documents(user=request.user, pk=pk)
        pdf = appraisal_form_copies_pdf(appraisal, copies=_copies(request))
        return _pdf(pdf, f"appraisal-{appraisal.pk}.pdf")


class DemocraticTallyPdfView(View):
    """民主测评汇总表 of the appraisal, for whoever sees it (blank, marked 未录入, until the democratic
    step is entered)."""

    def get(self, request, pk: int):
        from ..democratic import democratic_tally_pdf

        appraisal = appraisal_for_documents(user=request.user, pk=pk)
        return _pdf(democratic_tally_pdf(appraisal), f"democratic-{appraisal.pk}.pdf")


class BallotsPdfView(View):
    """Blank ballots (民主测评票) for the meeting, while the appraisal is open: `?count=N` of them, else
    one per person expected (应到), else a page (documents.democratic.ballot_count)."""

    def get(self, request, pk: int):
        from ..democratic import ballot_count, ballots_pdf

        appraisal = appraisal_for_documents(user=request.user, pk=pk)
        if "ballot_pdf" not in appraisal_document_actions(request.user, appraisal):
            raise Http404(gettext("鉴定已定稿或已终止，不再印制测评票"))
        count = request.GET.get("count", "")
        requested = parse_id(count)
        pdf = ballots_pdf(appraisal, count=ballot_count(appraisal, requested))
        return _pdf(pdf, f"ballots-{appraisal.pk}.pdf")


class VoteSlipsPdfView(View):
    """The 测评码 slips of a phone vote (民主测评（扫码）), for its organizer while it is open: the unused
    codes, each with its QR code. The codes are the ballots' keys: the file is not cached, and who
    printed them when is in the audit log."""

    def get(self, request, pk: int):
        from core.services import audit_log_record

        from ..vote_slips import site_base_url, unused_codes, vote_slips_pdf

        vote = vote_for_documents(user=request.user, pk=pk)
        if "slips" not in vote_document_actions(request.user, vote):
            raise Http404(gettext("测评已结束，不再印制测评码"))
        if not unused_codes(vote):
            raise Http404(gettext("测评码均已使用"))
        pdf = vote_slips_pdf(vote, base_url=site_base_url(request))
        audit_log_record(actor=request.user, action="print.vote_slips", target=vote.appraisal, data={"vote": vote.pk})
        response = _pdf(pdf, f"vote-{vote.pk}-slips.pdf")
        response["Cache-Control"] = "no-store"
        return response


class BatchSummaryPdfView(View):
    """The batch's appraisal results, one row per posting the user sees."""

    def get(self, request, batch_pk: int):
        from secondment.selectors import posting_list_for_user

        from ..appraisal_form import batch_summary_pdf

        batch = batch_for_documents(user=request.user, pk=batch_pk)
        postings = (
            posting_list_for_user(user=request.user)
            .filter(batch=batch)
            .select_related("cadre__political_status")
            .prefetch_related("appraisals__final_grade")
            .order_by("dispatching_unit__path", "cadre__name")
        )
        return _pdf(batch_summary_pdf(batch, postings), f"batch-{batch.pk}-summary.pdf")


class RegistrationFormPdfView(View):
    """《挂职干部基本情况登记表》, for whoever may see the nomination; one copy or several (`?copies=3`:
    the notice asks for it 一式三份, seed 001), each marked 第N份，共M份."""

    def get(self, request, pk: int):
        from secondment.selectors import nomination_get_for_user, registration_form_context

        from ..pdf import render_pdf_copies

        nomination = nomination_get_for_user(user=request.user, pk=pk)
        context = registration_form_context(nomination=nomination)
        pdf = render_pdf_copies("documents/pdf/registration_form.html", context, copies=_copies(request))
        return _pdf(pdf, f"registration-{nomination.pk}.pdf")


class WorkReportPdfView(View):
    """One work report, for whoever may see the report; signed by the cadre and dated, like its print
    page, with the date left blank while the text on it is not submitted (a draft, or returned)."""

    def get(self, request, pk: int):
        from reports.models import WorkReport
        from reports.selectors import work_report_get_for_user

        from ..pdf import render_pdf

        report = work_report_get_for_user(user=request.user, pk=pk)
        submitted = report.status in (WorkReport.Status.SUBMITTED, WorkReport.Status.ACCEPTED)
        context = {"report": report, "signed_at": report.submitted_at if submitted else None}
        return _pdf(render_pdf("documents/pdf/work_report.html", context), f"report-{report.pk}.pdf")


class CadreAppointmentFormPdfView(View):
    """The cadre's 干部任免审批表, for whoever may read the cadre's particulars (404 otherwise)."""

    def get(self, request, pk: int):
        from ..appointment_form import appointment_form_filename, appointment_form_pdf

        cadre = cadre_for_appointment_form(user=request.user, pk=pk)
        return _pdf(appointment_form_pdf(cadre), appointment_form_filename(cadre))
