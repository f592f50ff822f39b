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


def step_rows(appraisal, actions: set[str], bound: dict | None = None) -> list[dict]:
    """One row per step in order: its label, whether it is done, and its form where the user may fill it
    (the one sent back with errors, `bound["step:<key>"]`, as typed)."""
    bound = bound or {}
    return [
        {
            "key": step.key,
            "label": step.label,
            "done": getattr(appraisal, step.done_field) is not None,
            "form": (bound.get(f"step:{step.key}") or step_form(step.key, appraisal)) if step.key in actions else None,
        }
        for step in STEPS
    ]
