"""Chinese names of this app's audit codes (core.labels)."""

from core.labels import action_labels_register

action_labels_register(
    {
        "unit.create": "新建单位",
        "unit.update": "修改单位",
        "cadre.create": "建立干部档案",
        "cadre.update": "修改干部信息",
        "cadre.import": "名册导入",
        "training.add": "登记培训",
        "reward.add": "登记奖惩",
        "reward.update": "修改奖惩",
        "reward.delete": "删除奖惩",
        "particulars.update": "修改任免审批表信息",
        "resume.add": "登记简历",
        "resume.update": "修改简历",
        "resume.delete": "删除简历",
        "family.add": "登记家庭成员",
        "family.update": "修改家庭成员",
        "family.delete": "删除家庭成员",
        "cadre.lrmx_import": "任免审批表导入",
    }
)
