from decimal import Decimal

from django.db import migrations

SCALES = {
    "公务员（参照管理人员）": ["优秀", "称职", "基本称职", "不称职"],
    "其他工作人员": ["优秀", "合格", "基本合格", "不合格"],
}
BANDS = [Decimal(90), Decimal(70), Decimal(60), Decimal(0)]
# a published form: 德20 能15 勤15 绩30 廉20 on a 0–100 scale
ITEMS = [
    ("德", 20, "政治品质、道德品行、群众观念"),
    ("能", 15, "履行职责的业务素质和能力"),
    ("勤", 15, "责任心、工作态度、工作作风"),
    ("绩", 30, "完成工作的数量、质量、效率和效益"),
    ("廉", 20, "廉洁自律"),
]


def forwards(apps, schema_editor):
    GradeScale = apps.get_model("assessments", "GradeScale")
    Grade = apps.get_model("assessments", "Grade")
    Template = apps.get_model("assessments", "IndicatorTemplate")
    Item = apps.get_model("assessments", "IndicatorItem")
    for i, (name, grades) in enumerate(SCALES.items()):
        scale, _ = GradeScale.objects.get_or_create(name=name, defaults={"is_default": i == 0})
        for order, (grade, band) in enumerate(zip(grades, BANDS, strict=True), start=1):
            Grade.objects.get_or_create(scale=scale, name=grade, defaults={"code": str(order), "min_score": band,
                                                                            "order": order})
        Grade.objects.get_or_create(scale=scale, name="不定等次", defaults={"code": "5", "order": 5})
    template, created = Template.objects.get_or_create(name="德能勤绩廉", version=1)
    if created:
        for order, (name, weight, description) in enumerate(ITEMS, start=1):
            Item.objects.create(template=template, name=name, weight=weight, description=description, order=order)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
