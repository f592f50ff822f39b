"""Chinese names of this app's audit codes and reminder kinds (core.labels)."""

from core.labels import action_labels_register, reminder_kind_labels_register

from .workflow import ANNUAL_TRANSITIONS, STEP_LABELS

action_labels_register({k: f"年度考核：{t.label}" for k, t in ANNUAL_TRANSITIONS.items()}, prefix="annual.")
action_labels_register({k: f"期满鉴定：{label}" for k, label in STEP_LABELS.items()}, prefix="appraisal.")
action_labels_register({"annual.practice": "设置年度考核做法", "after.record": "登记挂职后使用情况"})
action_labels_register(
    {
        "vote.open": "扫码民主测评：发起",
        "vote.close": "扫码民主测评：结束",
        "vote.close_early": "扫码民主测评：提前结束",
        "vote.reopen": "扫码民主测评：重新开放",
        "vote.practice": "设置扫码民主测评做法",
    }
)
reminder_kind_labels_register({"appraisal_step": "期满鉴定待办", "annual_assessment": "年度考核待办"})
