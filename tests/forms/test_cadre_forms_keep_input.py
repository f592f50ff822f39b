"""Cadre records: a training record or a reward refused comes back on the cadre page with what was typed
and the message by the field, nothing saved; deleting a reward asks first and says what follows."""

from datetime import date

from django.urls import reverse

from cadres.services import reward_punishment_add
from tests.form_errors import field_block, field_error


def test_a_training_ending_before_it_starts_keeps_the_course_typed(client, world):
    client.force_login(world.dispatch_a)
    url = reverse("cadres:training-add", args=[world.cadre_a.pk])
    response = client.post(
        url,
        {
            "course": "乡村振兴专题培训班",
            "organizer": "市委党校",
            "start_date": "2026-05-10",
            "end_date": "2026-05-01",
            "hours": "40",
            "attended_hours": "40",
            "result": "合格",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "乡村振兴专题培训班" in page and "市委党校" in page
    assert "结束日期不能早于开始日期" in field_error(page, "end_date")
    assert not world.cadre_a.trainings.exists()


def test_a_training_without_a_course_is_marked_at_the_field(client, world):
    client.force_login(world.dispatch_a)
    url = reverse("cadres:training-add", args=[world.cadre_a.pk])
    response = client.post(url, {"course": "", "organizer": "市委党校", "start_date": "2026-05-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert field_error(page, "course")
    assert 'value="市委党校"' in field_block(page, "organizer")
    assert not world.cadre_a.trainings.exists()


def test_deleting_a_reward_asks_first_and_says_what_follows(client, world):
    record = reward_punishment_add(
        cadre=world.cadre_a,
        acting_user=world.dispatch_a,
        kind="reward",
        date=date(2025, 1, 1),
        title="嘉奖",
        issuing_body="县委",
    )
    client.force_login(world.dispatch_a)
    page = client.get(reverse("cadres:reward-edit", args=[record.pk])).content.decode()
    assert "删除后这条奖惩记录不再出现在干部信息和登记表中，不能恢复" in page
