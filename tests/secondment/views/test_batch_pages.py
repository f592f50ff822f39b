"""Batch and nomination pages: scope, progress and composition, nominate, ranking, imports."""

import io
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from cadres.models import Ethnicity, PoliticalStatus
from secondment.models import Nomination
from secondment.services import nominations as services
from tests.factories import make_cadre, make_unit, make_user


def _nominate(w, cadre, user=None):
    return services.nomination_create(
        batch=w.batch, cadre=cadre, method="org", reason="优秀", acting_user=user or w.dispatch_a
    )


def _select(w, nomination):
    services.nomination_record_inspection(nomination=nomination, result="passed", notes="", acting_user=w.org_county_a)
    return services.nomination_decide(
        nomination=nomination, selected=True, reason="第一", offer=w.offer, acting_user=w.org_county_a
    )


class TestScope:
    def test_batch_list_visibility(self, client, batch_world):
        w = batch_world
        visible = {"org_city": True, "org_county": True, "dispatch": True, "receive": True, "cadre": False}
        for role, expected in visible.items():
            client.force_login(w.users_by_role()[role])
            html = client.get(reverse("secondment:batch-list")).content.decode()
            assert ("2026年甲县干部下派挂职" in html) == expected, role
            status = client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).status_code
            assert status == (200 if expected else 404), role

    def test_other_county_org_and_other_unit_contacts_get_404(self, client, batch_world):
        w = batch_world
        org_b = make_user(roles=[("org_staff", w.county_b)])
        dispatch_b = make_user(roles=[("dispatch_contact", w.unit_b)])
        for user in (org_b, dispatch_b):
            client.force_login(user)
            assert client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).status_code == 404

    def test_draft_batch_hidden_from_contacts(self, client, world):
        from secondment.models import BatchKind
        from secondment.services.batches import batch_create, batch_quota_set

        batch = batch_create(
            acting_user=world.org_county_a,
            name="草拟批次",
            kind=BatchKind.objects.first(),
            year=2027,
            organizer=world.county_a,
            planned_start=date(2027, 3, 1),
            nomination_deadline=date(2027, 2, 1),
        )
        batch_quota_set(batch=batch, dispatching_unit=world.unit_a, quota=1, acting_user=world.org_county_a)
        client.force_login(world.dispatch_a)
        assert client.get(reverse("secondment:batch-detail", args=[batch.pk])).status_code == 404

    def test_receiving_contact_sees_nominee_only_after_selection(self, client, batch_world):
        w = batch_world
        nomination = _nominate(w, w.cadre_a)
        client.force_login(w.receive_a)
        url = reverse("secondment:nomination-detail", args=[nomination.pk])
        assert client.get(url).status_code == 404
        assert "甲干部" not in client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).content.decode()
        _select(w, nomination)
        assert client.get(url).status_code == 200

    def test_dispatch_contact_sees_only_their_units_nominations(self, client, batch_world):
        w = batch_world
        from secondment.services.batches import batch_quota_set

        batch_quota_set(batch=w.batch, dispatching_unit=w.unit_b, quota=1, acting_user=None)
        theirs = services.nomination_create(batch=w.batch, cadre=w.cadre_b, method="org", reason="x", acting_user=None)
        client.force_login(w.dispatch_a)
        assert client.get(reverse("secondment:nomination-detail", args=[theirs.pk])).status_code == 404
        assert client.get(reverse("secondment:nomination-registration", args=[theirs.pk])).status_code == 404

    def test_cadre_sees_their_own_nomination(self, client, batch_world):
        w = batch_world
        nomination = _nominate(w, w.cadre_a)
        client.force_login(w.cadre_user)
        assert client.get(reverse("secondment:nomination-detail", args=[nomination.pk])).status_code == 200
        assert (
            "推荐理由"
            in client.get(reverse("secondment:nomination-registration", args=[nomination.pk])).content.decode()
        )

    def test_only_the_organizer_manages(self, client, batch_world):
        w = batch_world
        client.force_login(w.dispatch_a)
        assert client.get(reverse("secondment:batch-edit", args=[w.batch.pk])).status_code == 403
        assert (
            client.post(reverse("secondment:batch-status", args=[w.batch.pk]), {"status": "closed"}).status_code == 403
        )


class TestPages:
    def test_nominate_through_the_page_and_see_the_history(self, client, batch_world):
        w = batch_world
        client.force_login(w.dispatch_a)
        response = client.post(
            reverse("secondment:nominate", args=[w.batch.pk]),
            {"cadre": w.cadre_a.pk, "method": "self", "reason": "扎根基层意愿强"},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("secondment:nomination-detail", args=[Nomination.objects.get().pk])
        html = client.get(response["Location"]).content.decode()
        assert "扎根基层意愿强" in html and "t_dispatch" in html and "推荐" in html

    def test_nominating_an_ineligible_cadre_shows_the_rule(self, client, batch_world):
        w = batch_world
        old = make_cadre(w.unit_a, "老同志", birth=date(1970, 1, 1))
        client.force_login(w.dispatch_a)
        response = client.post(
            reverse("secondment:nominate", args=[w.batch.pk]), {"cadre": old.pk, "method": "org", "reason": "x"}
        )
        assert response.status_code == 200
        assert "超过本批次45岁的上限" in response.content.decode()
        assert not Nomination.objects.exists()

    def test_cadre_of_another_unit_is_not_offered(self, client, batch_world):
        w = batch_world
        client.force_login(w.dispatch_a)
        response = client.post(
            reverse("secondment:nominate", args=[w.batch.pk]), {"cadre": w.cadre_b.pk, "method": "org", "reason": "x"}
        )
        assert response.status_code == 200 and not Nomination.objects.exists()

    def test_progress_and_composition(self, client, batch_world):
        w = batch_world
        woman_minority = make_cadre(
            w.unit_a,
            "女干部",
            female=True,
            birth=date(1997, 1, 1),
            ethnicity=Ethnicity.objects.get(name="壮族"),
            political_status=PoliticalStatus.objects.get(name="群众"),
            is_reserve=True,
        )
        _select(w, _nominate(w, woman_minority))
        _nominate(w, w.cadre_a)
        client.force_login(w.org_county_a)
        progress = client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).context["progress"]
        assert [(q.dispatching_unit.name, q.used, q.quota) for q in progress.quotas] == [("甲县农业农村局", 2, 2)]
        assert dict(progress.by_status)["拟选派"] == 1 and dict(progress.by_status)["已推荐"] == 1
        n, s = progress.nominees, progress.selected
        assert (n.total, n.women, n.minorities, n.non_party, n.reserve) == (2, 1, 1, 1, 1)
        assert (s.total, s.women, s.minorities, s.non_party, s.reserve) == (1, 1, 1, 1, 1)
        assert dict(n.bands)["30岁以下"] == 1 and dict(n.bands)["35–39岁"] == 1  # 29 and 38 on 2026-12-01

    def test_batch_detail_query_count_is_flat(self, client, batch_world):
        w = batch_world
        from secondment.services.batches import batch_quota_set

        client.force_login(w.org_county_a)
        _nominate(w, w.cadre_a)

        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).status_code == 200
            return len(ctx.captured_queries)

        one = count()
        for i in range(5):
            unit = make_unit(f"甲县单位{i}", parent=w.county_a)
            batch_quota_set(batch=w.batch, dispatching_unit=unit, quota=3, acting_user=None)
            for _ in range(3):
                services.nomination_create(
                    batch=w.batch, cadre=make_cadre(unit), method="org", reason="x", acting_user=None
                )
        assert count() == one

    def test_ranking(self, client, batch_world):
        w = batch_world
        a, b = _nominate(w, w.cadre_a), _nominate(w, make_cadre(w.unit_a, "第二名"))
        services.nomination_record_scores(
            nomination=a, written_score=Decimal(70), interview_score=Decimal(70), acting_user=w.org_county_a
        )
        services.nomination_record_scores(
            nomination=b, written_score=Decimal(90), interview_score=Decimal(80), acting_user=w.org_county_a
        )
        client.force_login(w.org_county_a)
        response = client.get(reverse("secondment:batch-ranking", args=[w.batch.pk]))
        rows = response.context["rows"]
        assert [(r.cadre.name, r.rank, str(r.composite)) for r in rows] == [
            ("第二名", 1, "85.00"),
            ("甲干部", 2, "70.00"),
        ]
        # to the fen, as the nomination's page shows it (SQLite's sum came back as 85.0000000000000)
        assert "<strong>85.00</strong>" in response.content.decode()

    def test_ranking_offers_each_post_by_its_name(self, client, batch_world):
        """The 岗位 choice is written from the offers' ids, units and titles: each as BatchOffer's name,
        the one asked for selected, the page's autosubmit kept."""
        w = batch_world
        offer = w.batch.offers.get()
        client.force_login(w.org_county_a)
        url = reverse("secondment:batch-ranking", args=[w.batch.pk])
        html = client.get(url, {"offer": offer.pk}).content.decode()
        assert f'<option value="{offer.pk}" selected>{offer}</option>' in html
        assert '<select name="offer" class="form-select form-select-sm w-auto d-inline" data-autosubmit>' in html
        assert f'<option value="{offer.pk}">{offer}</option>' in client.get(url).content.decode()


def _xlsx(header, rows):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "list.xlsx"
    return buffer


class TestImports:
    def test_nominee_list_respects_the_quota_across_rows(self, client, batch_world):
        w = batch_world
        extra = [make_cadre(w.unit_a, f"导入{i}") for i in range(2)]
        rows = [[c.id_number, c.name, "组织推荐", "优秀"] for c in [w.cadre_a, *extra]]
        client.force_login(w.dispatch_a)
        location = client.post(
            reverse("secondment:import-nominees", args=[w.batch.pk]),
            {"file": _xlsx(["身份证号", "姓名", "推荐方式", "推荐理由"], rows)},
        )["Location"]
        preview = client.get(location)
        result = preview.context["result"]
        assert [r.status for r in result.rows] == ["new", "new", "error"]
        assert "选派名额（2）不够" in result.rows[2].errors[0][1]
        client.post(location)
        assert not Nomination.objects.exists()  # all or nothing

    def test_nominee_list_imports_through_the_service(self, client, batch_world):
        w = batch_world
        client.force_login(w.dispatch_a)
        file = _xlsx(
            ["身份证号", "姓名", "推荐方式", "推荐理由", "报名岗位"],
            [[w.cadre_a.id_number, "甲干部", "自荐", "熟悉农业", str(w.offer)]],
        )
        location = client.post(reverse("secondment:import-nominees", args=[w.batch.pk]), {"file": file})["Location"]
        assert client.post(location).status_code == 302
        nomination = Nomination.objects.get()
        assert (nomination.method, nomination.offer, nomination.nominated_by) == ("self", w.offer, w.dispatch_a)
        assert nomination.events.filter(action="nominate").exists()

    def test_score_sheet_shows_a_diff_then_updates(self, client, batch_world):
        w = batch_world
        nomination = _nominate(w, w.cadre_a)
        client.force_login(w.org_county_a)
        file = _xlsx(["身份证号", "姓名", "笔试成绩", "面试成绩"], [[w.cadre_a.id_number, "甲干部", 88.5, 90]])
        location = client.post(reverse("secondment:import-scores", args=[w.batch.pk]), {"file": file})["Location"]
        row = client.get(location).context["result"].rows[0]
        assert row.status == "update" and ("笔试成绩", "—", "88.5") in row.diff
        client.post(location)
        nomination.refresh_from_db()
        assert (nomination.written_score, nomination.interview_score) == (Decimal("88.50"), Decimal("90.00"))

    def test_dispatch_contact_cannot_import_scores(self, client, batch_world):
        client.force_login(batch_world.dispatch_a)
        assert client.get(reverse("secondment:import-scores", args=[batch_world.batch.pk])).status_code == 403


def test_batch_page_counts_postings_by_state(client, batch_world):
    from secondment.services.postings import posting_create

    w = batch_world
    posting_create(
        batch=w.batch,
        cadre=w.cadre_a,
        receiving_unit=w.town_a,
        post="x",
        start_date=date(2026, 12, 1),
        acting_user=None,
    )
    client.force_login(w.org_county_a)
    progress = client.get(reverse("secondment:batch-detail", args=[w.batch.pk])).context["progress"]
    assert dict(progress.postings)["拟派"] == 1 and dict(progress.postings)["在岗"] == 0


def test_ranking_query_count_is_flat(client, batch_world):
    w = batch_world
    from secondment.services.batches import batch_quota_set

    client.force_login(w.org_county_a)
    _nominate(w, w.cadre_a)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("secondment:batch-ranking", args=[w.batch.pk])).status_code == 200
        return len(ctx.captured_queries)

    one = count()
    unit = make_unit("甲县排名单位", parent=w.county_a)
    batch_quota_set(batch=w.batch, dispatching_unit=unit, quota=10, acting_user=None)
    for i in range(8):
        services.nomination_create(
            batch=w.batch, cadre=make_cadre(unit, f"排名{i}"), method="org", reason="x", acting_user=None
        )
    assert count() == one
