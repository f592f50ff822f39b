"""座谈会 of seconded cadres (seed 003; seed 001 篇3): recorded by the convening org department with
its attendees (on post that day), minutes and attachments; seen by that department and the cadres who
attended, 404 for everyone else; listed with a fixed number of queries; exported to Excel."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditLog
from secondment.models import Symposium
from secondment.services import support as services
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user


def _on_post(w, name: str):
    cadre = make_cadre(w.unit_a, name)
    p = posting_create(
        batch=w.batch,
        cadre=cadre,
        receiving_unit=w.town_a,
        post="镇长助理",
        start_date=date(2025, 3, 1),
        acting_user=None,
    )
    posting_transition(
        posting=p, action="appoint", acting_user=None, appointment_doc_no="Y", appointment_date=date(2025, 3, 1)
    )
    return posting_transition(
        posting=p, action="confirm_arrival", acting_user=None, arrival_date=date(2025, 3, 2), today=date(2025, 3, 5)
    )


def _meeting(w, **overrides):
    fields = {
        "organizer": w.county_a,
        "batch": w.batch,
        "title": "秋季挂职座谈交流会",
        "date": date(2025, 9, 10),
        "place": "县委组织部三楼会议室",
        "topics": "交流挂职体会；听取意见建议",
        "minutes": "与会干部逐一发言……",
        "attendees": [w.posting],
        "acting_user": w.org_county_a,
    }
    fields.update(overrides)
    return services.symposium_create(**fields)


def test_the_org_department_records_a_symposium_with_its_attendees(on_post_world):
    w = on_post_world
    s = _meeting(w)
    assert list(s.attendees.all()) == [w.posting] and s.recorded_by == w.org_county_a
    assert AuditLog.objects.filter(action="symposium.create", actor=w.org_county_a, target_id=str(s.pk)).exists()


def test_an_attendee_must_be_on_secondment_on_the_day_of_the_meeting(on_post_world):
    w = on_post_world
    with pytest.raises(ValidationError) as error:
        _meeting(w, date=date(2025, 1, 10))  # before the posting began
    assert "不在挂职期内" in str(error.value.message_dict["attendees"])
    assert not Symposium.objects.exists()


def test_contacts_and_cadres_do_not_convene_symposiums(on_post_world):
    w = on_post_world
    for user in (w.receive_a, w.dispatch_a, w.cadre_user):
        with pytest.raises(PermissionDenied):
            _meeting(w, acting_user=user)
    client_user = w.receive_a
    from django.test import Client

    client = Client()
    client.force_login(client_user)
    assert client.get(reverse("secondment:symposium-create")).status_code == 403


def test_a_symposium_is_seen_by_its_department_and_its_attendees_only(client, on_post_world):
    w = on_post_world
    s = _meeting(w)
    s.attachments.create(name="纪要.pdf", size=3, file=SimpleUploadedFile("纪要.pdf", b"%PD"))
    pages = [
        reverse("secondment:symposium-detail", args=[s.pk]),
        reverse("secondment:symposium-attachment", args=[s.pk, s.attachments.get().pk]),
    ]
    for user in (w.org_county_a, w.org_city, w.cadre_user, w.admin):
        client.force_login(user)
        for url in pages:
            assert client.get(url).status_code == 200, (user, url)
    outsiders = [make_user(roles=[("org_staff", w.county_b)]), w.dispatch_a, w.receive_a, make_user(cadre=w.cadre_b)]
    for user in outsiders:
        client.force_login(user)
        for url in [*pages, reverse("secondment:symposium-edit", args=[s.pk])]:
            assert client.get(url).status_code == 404, (user, url)
        assert s.title not in client.get(reverse("secondment:symposium-list")).content.decode()


def test_the_page_creates_and_edits_a_symposium_and_bad_input_changes_nothing(client, on_post_world):
    w = on_post_world
    client.force_login(w.org_county_a)
    data = {
        "title": "第一季度座谈会",
        "organizer": w.county_a.pk,
        "batch": w.batch.pk,
        "date": "2025-06-01",
        "place": "石门镇会议室",
        "attendees": [w.posting.pk],
        "topics": "工作交流",
        "minutes": "",
        "other_attendees": "镇党委书记",
    }
    response = client.post(reverse("secondment:symposium-create"), {**data, "place": ""})
    assert response.status_code == 200 and response.context["form"].errors["place"]
    assert not Symposium.objects.exists()
    response = client.post(reverse("secondment:symposium-create"), data)
    s = Symposium.objects.get()
    assert response.status_code == 302 and s.title == "第一季度座谈会"
    response = client.post(reverse("secondment:symposium-edit", args=[s.pk]), {**data, "minutes": "纪要正文"})
    s.refresh_from_db()
    assert response.status_code == 302 and s.minutes == "纪要正文"
    assert "纪要正文" in client.get(reverse("secondment:symposium-detail", args=[s.pk])).content.decode()


def test_attachments_are_checked_and_downloaded_within_scope(client, on_post_world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    w = on_post_world
    s = _meeting(w)
    client.force_login(w.org_county_a)
    url = reverse("secondment:symposium-detail", args=[s.pk])
    response = client.post(url, {"file": SimpleUploadedFile("run.exe", b"MZ")}, follow=True)
    assert "附件只能是" in response.content.decode() and not s.attachments.exists()
    client.post(url, {"file": SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 test")})
    attachment = s.attachments.get()
    client.force_login(w.cadre_user)
    response = client.get(reverse("secondment:symposium-attachment", args=[s.pk, attachment.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 test"
    client.force_login(w.cadre_user)
    assert client.post(url, {"file": SimpleUploadedFile("x.pdf", b"%PDF")}).status_code == 403


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_symposium_list_query_count_does_not_grow_with_rows(client, on_post_world):
    w = on_post_world
    _meeting(w)
    client.force_login(w.org_county_a)
    url = reverse("secondment:symposium-list")
    one = _count(client, url)
    others = [_on_post(w, f"座谈干部{i}") for i in range(3)]
    for i in range(10):
        _meeting(w, title=f"座谈会{i}", attendees=[w.posting, *others])
    assert _count(client, url) == one


def test_symposium_export_lists_the_meetings_and_their_attendees(client, on_post_world):
    w = on_post_world
    _meeting(w)
    client.force_login(w.org_county_a)
    response = client.get(reverse("secondment:symposium-export-xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("日期", "会议名称", "地点")
    assert rows[1][1] == "秋季挂职座谈交流会" and rows[1][5] == w.cadre_a.name
