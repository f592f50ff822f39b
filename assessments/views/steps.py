"""The appraisal's steps as the pages show them: `assessments.workflow.STEPS` with each step's form and
the service that records it."""

from .. import forms as f
from ..services import appraisals
from ..workflow import STEPS

# step key -> the form that fills it (the order and labels are the workflow's)
STEP_FORMS = {
    "self_summary": f.SelfSummaryForm,
    "receiving": f.ReceivingForm,
    "democratic": f.DemocraticForm,
    "talks": f.TalksForm,
    "dispatch": f.DispatchForm,
    "conclusion": f.ConclusionForm,
}
assert set(STEP_FORMS) == {step.key for step in STEPS}, "every step of assessments.workflow.STEPS has a form"


def step_form(step: str, appraisal, data=None):
    kwargs = {"prefix": step}
    if step == "receiving":
        kwargs["items"] = appraisal.template.items.all()
    if step == "conclusion":
        kwargs["scale"] = appraisal.scale
    return STEP_FORMS[step](data, **kwargs)


def _receiving(*, appraisal, form, acting_user):
    fields = {k: v for k, v in form.cleaned_data.items() if not k.startswith("score_")}
    return appraisals.appraisal_receiving_evaluation(
        appraisal=appraisal, scores=form.scores(), acting_user=acting_user, **fields
    )


def _plain(service):
    def record(*, appraisal, form, acting_user):
        return service(appraisal=appraisal, acting_user=acting_user, **form.cleaned_data)

    return record


# step key -> fn(appraisal=, form=, acting_user=) calling the step's service
STEP_SERVICES = {
    "self_summary": _plain(appraisals.appraisal_self_summary),
    "receiving": _receiving,
    "democratic": _plain(appraisals.appraisal_democratic_evaluation),
    "talks": _plain(appraisals.appraisal_talks),
    "dispatch": _plain(appraisals.appraisal_dispatch_opinion),
    "conclusion": _plain(appraisals.appraisal_conclude),
}


def _parts(appraisal, key: str) -> list[tuple[str, str]]:
    """What a finished step recorded, as (label, text) pairs, empty parts left out."""
    a = appraisal
    if key == "self_summary":
        parts = [("个人总结", a.self_summary)]
    elif key == "receiving":
        parts = [
            ("一、基本情况", a.opinion_intro),
            ("二、主要优点", a.opinion_strengths),
            ("三、主要不足", a.opinion_shortcomings),
            ("四、希望", a.opinion_hopes),
            ("挂职期间主要工作/分管工作", a.main_work),
        ]
    elif key == "democratic":
        counts = "，".join(
            f"{label} {value}"
            for label, value in (
                ("总人数", a.headcount),
                ("应到", a.expected),
                ("实到", a.present),
                ("有效票", a.ballots_valid),
                ("无效票", a.ballots_invalid),
                ("弃权票", a.ballots_abstain),
            )
            if value is not None
        )
        votes = "，".join(
            f"{label} {value}"
            for label, value in (
                ("优秀", a.votes_excellent),
                ("称职", a.votes_competent),
                ("基本称职", a.votes_basic),
                ("不称职", a.votes_incompetent),
                ("不了解", a.votes_unknown),
            )
            if value is not None
        )
        parts = [("人数与票数", counts), ("测评结果", votes)]
    elif key == "talks":
        parts = [("个别谈话情况", a.talks), ("调查核实情况", a.verification)]
    elif key == "dispatch":
        parts = [("派出单位意见", a.dispatch_opinion)]
    else:  # conclusion
        parts = [
            ("组织部门鉴定意见", a.conclusion),
            ("鉴定等次", str(a.final_grade or "")),
            ("等次与建议不一致的理由", a.grade_deviation_reason),
            ("备案编号", a.filing_no),
        ]
    return [(label, text) for label, text in parts if text]


LONG_TEXT = 200  # a finished step whose text is longer starts collapsed


def step_rows(
    appraisal, actions: set[str], readable: frozenset[str] | set[str] = frozenset(), bound: dict | None = None
) -> list[dict]:
    """One row per step in order: its label, whether it is done, its form where the user may fill it (the
    one sent back with errors, `bound["step:<key>"]`, as typed) and, once done, who did it, when, and what
    it recorded (for the steps in `readable`)."""
    bound = bound or {}
    rows = []
    for step in STEPS:
        at = getattr(appraisal, step.done_field)
        by = getattr(appraisal, step.by_field) if step.by_field else None
        if at is not None and step.key == "self_summary":
            by = appraisal.posting.cadre  # the cadre writes their own summary
        parts = _parts(appraisal, step.key) if at is not None and step.key in readable else []
        rows.append(
            {
                "key": step.key,
                "label": step.label,
                "done": at is not None,
                "at": at,
                "by": by,
                "parts": parts,
                "long": sum(len(text) for _, text in parts) > LONG_TEXT,
                "form": (bound.get(f"step:{step.key}") or step_form(step.key, appraisal))
                if step.key in actions
                else None,
            }
        )
    return rows
