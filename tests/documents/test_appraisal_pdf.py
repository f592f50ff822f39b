"""The appraisal form as PDF: Chinese text extractable, fonts embedded, long text flows to the next
page, a clear message without the prepared fonts, the download scoped."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from pypdf import PdfReader

from documents.appraisal_form import appraisal_form_pdf
from tests.factories import make_user


@pytest.fixture
def appraisal(appraisal_world):
    from tests.assessments.test_appraisal_services import _complete

    return _complete(appraisal_world)


def _fonts(reader):
    found = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font)["/FontDescriptor"].get_object()
            found.add(
                (
                    str(font["/BaseFont"]).split("+")[-1],
                    any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")),
                )
            )
    return found


def test_the_form_has_the_fields_in_chinese_with_embedded_fonts(appraisal):
    reader = PdfReader(io.BytesIO(appraisal_form_pdf(appraisal)))
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in (
        "挂职锻炼总结鉴定表",
        "甲干部",
        "甲县农业农村局",
        "甲县石门镇 副镇长",
        "个人总结",
        "应到30人，实到24人",
        "个人总结",
        "综合得分：88.71",
        "鉴定等次：称职",
        "同意",
    ):
        assert expected in text, expected
    assert ("GZT-Serif", True) in _fonts(reader) and ("GZT-Sans-Bold", True) in _fonts(reader)


def test_a_name_outside_gb2312_prints_in_the_simplified_chinese_face(appraisal):
    """The prepared fonts hold GB 2312; a name such as 张堃 or 王珺 falls back to the system's Noto CJK
    **SC** faces (named in the stylesheet), not to whatever fontconfig picks first (the JP face: other
    glyph shapes) and never to a box."""
    from cadres.models import Cadre

    Cadre.objects.filter(pk=appraisal.posting.cadre_id).update(name="张堃珺")
    appraisal.posting.cadre.refresh_from_db()
    reader = PdfReader(io.BytesIO(appraisal_form_pdf(appraisal)))
    assert "张堃珺" in "".join(page.extract_text() for page in reader.pages)
    names = {name for name, embedded in _fonts(reader) if embedded}
    assert names == {name for name, _ in _fonts(reader)}
    assert any(name.startswith("Noto-Serif-CJK-SC") or name.startswith("Noto-Sans-CJK-SC") for name in names), names
    assert all(name.startswith("GZT-") or "CJK-SC" in name for name in names), names


def test_a_long_self_summary_flows_to_a_second_page(appraisal):
    appraisal.self_summary = "\n".join(
        f"第{i}段：挂职期间认真履职，积极推进各项工作，取得了明显成效。" for i in range(1, 80)
    )
    reader = PdfReader(io.BytesIO(appraisal_form_pdf(appraisal)))
    assert len(reader.pages) >= 2
    assert "第79段" in reader.pages[-1].extract_text() or "第79段" in reader.pages[-2].extract_text()
    assert "第79段" not in reader.pages[0].extract_text()
    assert "第 1 页 共" in reader.pages[0].extract_text()


def test_missing_prepared_fonts_give_a_clear_message(settings, tmp_path):
    from documents import pdf

    settings.PDF_FONT_DIR = tmp_path
    with pytest.raises(ImproperlyConfigured, match=r"缺少PDF字体.*build_pdf_fonts"):
        pdf.font_face_css()


def test_the_download_is_scoped(client, appraisal, appraisal_world):
    url = reverse("documents:appraisal-pdf", args=[appraisal.pk])
    client.force_login(appraisal_world.org_county_a)
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(make_user(roles=[("org_staff", appraisal_world.county_b)]))
    assert client.get(url).status_code == 404


def test_the_command_writes_the_pdf(appraisal, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "form.pdf"
    call_command("render_appraisal", str(appraisal.pk), str(out))
    assert out.read_bytes().startswith(b"%PDF")


def test_several_copies_are_numbered(client, appraisal, appraisal_world):
    client.force_login(appraisal_world.org_county_a)
    pdf = client.get(reverse("documents:appraisal-pdf", args=[appraisal.pk]), {"copies": 3}).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert all(f"第{n}份，共3份" in text for n in (1, 2, 3))


def test_batch_summary_is_landscape_with_totals(client, appraisal, appraisal_world):
    client.force_login(appraisal_world.org_county_a)
    response = client.get(reverse("documents:batch-summary-pdf", args=[appraisal_world.batch.pk]))
    reader = PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = reader.pages[0].extract_text()
    assert "挂职干部情况汇总表" in text and "甲干部" in text and "合计：1 人" in text
    client.force_login(make_user(roles=[("org_staff", appraisal_world.county_b)]))
    assert client.get(reverse("documents:batch-summary-pdf", args=[appraisal_world.batch.pk])).status_code == 404


def test_registration_form_and_work_report_as_pdf(client, reminder_world):
    from reports.services import work_report_submit
    from secondment.services import nominations as ns

    w = reminder_world
    report = w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()
    work_report_submit(
        report=report, version=0, acting_user=w.cadre_user, main_work="走访农户三十户", next_plans="继续"
    )
    client.force_login(w.org_county_a)
    pdf = client.get(reverse("documents:work-report-pdf", args=[report.pk])).content
    assert "走访农户三十户" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    from tests.factories import make_cadre

    nomination = ns.nomination_create(
        batch=w.batch, cadre=make_cadre(w.unit_a, "登记人"), method="org", reason="表现突出", acting_user=w.dispatch_a
    )
    response = client.get(reverse("documents:registration-pdf", args=[nomination.pk]))
    assert response.status_code == 200, response.status_code
    pdf = response.content
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "挂职干部基本情况登记表" in text and "登记人" in text and "表现突出" in text


def test_the_photo_box_holds_the_cadres_photo(appraisal, settings, tmp_path):
    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (200, 30, 30)).save(buffer, format="JPEG")
    cadre = appraisal.posting.cadre
    cadre.photo.save("photo.jpg", ContentFile(buffer.getvalue()), save=True)
    page = PdfReader(io.BytesIO(appraisal_form_pdf(appraisal))).pages[0]
    images = [
        name
        for name, obj in page["/Resources"].get("/XObject", {}).items()
        if obj.get_object().get("/Subtype") == "/Image"
    ]
    assert images


def test_the_photo_box_reads_the_photo_through_the_storage_api_not_a_local_path(appraisal, monkeypatch):
    """Several worker containers share an object store (S3/MinIO): a storage with no local path (here
    Django's in-memory storage) still puts the photo on the form."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import InMemoryStorage
    from PIL import Image

    # the field's storage is bound when the model is defined: give it one whose files are nowhere on disk
    store = InMemoryStorage(location="/nonexistent-object-store")
    monkeypatch.setattr(type(appraisal.posting.cadre)._meta.get_field("photo"), "storage", store)
    buffer = io.BytesIO()
    Image.new("RGB", (60, 80), (30, 30, 200)).save(buffer, format="PNG")
    cadre = appraisal.posting.cadre
    cadre.photo.save("photo.png", ContentFile(buffer.getvalue()), save=False)
    assert not Path(store.path(cadre.photo.name)).exists()  # no local file to point at
    page = PdfReader(io.BytesIO(appraisal_form_pdf(appraisal))).pages[0]
    images = [o for o in page["/Resources"].get("/XObject", {}).values() if o.get_object().get("/Subtype") == "/Image"]
    assert images
