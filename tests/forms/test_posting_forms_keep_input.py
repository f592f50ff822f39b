"""The posting page's forms (lifecycle actions, extension, termination proposal and decision, 任职手续):
a form with errors comes back as the page again with what was typed, the message next to its field or at
the top of that form, the page's other forms fresh, and nothing written. Actions that cannot be undone
ask first and say what follows."""

from datetime import date

from django.urls import reverse

from secondment.models import ExtensionRequest, TerminationProposal
from secondment.services.termination import termination_propose
from tests.form_errors import field_block, field_error, form_errors_on_top, form_html


def test_shortening_to_a_later_date_keeps_the_consultation_and_says_why_on_top_of_that_form(client, on_post_world):
    w = on_post_world
    end = w.posting.end_date
    client.force_login(w.org_county_a)
    url = reverse("secondment:posting-transition", args=[w.posting.pk, "shorten"])
    response = client.post(
        url,
        {
            "shorten-new_end_date": "2030-01-01",
            "shorten-consultation": "已与派出单位、接收单位电话沟通同意",
            "shorten-reason": "工作需要",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "已与派出单位、接收单位电话沟通同意" in page
    assert "新的结束日期须早于当前结束日期" in form_errors_on_top(page, url)
    assert 'value="2030-01-01"' in field_block(page, "shorten-new_end_date")
    w.posting.refresh_from_db()
    assert w.posting.end_date == end and w.posting.status == "on_post"


def test_shorten_and_terminate_ask_first_and_say_what_follows(client, on_post_world):
    w = on_post_world
    client.force_login(w.org_county_a)
    page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
    shorten = form_html(page, reverse("secondment:posting-transition", args=[w.posting.pk, "shorten"]))
    assert 'data-confirm="提前结束后挂职期限缩短，进入期满考核鉴定，不能撤销。确定提前结束？"' in shorten


def test_extension_request_without_the_cadres_consent_keeps_the_reasons(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-extension", args=[w.posting.pk])
    response = client.post(url, {"new_end_date": "2027-06-30", "receiving_unit_request": "乡村振兴项目尚未完成"})
    page = response.content.decode()
    assert response.status_code == 200 and "乡村振兴项目尚未完成" in page
    assert "延期须本人自愿" in field_error(page, "cadre_willing")
    assert not ExtensionRequest.objects.filter(posting=w.posting).exists()


def test_termination_proposal_without_reasons_is_marked_at_the_field(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-termination", args=[w.posting.pk])
    response = client.post(url, {"grounds": "health", "reasons": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "reasons")
    assert '<option value="health" selected' in field_block(page, "grounds")
    assert not TerminationProposal.objects.filter(posting=w.posting).exists()


def test_termination_decision_without_an_opinion_keeps_the_choice_and_asks_first(client, on_post_world):
    w = on_post_world
    proposal = termination_propose(
        posting=w.posting, grounds="health", reasons="身体原因无法坚持工作", acting_user=w.receive_a
    )
    client.force_login(w.org_county_a)
    url = reverse("secondment:posting-termination-decide", args=[w.posting.pk, proposal.pk])
    page = client.get(reverse("secondment:posting-detail", args=[w.posting.pk])).content.decode()
    assert "同意终止的，挂职立即终止，不进行期满考核鉴定" in form_html(page, url)
    response = client.post(url, {"approve": "1", "reason": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in field_error(page, "reason")
    proposal.refresh_from_db()
    w.posting.refresh_from_db()
    assert proposal.decision == "pending" and w.posting.status == "on_post"


def test_formality_without_a_document_number_keeps_the_title(client, on_post_world):
    w = on_post_world
    client.force_login(w.receive_a)
    url = reverse("secondment:posting-formality", args=[w.posting.pk])
    response = client.post(url, {"date": date(2026, 12, 1).isoformat(), "doc_no": "", "title": "关于甲干部任职的通知"})
    page = response.content.decode()
    assert response.status_code == 200 and "关于甲干部任职的通知" in page
    assert "这个字段是必填项" in field_error(page, "doc_no")
    assert not w.posting.formalities.exists()
