"""The 干部任免审批表 (issue 19): what it prints, ages at 计算年龄时间, the photo, who gets it (404 outside
scope), and a batch's nominees as a zip of PDFs."""

import io
import zipfile
from datetime import date

import pdfplumber
from django.urls import reverse

from documents.appointment_form import appointment_form_fields, appointment_form_pdf
from tests.documents.appointment_data import RESUME_TEXT, form_cadre
from tests.documents.pdf_layout import page_lines
from tests.factories import make_cadre, make_user


def _text(pdf: bytes) -> list[str]:
    """Each page's table cells, their wrapped lines joined, one cell a line; then the text outside the
    table (title, 填表人, footer)."""
    import re

    pages = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page, lines in zip(doc.pages, page_lines(pdf), strict=True):
            cells = [re.sub(r"\s+", "", c or "") for t in page.extract_tables() for row in t for c in row]
            pages.append("\n".join([*cells, *(line.flat for line in lines)]))
    return pages


def _images(pdf: bytes) -> list[int]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [len(page.images) for page in doc.pages]


def test_the_form_prints_the_particulars_on_page_1_and_the_rest_on_page_2(world):
    cadre = form_cadre(world.unit_a)
    pages = _text(appointment_form_pdf(cadre))
    assert len(pages) == 2
    first, second = pages
    for text in (
        "干部任免审批表",
        "欧阳明",
        "1975.03（51岁）",  # 出生年月(岁), the age at the 计算年龄时间 2026.12
        "某某省某某县",
        "1998.06",
        "1997.07",
        "农艺师",
        "大学农学学士",
        "某某农业大学农学系农学专业",
        "研究生农业推广硕士",
        "甲县农业农村局副局长",
        "某某镇党委副书记（挂职）",
        "1993.09--1994.07",
        "1996.09--",  # the open period of the last line
    ):
        assert text in first, text
    assert RESUME_TEXT[:10] in first
    for text in (
        "2021.06被评为“优秀共产党员”（中共某某县委，某委〔2021〕12号）",
        "2024年度考核优秀",
        "工作需要。",
        "妻子张家人176中共党员某某县第一中学教师",  # 称谓 姓名 年龄 政治面貌 工作单位及职务
        "儿子张家人266群众",
        "中共某某县委组织部",
        "（盖章）",
        "填表人：司马填表",
        "填表时间：2026.12",
    ):
        assert text in second, text
    pdf = appointment_form_pdf(cadre)
    assert "".join(line.flat for line in page_lines(pdf)[1]).count("（盖章）") == 3


def test_ages_are_counted_at_the_forms_reference_month_else_today(world):
    from cadres.services import particulars_update

    cadre = form_cadre(world.unit_a)  # born 1975-03-12; 计算年龄时间 2026.12
    fields = appointment_form_fields(cadre)
    assert fields["age"] == "51" and [m["age"] for m in fields["family"][:3]] == ["76", "66", "56"]
    particulars_update(cadre=cadre, acting_user=None, age_reference="202602")  # before March: 50
    cadre = type(cadre).objects.get(pk=cadre.pk)
    fields = appointment_form_fields(cadre)
    assert fields["age"] == "50" and fields["family"][0]["age"] == "75"  # born 1950.05
    particulars_update(cadre=cadre, acting_user=None, age_reference="")
    cadre = type(cadre).objects.get(pk=cadre.pk)
    assert appointment_form_fields(cadre)["age"] == str(cadre.age)


def test_a_cadre_without_particulars_gets_the_form_from_the_registry(world):
    """No 任免审批表 record: the registry's own fields, blank boxes for the rest, seven empty family rows."""
    cadre = make_cadre(world.unit_a, "简单人", birth=date(1990, 1, 5), post="科员")
    fields = appointment_form_fields(cadre)
    assert fields["resume"] == [] and fields["family"] == [None] * 7 and fields["native_place"] == ""
    first, second = _text(appointment_form_pdf(cadre))
    assert "简单人" in first and "甲县农业农村局科员" in first and "\n无\n" in second


def test_the_photo_box_holds_the_photo_when_there_is_one(world):
    with_photo = appointment_form_pdf(form_cadre(world.unit_a, photo=True))
    without = appointment_form_pdf(form_cadre(world.unit_a, name="无照片"))
    assert _images(with_photo)[0] == 1 and _images(without) == [0, 0]
    assert "照片" in _text(without)[0] and "照片" not in _text(with_photo)[0]


# --- from the cadre page ---------------------------------------------------------------------------


def test_the_cadre_page_links_to_the_form_for_whoever_may_read_the_particulars(client, world):
    url = reverse("documents:cadre-rmb", args=[world.cadre_a.pk])
    page = reverse("cadres:cadre-detail", args=[world.cadre_a.pk])
    for user in (world.org_county_a, world.dispatch_a, world.cadre_user, world.admin):
        client.force_login(user)
        assert url in client.get(page).content.decode(), user
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf", user
        assert "filename*=utf-8''" in response["Content-Disposition"]


def test_outside_scope_or_without_the_particulars_the_form_is_404(client, world, on_post_world):
    """Another county's org department gets the same 404 as for a missing cadre; the receiving contact
    sees the seconded cadre's page but not their family: no button, 404."""
    url = reverse("documents:cadre-rmb", args=[world.cadre_a.pk])
    client.force_login(make_user(roles=[("org_staff", world.county_b)]))
    assert client.get(url).status_code == 404
    client.force_login(world.receive_a)
    assert client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).status_code == 200
    assert url not in client.get(reverse("cadres:cadre-detail", args=[world.cadre_a.pk])).content.decode()
    assert client.get(url).status_code == 404
    client.force_login(world.org_county_a)
    assert client.get(reverse("documents:cadre-rmb", args=[world.cadre_b.pk + 999])).status_code == 404


# --- a batch's nominees ----------------------------------------------------------------------------


def _nominate(w, cadre):
    from secondment.services import nominations as ns

    return ns.nomination_create(batch=w.batch, cadre=cadre, method="org", reason="表现突出", acting_user=w.dispatch_a)


def _zip_names(response) -> list[str]:
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            assert archive.read(name).startswith(b"%PDF"), name
        return archive.namelist()


def test_a_batchs_nominees_as_a_zip_one_pdf_each_named_after_the_cadre(client, batch_world):
    """Three nominees, one withdrawn: the zip holds the two others' forms, each named after its cadre; the
    nominee's 拟任职务 is the post the nomination is matched to when the record names none."""
    from secondment.services import nominations as ns

    w = batch_world
    withdrawn = _nominate(w, make_cadre(w.unit_a, "撤回人"))
    ns.nomination_withdraw(nomination=withdrawn, acting_user=w.dispatch_a, reason="本人申请")
    first = _nominate(w, form_cadre(w.unit_a, name="第一人", birth=date(1988, 6, 1)))
    _nominate(w, make_cadre(w.unit_a, "第二人"))
    for user in (w.org_county_a, w.dispatch_a):
        client.force_login(user)
        page = client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()
        assert reverse("documents:batch-rmb-zip", args=[w.batch.pk]) in page
        response = client.post(reverse("documents:batch-rmb-zip", args=[w.batch.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/zip"
        names = _zip_names(response)
        assert sorted(names) == sorted(
            f"干部任免审批表-{n.cadre.name}-{n.cadre.id_number[-4:]}.pdf"
            for n in w.batch.nominations.exclude(pk=withdrawn.pk).select_related("cadre")
        )
    assert first.cadre.name in names[0] + names[1]


def test_another_countys_org_department_gets_no_zip_of_this_batch(client, batch_world):
    w = batch_world
    _nominate(w, make_cadre(w.unit_a, "第一人"))
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert client.post(reverse("documents:batch-rmb-zip", args=[w.batch.pk])).status_code == 404


def test_a_large_batch_goes_to_a_print_job(
    client, batch_world, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """More nominees than APPOINTMENT_ZIP_SYNC_MAX: a print job writes the zip (progress, owner-only
    download), one PDF per nominee."""
    from documents import services
    from documents.models import PrintJob
    from documents.services import print_job_run

    monkeypatch.setattr(services, "APPOINTMENT_ZIP_SYNC_MAX", 1)
    monkeypatch.setattr("documents.views.print_jobs.APPOINTMENT_ZIP_SYNC_MAX", 1)
    w = batch_world
    for name in ("第一人", "第二人"):
        _nominate(w, make_cadre(w.unit_a, name))
    client.force_login(w.dispatch_a)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("documents:batch-rmb-zip", args=[w.batch.pk]))
    job = PrintJob.objects.get()
    assert (job.kind, job.total, job.owner) == ("appointment", 2, w.dispatch_a)
    assert response["Location"] == reverse("documents:print-job", args=[job.pk])
    print_job_run(job_id=job.pk)
    status = client.get(reverse("documents:print-job", args=[job.pk]), {"format": "json"}).json()
    assert (status["status"], status["done"], status["total"]) == ("done", 2, 2)
    download = client.get(status["download"])
    assert "appointment-forms-batch" in download["Content-Disposition"]
    assert sorted(n.split("-")[1] for n in _zip_names(download)) == ["第一人", "第二人"]


def test_the_annual_results_add_the_graded_annual_assessments_of_the_cadres_postings(on_post_world):
    """年度考核结果: the form's text, then the year of a posting's determined annual assessment the text
    does not name; a year it names is not repeated."""
    from assessments.services import annual
    from cadres.services import particulars_update
    from tests.factories.extensions import grade

    w = on_post_world
    a = annual.annual_propose(posting=w.posting, year=2025, grade=grade("优秀"), comments="好", acting_user=w.receive_a)
    a = annual.annual_dispatch_opinion(assessment=a, opinion="同意", acting_user=w.dispatch_a)
    annual.annual_determine(assessment=a, grade=grade("优秀"), acting_user=w.receive_a)
    cadre = type(w.cadre_a).objects.get(pk=w.cadre_a.pk)
    assert appointment_form_fields(cadre)["assessments"] == "2025年度考核优秀（挂职期间）"
    particulars_update(cadre=cadre, acting_user=None, annual_results="2023年度考核称职；2024年度考核优秀。")
    cadre = type(cadre).objects.get(pk=cadre.pk)
    assert (
        appointment_form_fields(cadre)["assessments"]
        == "2023年度考核称职；2024年度考核优秀；2025年度考核优秀（挂职期间）。"
    )
    particulars_update(cadre=cadre, acting_user=None, annual_results="2025年度考核优秀")
    cadre = type(cadre).objects.get(pk=cadre.pk)
    assert appointment_form_fields(cadre)["assessments"] == "2025年度考核优秀"
