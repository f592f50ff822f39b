"""Chinese names of this app's audit codes and reminder kinds (core.labels)."""

from core.labels import action_labels_register, reminder_kind_labels_register

from .models import NominationEvent, PostingStatusChange
from .workflow import BATCH_TRANSITIONS, LEAVE_TRANSITIONS, NOMINATION_TRANSITIONS, TRANSITIONS

# every posting transition and decision is audited as "posting.<its history action>"
action_labels_register(
    {**{k: t.label for k, t in TRANSITIONS.items()}, **PostingStatusChange.ACTION_LABELS}, prefix="posting."
)
action_labels_register(
    {**{k: t.label for k, t in NOMINATION_TRANSITIONS.items()}, **NominationEvent.ACTION_LABELS},
    prefix="nomination.",
)
action_labels_register({k: f"请假{t.label}" for k, t in LEAVE_TRANSITIONS.items()}, prefix="leave.")
action_labels_register({k: f"批次{t.label}" for k, t in BATCH_TRANSITIONS.items()}, prefix="batch.")
action_labels_register(
    {
        "batch.create": "新建批次",
        "batch.update": "修改批次",
        "batch.status": "批次状态变更",
        "batch.delete": "删除批次",
        "batch.quota": "设置推荐名额",
        "batch.offer": "增加挂职岗位",
        "batch.offer_remove": "删除挂职岗位",
        "batch.age_ceiling": "设置年龄上限",
        "extension.condition": "设置延期条件",
        "leave.request": "请假申请",
        "attendance.set": "登记考勤",
        "absence.add": "登记缺勤",
        "inspection.record": "记录督查",
        "inspection.rectified": "整改完成",
        "worklog.add": "写工作日志",
        "worklog.update": "修改工作日志",
        "symposium.create": "新建座谈会",
        "symposium.update": "修改座谈会",
        "symposium.attach": "上传座谈会附件",
        "feedback.create": "登记表现反馈",
        "feedback.acknowledge": "确认表现反馈",
        "rotation.add": "登记轮岗",
        "rotation.update": "修改轮岗",
        "living_support.set": "登记生活保障",
        "pairing.add": "建立结对帮扶",
        "pairing.remove": "取消结对帮扶",
    }
)
reminder_kind_labels_register(
    {
        "arrival": "到岗确认",
        "filing": "挂职备案",
        "term_end": "挂职期满",
        "rectification": "督查整改",
        "attendance": "考勤登记",
        "nomination_deadline": "推荐截止",
        "leave_pending": "请假待批",
        "posting_feedback": "表现反馈",
        "extension_waiting": "延期待办",
        "termination": "终止挂职",
    }
)
