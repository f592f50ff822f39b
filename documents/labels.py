"""Chinese names of this app's audit codes and reminder kinds (core.labels)."""

from core.labels import action_labels_register, reminder_kind_labels_register

from .workflow import TRANSITIONS

action_labels_register({k: f"批量打印{t.label}" for k, t in TRANSITIONS.items()}, prefix="print.")
action_labels_register(
    {
        "print.create": "发起批量打印",
        "print.vote_slips": "打印扫码测评码",
        "file.transfer": "档案材料转递",
        "document_settings.create": "新建表格设置",
        "document_settings.update": "修改表格设置",
        "document_settings.delete": "删除表格设置",
    }
)
reminder_kind_labels_register({"appraisal_filing": "鉴定表归档"})
