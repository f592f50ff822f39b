"""任职手续 (seed 004 "请各接收单位…履行任职手续"): recorded by the receiving unit of the posting only
(date, document number and title, optional attachment), shown on the posting page."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from secondment.models import AppointmentFormality
from secondment.services.termination import appointment_formality_record
from tests.factories import make_user


def _record(w, user, **extra):
    fields = dict(date=date(2025, 3, 5), doc_no="石党〔2025〕8号", title="关于甲干部同志挂任副镇长的通知")
    fields.update(extra)
    return appointment_formality_record(posting=w.posting, acting_user=user, **fields)


def test_the_receiving_unit_records_the_formalities_in_the_history(on_post_world):
    w = on_post_world
    formality = _record(w, w.receive_a)
    assert (formality.recorded_by, formality.doc_no) == (w.receive_a, "石党〔2025〕8号")
    entry = w.posting.history.get(action="formality")
    assert entry.actor == w.receive_a and entry.data["doc_no"] == "石党〔2025〕8号"


def test_only_the_receiving_unit_of_the_posting_records_them(on_post_world):
    w = on_post_world
    for user in (w.org_county_a, w.dispatch_a, w.cadre_user):
        with pytest.raises(PermissionDenied, match="任职手续由接收单位"):
            _record(w, user)
    assert not AppointmentFormality.objects.exists()


def test_formalities_follow_the_appointment(posting_world):
    w = posting_world  # 拟派: not yet appointed by the org department
    with pytest.raises(ValidationError, match="任职后"):
        _record(w, w.receive_a, date=date(2026, 12, 1))


def test_a_document_number_and_title_are_needed(on_post_world):
    w = on_post_world
    with pytest.raises(ValidationError) as error:
        _record(w, w.receive_a, doc_no=" ", title="")
    assert "doc_no" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _record(w, w.receive_a, date=date(2025, 2, 1))  # before the appointment
    assert "date" in error.value.message_dict


def test_the_posting_page_shows_them_and_offers_the_form_to_the_receiving_unit_only(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-detail", args=[w.posting.pk])
    assert 'data-action="record_formality"' in client.get(url).content.decode()
    response = client.post(
        reverse("secondment:posting-formality", args=[w.posting.pk]),
        {
            "date": "2025-03-05",
            "doc_no": "石党〔2025〕8号",
            "title": "任职通知",
            "attachment": SimpleUploadedFile("任职通知.pdf", b"%PDF-1.4 x", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    formality = AppointmentFormality.objects.get()
    client.force_login(w.org_county_a)
    page = client.get(url).content.decode()
    assert "石党〔2025〕8号" in page and "任职通知.pdf" in page and 'data-action="record_formality"' not in page
    download = reverse("secondment:posting-formality-attachment", args=[w.posting.pk, formality.pk])
    assert client.get(download).status_code == 200
    assert client.post(reverse("secondment:posting-formality", args=[w.posting.pk]), {}).status_code == 403


def test_bad_input_changes_nothing_and_says_why(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    response = client.post(
        reverse("secondment:posting-formality", args=[w.posting.pk]), {"date": "2025-03-05", "doc_no": "", "title": "x"}
    )
    assert response.status_code == 200 and not AppointmentFormality.objects.exists()
    assert "文号" in response.content.decode()


def test_pages_answer_404_outside_scope(client, on_post_world):
    w = on_post_world
    formality = _record(w, w.receive_a, attachment=SimpleUploadedFile("a.pdf", b"%PDF", content_type="application/pdf"))
    other_receiver = make_user("t_receive_b", roles=[(Role.RECEIVE_CONTACT, w.unit_b)])
    client.force_login(other_receiver)
    post = client.post(
        reverse("secondment:posting-formality", args=[w.posting.pk]),
        {"date": "2025-03-05", "doc_no": "X", "title": "Y"},
    )
    assert post.status_code == 404
    download = reverse("secondment:posting-formality-attachment", args=[w.posting.pk, formality.pk])
    assert client.get(download).status_code == 404
    assert AppointmentFormality.objects.count() == 1
