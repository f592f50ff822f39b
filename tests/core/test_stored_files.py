"""Files behind scope (issue 17): every stored file — a report's attachment, an archived appraisal form,
a batch print zip, an uploaded import workbook, a cadre's photo — is served only by the scoped view at
MEDIA_URL: in scope 200 as an attachment with nosniff and a type from the content, out of scope 404,
anonymous to the login page; storage names are not guessable; no URL pattern serves MEDIA_ROOT as is."""

import importlib
import io
import re

import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.shortcuts import resolve_url
from django.test import override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse

from accounts.models import Role
from core.files import RandomPath, sniff_content_type
from core.models import ImportUpload
from tests.factories import make_user
from tests.secondment.termination.test_termination_proposal import city_world  # noqa: F401  -- a fixture

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (30, 40), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_served(response, content_type: str, body_start: bytes):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _body(response).startswith(body_start)


def _assert_refused_outside_and_anonymous(client, url, outsider):
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(django_settings.LOGIN_URL))


def _on_post_report(w):
    return w.posting.reports.filter(cycle__recipient="org_dept").order_by("period_start").first()


# --- a work report's attachment ---------------------------------------------------------------------


def test_a_reports_attachment_opens_for_whoever_sees_the_report_and_nobody_else(client, on_post_world):
    from reports import services

    w = on_post_world
    report = _on_post_report(w)
    attachment = services.work_report_attach(
        report=report, upload=SimpleUploadedFile("调研报告.pdf", PDF_BYTES), acting_user=w.cadre_user
    )
    url = attachment.file.url
    assert url.startswith("/files/reports/")
    # the reviewer opens it from the report page
    client.force_login(w.org_county_a)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert f'href="{url}"' in page
    for user in (w.cadre_user, w.org_county_a, w.org_city, w.receive_a, w.dispatch_a):
        client.force_login(user)
        response = client.get(url)
        _assert_served(response, "application/pdf", b"%PDF")
        assert "filename*=utf-8''%E8%B0%83%E7%A0%94%E6%8A%A5%E5%91%8A.pdf" in response["Content-Disposition"]
    _assert_refused_outside_and_anonymous(client, url, make_user(roles=[(Role.ORG_STAFF, w.county_b)]))


def test_an_attachment_named_pdf_over_html_is_refused_in_chinese(client, on_post_world):
    from django.core.exceptions import ValidationError

    from reports import services

    w = on_post_world
    report = _on_post_report(w)
    html = b"<!doctype html><html><script>alert(document.cookie)</script></html>"
    with pytest.raises(ValidationError, match="内容不是扩展名所示的 PDF 文件"):
        services.work_report_attach(
            report=report, upload=SimpleUploadedFile("x.html.pdf", html), acting_user=w.cadre_user
        )
    client.force_login(w.cadre_user)
    response = client.post(
        reverse("reports:attach", args=[report.pk]), {"attachment": SimpleUploadedFile("x.html.pdf", html)}, follow=True
    )
    assert "内容不是扩展名所示的 PDF 文件" in response.content.decode()
    assert not report.attachments.exists()


@pytest.mark.parametrize(
    "name,content,kind",
    [
        ("a.pdf", PDF_BYTES, "application/pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20, "image/png"),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"0" * 20, "image/jpeg"),
        ("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 20, "application/msword"),
        ("a.pdf", b"<html></html>", "application/octet-stream"),
        ("a.xlsx", b"PK\x03\x04 not really a zip", "application/zip"),
    ],
)
def test_the_type_comes_from_the_content_not_the_name(name, content, kind):
    assert sniff_content_type(io.BytesIO(content), name=name) == kind


def test_office_files_are_told_apart_by_their_parts():
    from core.xlsx import build_xlsx

    assert sniff_content_type(io.BytesIO(build_xlsx(title="t", headers=["a"], rows=[]))) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


# --- an archived appraisal form and a batch print zip ------------------------------------------------


def test_the_archived_appraisal_form_opens_within_the_appraisals_scope_only(client, appraisal_world):
    from documents.models import ArchivedForm
    from tests.documents.test_documents import _finalized

    w = appraisal_world
    appraisal = _finalized(w)
    archived = ArchivedForm.objects.get(appraisal=appraisal)
    url = archived.file.url
    assert re.fullmatch(r"/files/archive/appraisals/\d{4}/[0-9a-f]{32}/appraisal-\d+-v\d+\.pdf", url)
    client.force_login(w.dispatch_a)
    tab = client.get(reverse("assessments:posting", args=[w.posting.pk])).content.decode()
    assert f'href="{url}"' in tab
    for user in (w.org_county_a, w.org_city, w.dispatch_a, w.receive_a, w.cadre_user):
        client.force_login(user)
        _assert_served(client.get(url), "application/pdf", b"%PDF")
    _assert_refused_outside_and_anonymous(client, url, make_user(roles=[(Role.DISPATCH_CONTACT, w.unit_b)]))


def test_a_print_zip_opens_for_its_owner_only(client, appraisal_world, django_capture_on_commit_callbacks):
    from documents.models import PrintJob
    from documents.services import print_job_create, print_job_run
    from tests.documents.test_documents import _finalized

    w = appraisal_world
    _finalized(w)
    with django_capture_on_commit_callbacks(execute=False):
        job = print_job_create(batch=w.batch, acting_user=w.org_county_a)
    print_job_run(job_id=job.pk)
    job = PrintJob.objects.get(pk=job.pk)
    client.force_login(w.org_county_a)
    _assert_served(client.get(job.file.url), "application/zip", b"PK")
    _assert_served(client.get(reverse("documents:print-job-download", args=[job.pk])), "application/zip", b"PK")
    # the city sees the batch, but the zip is the owner's
    _assert_refused_outside_and_anonymous(client, job.file.url, w.org_city)


# --- an uploaded import workbook -----------------------------------------------------------------------


def test_an_uploaded_workbook_opens_for_its_uploader_only(client, world):
    from core.xlsx import build_xlsx

    upload = ImportUpload.objects.create(
        kind="cadres",
        uploaded_by=world.dispatch_a,
        file=ContentFile(build_xlsx(title="t", headers=["姓名"], rows=[["张三"]]), name="名册.xlsx"),
        original_name="名册.xlsx",
    )
    url = upload.file.url
    assert re.fullmatch(r"/files/imports/\d{4}/[0-9a-f]{32}/.+\.xlsx", url)
    client.force_login(world.dispatch_a)
    _assert_served(client.get(url), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK")
    # another contact of the same unit, and even the administrator, get 404
    _assert_refused_outside_and_anonymous(client, url, make_user(roles=[(Role.DISPATCH_CONTACT, world.unit_a)]))
    client.force_login(world.admin)
    assert client.get(url).status_code == 404


# --- a cadre's photo --------------------------------------------------------------------------------


def test_a_cadres_photo_is_shown_and_served_within_the_cadres_scope(client, world):
    cadre = world.cadre_a
    cadre.photo.save("photo.png", ContentFile(_png()), save=True)
    url = cadre.photo.url
    assert re.fullmatch(r"/files/cadre_photos/\d{4}/[0-9a-f]{32}/photo\.png", url)
    client.force_login(world.org_county_a)
    page = client.get(reverse("cadres:cadre-detail", args=[cadre.pk])).content.decode()
    assert f'src="{url}"' in page
    _assert_served(client.get(url), "image/png", b"\x89PNG")
    _assert_refused_outside_and_anonymous(client, url, make_user(roles=[(Role.ORG_STAFF, world.county_b)]))


# --- the secondment app's attachments: a meeting's, a termination proposal's, a formality's ---------


def test_a_symposium_attachment_opens_for_whoever_sees_the_meeting_only(client, on_post_world):
    from django.core.exceptions import ValidationError

    from secondment.models import SymposiumAttachment
    from secondment.services import support as services
    from tests.secondment.support.test_symposiums import _meeting

    w = on_post_world
    meeting = _meeting(w)
    with pytest.raises(ValidationError, match="内容不是扩展名所示的 PDF 文件"):
        services.symposium_attach(
            symposium=meeting, upload=SimpleUploadedFile("纪要.pdf", b"<html></html>"), acting_user=w.org_county_a
        )
    services.symposium_attach(
        symposium=meeting, upload=SimpleUploadedFile("纪要.pdf", PDF_BYTES), acting_user=w.org_county_a
    )
    attachment = SymposiumAttachment.objects.get()
    assert re.fullmatch(r"/files/symposiums/\d{4}/[0-9a-f]{32}/.+\.pdf", attachment.file.url)
    page_url = reverse("secondment:symposium-attachment", args=[meeting.pk, attachment.pk])
    for user in (w.org_county_a, w.cadre_user):  # the convening department, an attendee
        client.force_login(user)
        _assert_served(client.get(attachment.file.url), "application/pdf", b"%PDF")
        _assert_served(client.get(page_url), "application/pdf", b"%PDF")
    _assert_refused_outside_and_anonymous(client, attachment.file.url, w.dispatch_a)  # contacts do not see it
    _assert_refused_outside_and_anonymous(client, page_url, w.dispatch_a)


def test_a_formality_attachment_opens_for_whoever_sees_the_posting_only(client, on_post_world):
    from secondment.models import AppointmentFormality
    from tests.secondment.termination.test_appointment_formalities import _record

    w = on_post_world
    _record(w, w.receive_a, attachment=SimpleUploadedFile("任职通知.pdf", PDF_BYTES))
    formality = AppointmentFormality.objects.get()
    page_url = reverse("secondment:posting-formality-attachment", args=[w.posting.pk, formality.pk])
    for user in (w.receive_a, w.dispatch_a, w.org_city, w.cadre_user):
        client.force_login(user)
        _assert_served(client.get(formality.attachment.url), "application/pdf", b"%PDF")
        _assert_served(client.get(page_url), "application/pdf", b"%PDF")
    outsider = make_user(roles=[(Role.RECEIVE_CONTACT, w.unit_b)])
    _assert_refused_outside_and_anonymous(client, formality.attachment.url, outsider)
    _assert_refused_outside_and_anonymous(client, page_url, outsider)


def test_a_termination_proposal_attachment_is_checked_and_opens_within_the_postings_scope(client, city_world):  # noqa: F811
    from django.core.exceptions import ValidationError

    from tests.secondment.termination.test_termination_proposal import _propose

    w = city_world
    with pytest.raises(ValidationError, match="内容不是扩展名所示的 OFD 文件"):
        _propose(w, w.org_county_a, attachment=SimpleUploadedFile("情况说明.ofd", b"%PDF-1.4 not an ofd"))
    proposal = _propose(w, w.org_county_a, attachment=SimpleUploadedFile("情况说明.pdf", PDF_BYTES))
    page_url = reverse("secondment:posting-termination-attachment", args=[w.posting.pk, proposal.pk])
    for user in (w.org_city, w.org_county_a):
        client.force_login(user)
        _assert_served(client.get(proposal.attachment.url), "application/pdf", b"%PDF")
        _assert_served(client.get(page_url), "application/pdf", b"%PDF")
    outsider = make_user(roles=[(Role.ORG_STAFF, w.county_b)])
    _assert_refused_outside_and_anonymous(client, proposal.attachment.url, outsider)
    _assert_refused_outside_and_anonymous(client, page_url, outsider)


# --- names, the URLconf, the web server's internal redirect ------------------------------------------


def test_storage_names_are_random_and_an_existing_name_keeps_working(client, world, media):
    first = RandomPath("imports")(None, "../../etc/名册.xlsx")
    assert first != RandomPath("imports")(None, "../../etc/名册.xlsx")
    assert re.fullmatch(r"imports/\d{4}/[0-9a-f]{32}/名册\.xlsx", first)
    # a file stored under the old, guessable layout is still served by its recorded name
    (media / "imports/2026/01").mkdir(parents=True)
    (media / "imports/2026/01/old.xlsx").write_bytes(b"PK\x03\x04old")
    upload = ImportUpload.objects.create(
        kind="cadres", uploaded_by=world.dispatch_a, file="imports/2026/01/old.xlsx", original_name="old.xlsx"
    )
    client.force_login(world.dispatch_a)
    assert client.get(upload.file.url).status_code == 200


def _patterns(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


@pytest.mark.parametrize("debug", [False, True])
def test_no_url_pattern_serves_media_root_as_is_in_any_settings(debug, client, world, media):
    """Neither with DEBUG (make run) nor without: the only route under MEDIA_URL is the scoped view."""
    import config.urls
    from core.file_views import StoredFileView

    (media / "imports").mkdir(parents=True)
    (media / "imports/x.xlsx").write_bytes(b"PK\x03\x04")
    try:
        with override_settings(DEBUG=debug):
            importlib.reload(config.urls)
            clear_url_caches()
            for route, pattern in _patterns(get_resolver()):
                view = getattr(pattern.callback, "view_class", pattern.callback)
                assert view.__module__ != "django.views.static", route
                assert "document_root" not in pattern.default_args, route
                if route.startswith(django_settings.MEDIA_URL.lstrip("/")):
                    assert view is StoredFileView, route
            client.force_login(world.admin)
            assert client.get("/files/imports/x.xlsx").status_code == 404  # no record owns it
            assert client.get("/media/imports/x.xlsx").status_code == 404
    finally:
        importlib.reload(config.urls)
        clear_url_caches()


def test_with_the_accel_setting_nginx_sends_the_bytes(client, world, settings):
    settings.FILES_ACCEL_REDIRECT = "/_protected_files/"
    upload = ImportUpload.objects.create(
        kind="cadres", uploaded_by=world.dispatch_a, file=ContentFile(PDF_BYTES, name="a b.pdf"), original_name="a.pdf"
    )
    client.force_login(world.dispatch_a)
    response = client.get(upload.file.url)
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == "/_protected_files/" + upload.file.name.replace(" ", "%20")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")


SETTINGS_PROBE = """
import json, os, sys
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from core.file_views import StoredFileView

def walk(resolver, prefix=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        else:
            yield prefix + str(entry.pattern), entry

media = Path(settings.MEDIA_ROOT).resolve()
problems = []
for route, pattern in walk(get_resolver()):
    view = getattr(pattern.callback, "view_class", pattern.callback)
    if view.__module__ == "django.views.static" or "document_root" in pattern.default_args:
        problems.append(f"{route} serves files as they are")
    if route.startswith(settings.MEDIA_URL.lstrip("/")) and view is not StoredFileView:
        problems.append(f"{route} is under MEDIA_URL without the scope check")
static_dirs = [Path(d).resolve() for d in settings.STATICFILES_DIRS] + [Path(settings.STATIC_ROOT).resolve()]
for directory in static_dirs + [Path(getattr(settings, "WHITENOISE_ROOT", None) or "/nonexistent")]:
    if directory == media or directory in media.parents or media in directory.parents:
        problems.append(f"static files at {directory} overlap MEDIA_ROOT")
print(json.dumps({"debug": settings.DEBUG, "problems": problems}))
"""


@pytest.mark.parametrize("module", ["local", "production", "test"])
def test_no_settings_module_serves_media_root_without_the_scope_check(module, tmp_path):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": f"config.settings.{module}",
        "SECRET_KEY": "probe-" + "x" * 50,
        "ALLOWED_HOSTS": "localhost",
        "DEBUG": "true" if module == "local" else "false",
    }
    done = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["problems"] == []
    assert outcome["debug"] is (module == "local")


def test_every_file_field_of_every_model_is_behind_scope():
    """A new FileField or ImageField without `protect_files` would have files nobody can open — or, if
    someone then served MEDIA_ROOT, files everybody could: this fails first."""
    from django.apps import apps
    from django.db import models

    from core.files import protected_fields

    declared = {(entry.model, entry.field) for entry in protected_fields()}
    fields = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and model.__module__.split(".")[0] != "django"
    }
    assert len(fields) == 9 and fields <= declared  # 9th: core.ExportJob.file (issue 18)
    for model, name in fields:
        assert isinstance(model._meta.get_field(name).upload_to, RandomPath), (model, name)
