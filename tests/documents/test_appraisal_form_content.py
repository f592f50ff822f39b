"""What the appraisal form (鉴定表) prints, read back from the rendered PDF (issue 14, "鉴定表 complete"):
signature lines, the 草稿 watermark, the 更正件 line, 奖惩情况 from the cadre's record, 民主测评 with
ballots, participation and the scale's own grade names, the four labelled parts of the receiving unit's
opinion, the suggested grade and the reason where the final grade differs, the configured title in the
header row of every page."""

from datetime import date

import pytest
from django.utils import timezone

from assessments.demo import _through
from assessments.services import appraisals as services
from documents.appraisal_form import appraisal_form_pdf
from tests.documents.pdf_layout import page_lines, watermarks
from tests.documents.test_pdf_layout import chinese

DEMO_SUMMARY = "一年来，我认真履职……"  # assessments.demo's self summary


def _flat(pdf: bytes) -> list[str]:
    """Every line of every page, whitespace removed, in reading order."""
    return [line.flat for page in page_lines(pdf) for line in page]


def _index(lines: list[str], needle: str, start: int = 0) -> int:
    return next(i for i in range(start, len(lines)) if needle in lines[i])


def _local(value) -> str:
    return f"{timezone.localtime(value):%Y年%m月%d日}"


@pytest.fixture
def finalized(appraisal_world):
    return _through(appraisal_world.appraisal, until="finalize")


def test_the_cadre_signs_under_the_self_summary_and_a_leader_under_each_opinion(finalized):
    lines = _flat(appraisal_form_pdf(finalized))
    own = [i for i, line in enumerate(lines) if line.startswith("本人签名：")]
    assert len(own) == 1 and lines[own[0]] == f"本人签名：{_local(finalized.self_summary_at)}"
    assert _index(lines, DEMO_SUMMARY) < own[0] < _index(lines, "牵头推进高标准农田项目")
    leaders = [i for i, line in enumerate(lines) if line.startswith("负责人签名：")]
    assert len(leaders) == 3
    # each under its opinion, next to that opinion's （盖章）date line
    closing = [("指标得分：", finalized.receiving_at), ("同意接收单位的评价意见。", finalized.dispatch_at)]
    closing.append(("鉴定等次：", finalized.conclusion_at))
    for sign, (opinion_end, stamped) in zip(leaders, closing, strict=True):
        assert _index(lines, opinion_end) < sign
        seal = _index(lines, "（盖章）", sign)
        assert seal <= sign + 2 and lines[seal] == f"（盖章）{_local(stamped)}"


def test_a_finalized_form_carries_no_watermark(finalized):
    assert finalized.status == "finalized"
    assert set(watermarks(appraisal_form_pdf(finalized))) == {""}


def test_every_page_of_a_long_draft_carries_the_watermark(appraisal_world):
    draft = _through(appraisal_world.appraisal, until="talks")
    draft.self_summary = chinese(5000, paragraph=200)
    pdf = appraisal_form_pdf(draft)
    pages = page_lines(pdf)
    assert len(pages) >= 3
    assert watermarks(pdf) == ["草稿"] * len(pages)
    lines = _flat(pdf)
    assert not any("草稿" in line for line in lines)  # drawn across the page, not a line of the form
    # what the draft still waits for says so
    assert sum(line.count("（尚未填写）") for line in lines) == 2  # the dispatching unit's and the conclusion


def test_a_correction_says_which_finalized_version_it_replaces_and_why(appraisal_world, finalized):
    assert not any("更正件" in line for line in _flat(appraisal_form_pdf(finalized)))
    correction = services.appraisal_correct(
        appraisal=finalized, reason="备案编号录入有误", acting_user=appraisal_world.org_county_a
    )
    expected = (
        f"更正件：本表为第2版，于{_local(correction.created_at)}更正{_local(finalized.finalized_at)}定稿的第1版"
        "（备案编号临组鉴备〔2026〕3号）；更正理由：备案编号录入有误"
    )
    pdf = appraisal_form_pdf(correction)
    assert expected in "".join(_flat(pdf)[:4])  # under the title, before the table
    assert set(watermarks(pdf)) == {"草稿"}  # open again: a draft until it is finalized
    correction = services.appraisal_finalize(appraisal=correction, acting_user=appraisal_world.org_county_a)
    pdf = appraisal_form_pdf(correction)
    assert expected in "".join(_flat(pdf)[:4]) and set(watermarks(pdf)) == {""}


def test_rewards_and_punishments_of_the_term_are_printed_oldest_first(appraisal_world, finalized):
    """The posting runs from 2025-03-01 to 2026-02-28: what is dated in it, both days included, is
    printed; what is dated before or after is not."""
    from cadres.services import reward_punishment_add

    w = appraisal_world
    assert (w.posting.start_date, w.posting.end_date) == (date(2025, 3, 1), date(2026, 2, 28))
    records = [
        ("reward", "记三等功", date(2025, 2, 28), "", ""),
        ("punishment", "诫勉谈话", date(2025, 9, 1), "", "已按期整改"),
        ("reward", "被评为“优秀挂职干部”", date(2026, 2, 28), "甲委〔2026〕8号", ""),
        ("reward", "嘉奖", date(2025, 3, 1), "", ""),
        ("reward", "被评为“优秀共产党员”", date(2026, 3, 1), "", ""),
    ]
    for kind, title, day, doc, note in records:
        reward_punishment_add(
            cadre=w.cadre_a,
            acting_user=None,
            kind=kind,
            title=title,
            date=day,
            issuing_body="中共甲县县委",
            document_no=doc,
            note=note,
        )
    text = "".join(_flat(appraisal_form_pdf(finalized)))
    printed = [
        "2025年03月01日奖励：嘉奖（中共甲县县委）",
        "2025年09月01日惩处：诫勉谈话（中共甲县县委）；已按期整改",
        "2026年02月28日奖励：被评为“优秀挂职干部”（中共甲县县委，甲委〔2026〕8号）",
    ]
    positions = [text.index(line) for line in printed]
    assert positions == sorted(positions)
    assert "记三等功" not in text and "优秀共产党员" not in text


def test_without_rewards_or_punishments_the_form_says_none(finalized):
    import re

    lines = _flat(appraisal_form_pdf(finalized))
    between = "".join(lines[_index(lines, "未经批准离岗") + 1 : _index(lines, "同意接收单位的评价意见。")])
    # what stands there besides the row labels (split over lines), a page footer and the repeated header
    between = re.sub(r"第\d+页共\d+页|甲干部·挂职锻炼总结鉴定表", "", between)
    assert "".join(c for c in between if c not in "考勤及请销假情况挂职期间奖惩情况派出单位意见") == "无"


def test_the_democratic_evaluation_prints_ballots_rate_and_the_scales_grade_names(on_post_world):
    """An appraisal on the scale for other staff (优秀/合格/基本合格/不合格) names its votes so."""
    from assessments.models import GradeScale
    from secondment.services.postings import postings_end_terms

    w = on_post_world
    GradeScale.objects.update(is_default=False)
    GradeScale.objects.filter(name="其他工作人员").update(is_default=True)
    postings_end_terms(today=date(2026, 3, 1))
    appraisal = _through(w.posting.appraisals.get(), until="democratic")
    assert appraisal.scale.name == "其他工作人员"
    text = "".join(_flat(appraisal_form_pdf(appraisal)))
    # assessments.demo's tallies: 28 expected, 25 present, 24 valid, 1 invalid; 15/8/1/0 and 0 don't know
    assert "应到28人，实到25人，参评率89.3%；有效票24张，无效票1张，弃权票0张。" in text
    assert "优秀15票，合格8票，基本合格1票，不合格0票，不了解0票。" in text
    assert "称职" not in text


def test_a_participation_under_two_thirds_prints_the_rate_and_why_the_result_is_void(appraisal_world):
    a = _through(appraisal_world.appraisal, until="receiving")
    a = services.appraisal_democratic_evaluation(
        appraisal=a,
        acting_user=appraisal_world.org_county_a,
        headcount=30,
        expected=30,
        present=18,
        ballots_valid=17,
        ballots_invalid=0,
        ballots_abstain=1,
        votes_excellent=9,
        votes_competent=6,
        votes_basic=0,
        votes_incompetent=0,
        votes_unknown=2,
    )
    text = "".join(_flat(appraisal_form_pdf(a)))
    assert "应到30人，实到18人，参评率60.0%；有效票17张，无效票0张，弃权票1张。" in text
    assert "优秀9票，称职6票，基本称职0票，不称职0票，不了解2票。" in text
    assert "参与率60%低于规定的67%，测评结果无效，请重新组织测评。" in text


def test_the_receiving_units_opinion_prints_its_four_parts_each_labelled_on_its_own_line(finalized):
    from assessments.demo import OPINION

    lines = _flat(appraisal_form_pdf(finalized))
    parts = [("基本情况", "intro"), ("主要优点", "strengths"), ("主要不足", "shortcomings"), ("希望", "hopes")]
    found = [_index(lines, f"{label}：{OPINION[key]}") for label, key in parts]
    assert found == sorted(found) and len(set(found)) == 4


def test_a_grade_other_than_the_suggested_one_prints_the_suggestion_and_the_reason(appraisal_world):
    from assessments.models import Grade
    from tests.assessments.test_appraisal_services import _complete

    excellent = Grade.objects.get(scale=appraisal_world.appraisal.scale, name="优秀")
    a = _complete(appraisal_world, grade=excellent)  # suggested 称职 (88.71), reason 有突出贡献
    lines = _flat(appraisal_form_pdf(a))
    grade = _index(lines, "综合得分：88.71鉴定等次：优秀")
    suggestion = _index(lines, "建议等次：称职")
    reason = _index(lines, "等次与建议不一致的理由：有突出贡献")
    assert grade < suggestion < reason < [i for i, line in enumerate(lines) if line.startswith("负责人签名")][-1]


def test_a_grade_as_suggested_prints_no_suggestion(finalized):
    assert finalized.final_grade == finalized.suggested_grade
    assert not any("建议等次" in line for line in _flat(appraisal_form_pdf(finalized)))


def test_every_page_is_headed_with_the_cadre_and_the_configured_title(appraisal_world, finalized):
    from documents.models import DocumentSettings

    DocumentSettings.objects.create(jurisdiction=appraisal_world.county_a, appraisal_form_title="甲县挂职干部鉴定表")
    finalized.self_summary = chinese(4000)
    pages = page_lines(appraisal_form_pdf(finalized))
    assert len(pages) >= 3
    for page in pages:
        assert "甲干部·甲县挂职干部鉴定表" in [line.flat for line in page]
    assert not any("挂职锻炼考核鉴定" in line.flat for page in pages for line in page)


def test_a_reward_read_from_a_appointment_form_prints_without_an_empty_bracket(appraisal_world, finalized):
    """A 任免审批表 (.lrmx) line such as "2025.06 被评为优秀共产党员" lands as a record without an approving
    body: the form prints it as it reads, no empty （）."""
    from cadres.services import reward_punishment_add

    reward_punishment_add(
        cadre=appraisal_world.cadre_a,
        acting_user=None,
        kind="reward",
        title="被评为优秀共产党员",
        date=date(2025, 6, 1),
    )
    text = "".join(_flat(appraisal_form_pdf(finalized)))
    assert "2025年06月01日奖励：被评为优秀共产党员" in text and "（）" not in text
