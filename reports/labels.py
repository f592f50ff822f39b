"""Chinese names of this app's audit codes and reminder kinds (core.labels)."""

from core.labels import action_labels_register, reminder_kind_labels_register

from .workflow import TRANSITIONS

action_labels_register({k: f"汇报{t.label}" for k, t in TRANSITIONS.items()}, prefix="report.")
action_labels_register({"report.draft": "保存汇报草稿", "report.attach": "上传汇报附件"})
reminder_kind_labels_register(
    {
        "report_due": "汇报将到期",
        "report_overdue": "汇报逾期",
        "report_returned": "汇报被退回",
        "review_digest": "待审阅汇报",
    }
)
