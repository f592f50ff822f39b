"""The posting's 联络保障 tab (issue 15): 情况反馈 to the dispatching unit (seed 001 篇9), 轮岗 (seed 003
"轮岗分管") and 生活保障 (seed 003 "生活住房、乘车、差旅费"): who writes, who reads, the rules on dates,
404 outside scope, fixed query counts on their lists, Excel exports."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditLog
from secondment.models import LivingSupport, PostingFeedback, PostingRotation
from secondment.services import support as services
from secondment.services.postings import posting_create, posting_transition
from tests.factories import make_cadre, make_user

TODAY = date(2025, 12, 1)


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


def _feedback(w, posting=None, user=None, **overrides):
    fields = {
        "posting": posting or w.posting,
        "period_start": date(2025, 3, 1),
        "period_end": date(2025, 5, 31),
        "content": "工作积极主动，群众反映良好。",
        "acting_user": user or w.receive_a,
        "today": TODAY,
    }
    fields.update(overrides)
    return services.feedback_create(**fields)


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# --- 情况反馈 -------------------------------------------------------------------------------------


def test_feedback_is_written_by_the_receiving_unit_or_the_org_department(on_post_world):
    w = on_post_world
    assert _feedback(w).source == PostingFeedback.Source.RECEIVING_UNIT
    assert _feedback(w, user=w.org_county_a).source == PostingFeedback.Source.ORG_DEPT
    assert _feedback(w, user=w.org_city).source == PostingFeedback.Source.ORG_DEPT
    for user in (w.dispatch_a, w.cadre_user, make_user(roles=[("org_staff", w.county_b)])):
        with pytest.raises(PermissionDenied):
            _feedback(w, user=user)
    assert AuditLog.objects.filter(action="feedback.create", actor=w.receive_a).count() == 1


def test_feedback_period_lies_within_the_term_and_has_begun(on_post_world):
    w = on_post_world
    cases = {
        "period_start": dict(period_start=date(2025, 1, 1)),
        "period_end": dict(period_start=date(2025, 6, 1), period_end=date(2025, 5, 1)),
    }
    for field, overrides in cases.items():
        with pytest.raises(ValidationError) as error:
            _feedback(w, **overrides)
        assert field in error.value.message_dict
    with pytest.raises(ValidationError, match="尚未开始"):
        _feedback(w, period_start=date(2025, 12, 5), period_end=date(2025, 12, 31))
    assert not PostingFeedback.objects.exists()


def test_the_dispatching_contact_acknowledges_feedback_once(client, on_post_world):
    w = on_post_world
    item = _feedback(w)
    with pytest.raises(PermissionDenied):
        services.feedback_acknowledge(feedback=item, acting_user=w.receive_a)
    client.force_login(w.dispatch_a)
    assert item.content in client.get(reverse("secondment:feedback-list") + "?pending=1").content.decode()
    response = client.post(reverse("secondment:feedback-acknowledge", args=[item.pk]), {"reply": "已知悉，谢谢。"})
    item.refresh_from_db()
    assert response.status_code == 302 and item.acknowledged_by == w.dispatch_a and item.reply == "已知悉，谢谢。"
    assert item.content not in client.get(reverse("secondment:feedback-list") + "?pending=1").content.decode()
    with pytest.raises(ValidationError, match="已确认"):
        services.feedback_acknowledge(feedback=item, acting_user=w.dispatch_a)


def test_feedback_is_not_shown_to_the_cadre_or_outsiders(client, on_post_world):
    w = on_post_world
    item = _feedback(w)
    client.force_login(w.cadre_user)
    page = client.get(reverse("secondment:posting-support", args=[w.posting.pk])).content.decode()
    assert item.content not in page
    assert item.content not in client.get(reverse("secondment:feedback-list")).content.decode()
    other_dispatch = make_user(roles=[("dispatch_contact", w.unit_b)])
    client.force_login(other_dispatch)
    assert client.post(reverse("secondment:feedback-acknowledge", args=[item.pk]), {}).status_code == 404
    assert client.get(reverse("secondment:posting-support", args=[w.posting.pk])).status_code == 404
    item.refresh_from_db()
    assert item.acknowledged_at is None


def test_feedback_is_written_on_the_posting_tab_and_bad_input_is_refused(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-support", args=[w.posting.pk])
    response = client.post(
        url, {"what": "feedback", "period_start": "2025-03-01", "period_end": "2025-05-31", "content": ""}, follow=True
    )
    assert "现实表现和工作情况" in response.content.decode() and not PostingFeedback.objects.exists()
    client.post(
        url, {"what": "feedback", "period_start": "2025-03-01", "period_end": "2025-05-31", "content": "表现好"}
    )
    assert PostingFeedback.objects.get().content == "表现好"
    client.force_login(w.dispatch_a)
    assert "表现好" in client.get(url).content.decode()


# --- 轮岗 -----------------------------------------------------------------------------------------


def _rotate(w, post, start, end=None, user=None, posting=None):
    return services.rotation_add(
        posting=posting or w.posting,
        post=post,
        duties=f"{post}分管工作",
        start_date=start,
        end_date=end,
        acting_user=user or w.receive_a,
    )


def test_rotations_of_a_posting_do_not_overlap(on_post_world):
    w = on_post_world
    first = _rotate(w, "副镇长", date(2025, 3, 1), date(2025, 8, 31))
    with pytest.raises(ValidationError, match="时间重叠"):
        _rotate(w, "镇长助理", date(2025, 8, 31))
    second = _rotate(w, "党委委员", date(2025, 9, 1))  # open end: until the term ends
    with pytest.raises(ValidationError, match="时间重叠"):
        _rotate(w, "镇长助理", date(2026, 1, 1), date(2026, 1, 31))
    with pytest.raises(ValidationError, match="时间重叠"):
        services.rotation_update(
            rotation=first,
            post="副镇长",
            duties="农业",
            start_date=date(2025, 3, 1),
            end_date=date(2025, 9, 15),
            acting_user=w.receive_a,
        )
    assert list(w.posting.rotations.values_list("pk", flat=True)) == [first.pk, second.pk]


def test_a_rotation_lies_within_the_term(on_post_world):
    w = on_post_world
    with pytest.raises(ValidationError) as error:
        _rotate(w, "副镇长", date(2025, 2, 1), date(2025, 4, 1))
    assert "start_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _rotate(w, "副镇长", date(2025, 5, 1), date(2025, 4, 1))
    assert "end_date" in error.value.message_dict
    assert not PostingRotation.objects.exists()


def test_rotations_are_set_by_the_receiving_side_and_shown_on_the_posting_page(client, on_post_world):
    w = on_post_world
    for user in (w.cadre_user, w.dispatch_a):
        with pytest.raises(PermissionDenied):
            _rotate(w, "副镇长", date(2025, 3, 1), user=user)
    _rotate(w, "副镇长", date(2025, 3, 1), date(2025, 8, 31))
    _rotate(w, "党委委员", date(2025, 9, 1), user=w.org_county_a)
    client.force_login(w.cadre_user)
    page = client.get(reverse("secondment:posting-support", args=[w.posting.pk])).content.decode()
    assert "副镇长分管工作" in page and "党委委员分管工作" in page and "记录轮岗" not in page
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-support", args=[w.posting.pk])
    response = client.post(
        url, {"what": "rotation", "post": "镇长助理", "duties": "文旅", "start_date": "2025-05-01"}, follow=True
    )
    assert "时间重叠" in response.content.decode() and w.posting.rotations.count() == 2


# --- 生活保障 -------------------------------------------------------------------------------------


def _support(w, user=None, **overrides):
    fields = {
        "posting": w.posting,
        "housing": LivingSupport.Housing.DORMITORY,
        "housing_detail": "镇政府周转房",
        "transport": LivingSupport.Transport.ALLOWANCE,
        "transport_allowance": Decimal("300"),
        "travel_payer": LivingSupport.TravelPayer.RECEIVING,
        "acting_user": user or w.receive_a,
    }
    fields.update(overrides)
    return services.living_support_set(**fields)


def test_living_support_is_one_record_per_posting_kept_by_the_receiving_unit(client, on_post_world):
    w = on_post_world
    _support(w)
    _support(w, transport=LivingSupport.Transport.UNIT_CAR, transport_allowance=None)
    support = LivingSupport.objects.get()
    assert support.transport == "unit_car" and support.transport_allowance is None
    assert AuditLog.objects.filter(action="living_support.set", actor=w.receive_a).count() == 2
    with pytest.raises(PermissionDenied):
        _support(w, user=w.cadre_user)
    client.force_login(w.cadre_user)
    assert "镇政府周转房" in client.get(reverse("secondment:posting-support", args=[w.posting.pk])).content.decode()


def test_a_transport_allowance_needs_its_monthly_amount(on_post_world):
    w = on_post_world
    with pytest.raises(ValidationError) as error:
        _support(w, transport_allowance=None)
    assert "transport_allowance" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _support(w, housing=LivingSupport.Housing.OTHER, housing_detail="")
    assert "housing_detail" in error.value.message_dict
    assert not LivingSupport.objects.exists()


def test_living_support_closes_with_the_posting(on_post_world):
    w = on_post_world
    posting_transition(
        posting=w.posting, action="terminate", acting_user=w.org_county_a, grounds="other", reason="测试终止"
    )
    with pytest.raises(ValidationError, match="已结束"):
        _support(w)
    with pytest.raises(ValidationError, match="不能再调整轮岗"):
        _rotate(w, "副镇长", date(2025, 3, 1))


# --- lists: scope, query counts, exports ----------------------------------------------------------


@pytest.mark.parametrize(
    "url_name", ["secondment:feedback-list", "secondment:rotation-list", "secondment:living-support-list"]
)
def test_support_list_query_count_does_not_grow_with_rows(client, on_post_world, url_name):
    w = on_post_world
    _feedback(w)
    _rotate(w, "副镇长", date(2025, 3, 1))
    _support(w)
    client.force_login(w.org_county_a)
    one = _count(client, reverse(url_name))
    for i in range(4):
        p = _on_post(w, f"列表干部{i}")
        _feedback(w, posting=p)
        _feedback(w, posting=p, user=w.org_county_a)
        _rotate(w, "副镇长", date(2025, 3, 1), date(2025, 6, 30), posting=p)
        _rotate(w, "镇长助理", date(2025, 7, 1), posting=p)
        _support(w, posting=p)
    assert _count(client, reverse(url_name)) == one


def test_support_lists_show_only_postings_in_scope(client, on_post_world):
    w = on_post_world
    _feedback(w)
    _rotate(w, "副镇长", date(2025, 3, 1))
    _support(w)
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    for name in ("secondment:feedback-list", "secondment:rotation-list", "secondment:living-support-list"):
        assert w.cadre_a.name not in client.get(reverse(name)).content.decode()
    client.force_login(w.org_county_a)
    for name in ("secondment:feedback-list", "secondment:rotation-list", "secondment:living-support-list"):
        assert w.cadre_a.name in client.get(reverse(name)).content.decode()


@pytest.mark.parametrize(
    ("url_name", "header", "value"),
    [
        ("secondment:feedback-export-xlsx", "现实表现和工作情况", "工作积极主动，群众反映良好。"),
        ("secondment:rotation-export-xlsx", "分管工作", "副镇长分管工作"),
        ("secondment:living-support-export-xlsx", "住房", "安排宿舍（周转房）"),
    ],
)
def test_support_exports_have_chinese_headers_and_the_records(client, on_post_world, url_name, header, value):
    w = on_post_world
    _feedback(w)
    _rotate(w, "副镇长", date(2025, 3, 1))
    _support(w)
    client.force_login(w.org_county_a)
    sheet = load_workbook(io.BytesIO(client.get(reverse(url_name)).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index(header)
    assert rows[1][0] == w.cadre_a.name and rows[1][column] == value


def test_acknowledging_never_redirects_off_site(client, on_post_world):
    w = on_post_world
    item = _feedback(w)
    client.force_login(w.dispatch_a)
    response = client.post(
        reverse("secondment:feedback-acknowledge", args=[item.pk]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("secondment:feedback-list")


def test_support_lists_filter_by_batch(client, on_post_world):
    w = on_post_world
    _feedback(w)
    client.force_login(w.org_county_a)
    url = reverse("secondment:feedback-list")
    assert w.cadre_a.name in client.get(url, {"batch": w.batch.pk}).content.decode()
    assert w.cadre_a.name not in client.get(url, {"batch": w.batch.pk + 1000}).content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "secondment:feedback-list",
        "secondment:feedback-export-xlsx",
        "secondment:rotation-list",
        "secondment:rotation-export-xlsx",
        "secondment:living-support-list",
        "secondment:living-support-export-xlsx",
        "secondment:symposium-list",
        "secondment:symposium-export-xlsx",
    ],
)
def test_a_junk_batch_filter_is_ignored_not_a_server_error(client, on_post_world, url_name):
    """`?batch=` past the database's integer range (found by the query fuzzing of the access matrix) or
    not a plain number: the filter is ignored and every row in scope is listed."""
    w = on_post_world
    _feedback(w)
    client.force_login(w.org_county_a)
    for junk in ("99999999999999999999999", "²"):
        assert client.get(reverse(url_name), {"batch": junk}).status_code == 200


def test_the_dispatching_contacts_are_told_of_new_feedback_once(on_post_world):
    from core.models import Reminder

    w = on_post_world
    item = _feedback(w)
    reminders = Reminder.objects.filter(kind="posting_feedback")
    assert list(reminders.values_list("recipient_id", flat=True)) == [w.dispatch_a.pk]
    assert w.cadre_a.name in reminders.get().title and str(item.pk) in reminders.get().key


def test_rotations_appear_on_the_cadres_timeline(on_post_world):
    from cadres.timeline import cadre_timeline

    w = on_post_world
    _rotate(w, "党委委员", date(2025, 9, 1))
    events = cadre_timeline(cadre=w.cadre_a, user=w.cadre_user)
    assert any(e.kind == "轮岗" and "党委委员" in e.title for e in events)
