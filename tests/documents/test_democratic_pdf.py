"""The democratic evaluation's printed forms (issue 14, "New documents"): the 民主测评汇总表 prints the
appraisal's own numbers under its scale's labels, or a blank form marked 未录入; blank 民主测评票 for the
meeting, as many as asked or as expected; both from the assessment tab for whoever sees the appraisal
(404 outside), the tally in the hand-off and in batch printing."""

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from assessments.services import appraisals as services
from documents.democratic import (
    BALLOTS_WITHOUT_HEADCOUNT,
    MAX_BALLOTS,
    ballot_count,
    ballots_pdf,
    democratic_tally_pdf,
)
from tests.assessments.test_appraisal_services import TALLIES, _complete
from tests.documents.pdf_layout import page_lines
from tests.factories import make_user


def _lines(pdf: bytes) -> list[str]:
    return [line.text for page in page_lines(pdf) for line in page]


def _text(pdf: bytes) -> str:
    return "".join(line.flat for page in page_lines(pdf) for line in page)


def _row(pdf: bytes, label: str) -> list[str]:
    """The words of the table row that starts with `label`."""
    return next(line.split() for line in _lines(pdf) if line.split()[0] == label)


@pytest.fixture
def other_staff_world(on_post_world):
    """appraisal_world, with the appraisal opened under the other staff's scale (优秀/合格/基本合格/不合格)
    made the default before the term ended."""
    from django.db.models import Case, Value, When

    from assessments.models import GradeScale
    from secondment.services.postings import postings_end_terms

    GradeScale.objects.update(is_default=Case(When(name="其他工作人员", then=Value(True)), default=Value(False)))
    w = on_post_world
    postings_end_terms(today=date(2026, 3, 1))
    w.appraisal = w.posting.appraisals.get()
    assert w.appraisal.scale.name == "其他工作人员"
    return w


# --- 民主测评汇总表 ----------------------------------------------------------------------------------


def test_the_tally_prints_the_appraisals_own_numbers(appraisal_world):
    """应到30 实到24, 22 valid, 1 invalid, 1 abstaining, 12/6/2/0 votes and 2 不了解
    (tests.assessments TALLIES): every number as entered, the rates as assessments.scoring computes them."""
    a = _complete(appraisal_world)
    demo = services.appraisal_numbers(a)["democratic"]
    pdf = democratic_tally_pdf(a)
    assert _row(pdf, "总人数") == ["总人数", "30", "应到", "30", "实到", "24", "参评率", "80%"]
    assert _row(pdf, "投票情况") == ["投票情况", "有效票", "22", "无效票", "1", "弃权票", "1"]
    assert _row(pdf, "等次") == ["等次", "优秀", "称职", "基本称职", "不称职", "不了解", "合计（有效票）"]
    assert _row(pdf, "票数") == ["票数", "12", "6", "2", "0", "2", "22"]
    assert _row(pdf, "占有效票") == ["占有效票", "55%", "27%", "9%", "0%", "9%", "100%"]
    text = _text(pdf)
    assert f"{demo.participation:.0%}" == "80%" and demo.valid
    assert "参评率80%（实到24人/应到30人），达到规定的67%，测评有效。" in text
    assert "优秀和称职票占有效票：81.8%" in text  # (12 + 6) / 22
    assert f"测评得分：{demo.score}" in text and str(demo.score) == "90.00"
    assert f"录入人：{appraisal_world.org_county_a}" in text and "录入时间：" in text
    assert "计票人（签名）：" in text and "监票人（签名）：" in text and "组织部门（盖章）" in text
    assert "未录入" not in text


def test_a_tally_below_two_thirds_participation_says_the_result_does_not_count(appraisal_world):
    w = appraisal_world
    tallies = {**TALLIES, "present": 18, "ballots_valid": 18, "ballots_invalid": 0, "ballots_abstain": 0}
    tallies.update(votes_excellent=10, votes_competent=6, votes_basic=2, votes_unknown=0)
    a = services.appraisal_democratic_evaluation(appraisal=w.appraisal, acting_user=w.org_county_a, **tallies)
    text = _text(democratic_tally_pdf(a))
    assert "参评率60%低于规定的67%，测评结果无效，请重新组织测评。" in text
    assert "测评有效" not in text


def test_an_appraisal_without_the_democratic_step_prints_a_blank_form_marked_unentered(appraisal_world):
    a = appraisal_world.appraisal
    assert a.democratic_at is None
    pdf = democratic_tally_pdf(a)
    text = _text(pdf)
    assert text.startswith("民主测评汇总表未录入")
    assert "未录入：本鉴定尚未录入民主测评结果，本表可在测评后手工填写。" in text
    assert _row(pdf, "总人数") == ["总人数", "应到", "实到", "参评率"]  # blanks to fill in
    assert _row(pdf, "票数") == ["票数"] and _row(pdf, "占有效票") == ["占有效票"]
    assert "甲干部" in text and "甲县石门镇副镇长" in text  # whose form it is, all the same


def test_the_labels_follow_the_appraisals_grade_scale(other_staff_world):
    w = other_staff_world
    a = services.appraisal_democratic_evaluation(appraisal=w.appraisal, acting_user=w.receive_a, **TALLIES)
    pdf = democratic_tally_pdf(a)
    assert _row(pdf, "等次") == ["等次", "优秀", "合格", "基本合格", "不合格", "不了解", "合计（有效票）"]
    assert _row(pdf, "票数") == ["票数", "12", "6", "2", "0", "2", "22"]
    text = _text(pdf)
    assert "优秀和合格票占有效票：81.8%" in text and "称职" not in text
    assert "等次体系：其他工作人员" in text


# --- 民主测评票 ------------------------------------------------------------------------------------


def _ballots(pdf: bytes) -> list[str]:
    """Each ballot's text (from one 民主测评票 title to the next)."""
    text = _text(pdf)
    return ["民主测评票" + part for part in text.split("民主测评票")[1:]]


def test_a_ballot_names_the_cadre_and_the_scales_choices_but_not_the_voter(other_staff_world):
    w = other_staff_world
    ballots = _ballots(ballots_pdf(w.appraisal, count=5))
    assert len(ballots) == 5 and len(set(ballots)) == 1  # all alike: none can be told apart
    ballot = ballots[0]
    assert "被测评人：甲干部" in ballot and "挂职单位及职务：甲县石门镇副镇长" in ballot
    assert f"批次：{w.batch.name}" in ballot
    assert "测评等次优秀合格基本合格不合格不了解总体评价" in ballot  # the choices, 不定等次 is none
    assert "不定等次" not in ballot and "称职" not in ballot
    assert "只能划一个" in ballot and "本票不记名" in ballot
    assert "投票人" not in ballot and "第1页" not in ballot  # no voter, no page number


def test_the_number_of_ballots_is_asked_or_expected_or_a_page(appraisal_world):
    a = appraisal_world.appraisal
    assert ballot_count(a) == BALLOTS_WITHOUT_HEADCOUNT  # nothing entered yet
    assert ballot_count(a, 7) == 7
    assert ballot_count(a, 10_000) == MAX_BALLOTS
    a = _complete(appraisal_world, until="talks")
    assert ballot_count(a) == 30  # 应到
    assert ballot_count(a, 12) == 12


def test_the_ballots_pdf_prints_count_ballots_several_to_a_page(client, appraisal_world):
    w = appraisal_world
    client.force_login(w.receive_a)  # the receiving unit holds the meeting
    url = reverse("documents:democratic-ballot-pdf", args=[w.appraisal.pk])
    pdf = client.get(url, {"count": "9"}).content
    assert len(_ballots(pdf)) == 9 and len(PdfReader(io.BytesIO(pdf)).pages) == 3
    assert len(_ballots(client.get(url).content)) == BALLOTS_WITHOUT_HEADCOUNT
    assert len(_ballots(client.get(url, {"count": "x"}).content)) == BALLOTS_WITHOUT_HEADCOUNT


# --- where they are offered, and to whom --------------------------------------------------------------


def test_the_tally_and_the_ballots_are_for_whoever_sees_the_appraisal(client, appraisal_world):
    w = appraisal_world
    urls = [
        reverse("documents:democratic-tally-pdf", args=[w.appraisal.pk]),
        reverse("documents:democratic-ballot-pdf", args=[w.appraisal.pk]),
        reverse("documents:transfer-pdf", args=[w.appraisal.pk]),
    ]
    for user in w.users_by_role().values():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200 and response.content.startswith(b"%PDF"), (user, url)
    client.force_login(make_user(roles=[("org_staff", w.county_b)]))
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.logout()
    assert all(client.get(url).status_code in (302, 404) for url in urls)


def test_the_assessment_tab_offers_the_tally_and_ballots_while_open(client, appraisal_world):
    from tests.documents.test_documents import _finalized

    w = appraisal_world
    page_url = reverse("assessments:posting", args=[w.posting.pk])
    tally = reverse("documents:democratic-tally-pdf", args=[w.appraisal.pk])
    ballots = reverse("documents:democratic-ballot-pdf", args=[w.appraisal.pk])
    client.force_login(w.receive_a)
    page = client.get(page_url).content.decode()
    assert tally in page and ballots in page and 'data-testid="ballots-form"' in page
    a = _finalized(w)
    page = client.get(page_url).content.decode()
    assert tally in page and ballots not in page  # no more meetings once finalized
    assert client.get(ballots).status_code == 404
    assert "民主测评汇总表" in _text(client.get(reverse("documents:democratic-tally-pdf", args=[a.pk])).content)


def test_the_ballot_count_field_starts_at_the_expected_number(client, appraisal_world):
    w = appraisal_world
    a = _complete(w, until="talks")
    client.force_login(w.org_county_a)
    page = client.get(reverse("assessments:posting", args=[w.posting.pk])).content.decode()
    form = page.split('data-testid="ballots-form"')[1].split("</form>")[0]
    assert f'value="{a.expected}"' in form and f'max="{MAX_BALLOTS}"' in form


# --- hand-off and batch printing ----------------------------------------------------------------------


def test_the_hand_off_prints_the_archived_form_and_the_tally(client, appraisal_world):
    from documents.models import ArchivedForm
    from tests.documents.test_documents import _finalized

    w = appraisal_world
    a = _finalized(w)
    archived = ArchivedForm.objects.get(appraisal=a).file.read()
    client.force_login(w.org_county_a)
    page = client.get(reverse("documents:transfer", args=[a.pk])).content.decode()
    materials = page.split('data-testid="transfer-materials"')[1].split("</ul>")[0]
    assert reverse("documents:democratic-tally-pdf", args=[a.pk]) in materials and "民主测评汇总" in materials
    assert reverse("documents:transfer-pdf", args=[a.pk]) in page
    package = client.get(reverse("documents:transfer-pdf", args=[a.pk])).content
    form_pages = len(PdfReader(io.BytesIO(archived)).pages)
    pages = page_lines(package)
    assert len(pages) == form_pages + 1
    form_text = "".join(line.flat for page in pages[:form_pages] for line in page)
    tally_text = "".join(line.flat for line in pages[-1])
    assert form_text == "".join(line.flat for page in page_lines(archived) for line in page)  # as filed
    assert tally_text.startswith("民主测评汇总表") and "票数12620222" in tally_text


def test_batch_printing_puts_each_appraisals_tally_next_to_its_form(appraisal_world):
    from documents.models import PrintJob
    from documents.services import print_job_create, print_job_run
    from tests.documents.test_documents import _finalized

    w = appraisal_world
    _finalized(w)
    job = print_job_create(batch=w.batch, acting_user=w.org_county_a)
    job = print_job_run(job_id=job.pk)
    assert job.status == PrintJob.Status.DONE and (job.done, job.total) == (1, 1)
    with zipfile.ZipFile(job.file.open("rb")) as archive:
        names = sorted(archive.namelist())
        assert len(names) == 2 and names[0].startswith("甲干部")
        tally = next(n for n in names if n.endswith("-民主测评汇总表.pdf"))
        assert tally.removesuffix("-民主测评汇总表.pdf") + ".pdf" in names
        assert "应到30实到24参评率80%" in _text(archive.read(tally))


def test_batch_printing_adds_blank_ballots_for_an_appraisal_whose_meeting_is_still_to_come(appraisal_world):
    """An open appraisal without its democratic evaluation gets its ballots in the batch zip, as many as its
    meeting expects; once the tallies are entered there are none."""
    from documents.services import print_job_create, print_job_run

    w = appraisal_world
    job = print_job_run(job_id=print_job_create(batch=w.batch, acting_user=w.org_county_a).pk)
    with zipfile.ZipFile(job.file.open("rb")) as archive:
        ballots = [n for n in archive.namelist() if n.endswith("-民主测评票.pdf")]
        assert len(ballots) == 1
        text = _text(archive.read(ballots[0]))
        assert text.count("民主测评票") == ballot_count(w.appraisal) and "甲干部" in text

    _complete(w, until="talks")
    job = print_job_run(job_id=print_job_create(batch=w.batch, acting_user=w.org_county_a).pk)
    with zipfile.ZipFile(job.file.open("rb")) as archive:
        assert not [n for n in archive.namelist() if n.endswith("-民主测评票.pdf")]


def test_batch_printing_takes_a_bounded_number_of_queries_per_form(appraisal_world):
    """Issue 18: a 300-form batch took 15 queries per form; what the form prints of the cadre, the grades
    and the previous version comes with the appraisal."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from documents.services import print_job_create, print_job_run
    from tests.documents.test_documents import _finalized

    w = appraisal_world
    _finalized(w)
    job = print_job_create(batch=w.batch, acting_user=w.org_county_a)
    with CaptureQueriesContext(connection) as ctx:
        job = print_job_run(job_id=job.pk)
    assert job.done == 1
    # the job's own bookkeeping (load, start, finish, audit rows) plus what one form needs
    # the job's own bookkeeping (load, start, finish with their audit rows: 17) plus one form's 12; before
    # the cadre's lookups, the grades and the previous version came with the appraisal it took 17 more
    assert len(ctx.captured_queries) <= 29, [q["sql"][:90] for q in ctx.captured_queries]
