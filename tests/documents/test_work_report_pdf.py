"""A single work report as PDF is signed and dated like its print page (issue 14, third point): the
cadre's name on the signature line, the submission date, or a blank date while it is not submitted."""

import io
import re

from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader


def _text(client, report) -> str:
    response = client.get(reverse("documents:work-report-pdf", args=[report.pk]))
    assert response.status_code == 200, response.status_code
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return re.sub(r"[ \t]+", "", text)  # the centred name and date come out with padding spaces


def _reports(w):
    return w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start")


def test_a_submitted_report_is_signed_and_dated(client, reminder_world):
    from reports.services import work_report_submit

    w = reminder_world
    report = work_report_submit(
        report=_reports(w).first(), version=0, acting_user=w.cadre_user, main_work="走访农户三十户", next_plans="继续"
    )
    client.force_login(w.org_county_a)
    text = _text(client, report)
    on = timezone.localtime(report.submitted_at)
    assert "走访农户三十户" in text
    assert f"签名：{w.cadre_a.name}" in text
    assert f"日期：{on.year}年{on.month}月{on.day}日" in text


def test_a_report_not_submitted_leaves_the_date_blank(client, reminder_world):
    w = reminder_world
    client.force_login(w.org_county_a)
    text = _text(client, _reports(w).first())
    assert f"签名：{w.cadre_a.name}" in text
    assert re.search(r"日期：(.*)", text).group(1) == ""


def test_a_returned_report_leaves_the_date_blank_until_resubmitted(client, reminder_world):
    """The text on a returned report is being revised: the date of the rejected submission is not its date."""
    from reports.services import work_report_return, work_report_submit

    w = reminder_world
    report = work_report_submit(
        report=_reports(w).first(), version=0, acting_user=w.cadre_user, main_work="走访", next_plans="继续"
    )
    report = work_report_return(report=report, comments="请补充成效", acting_user=w.org_county_a)
    client.force_login(w.org_county_a)
    assert re.search(r"日期：(.*)", _text(client, report)).group(1) == ""


def test_outside_the_reports_scope_the_pdf_is_404(client, reminder_world):
    from tests.factories import make_user

    w = reminder_world
    report = w.posting.reports.order_by("period_start").first()
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert client.get(reverse("documents:work-report-pdf", args=[report.pk])).status_code == 404
    client.force_login(w.org_county_a)
    assert client.get(reverse("documents:work-report-pdf", args=[report.pk])).status_code == 200
