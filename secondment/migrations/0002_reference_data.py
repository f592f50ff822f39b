from django.db import migrations

KINDS = [
    ("下派", "机关干部到乡镇（街道）、县区挂职"),
    ("上派", "基层干部到上级机关跟班学习、挂职"),
    ("外派", "到发达地区挂职锻炼"),
    ("交流", "单位之间交流任职"),
    ("对口帮扶", "对口帮扶、异地挂职"),
]
POSTS = ["副镇长", "副乡长", "镇长助理", "乡长助理", "副主任", "主任助理", "副局长", "局长助理",
         "村党组织第一书记", "副县长", "县长助理", "副总经理", "副院长", "副校长"]


def forwards(apps, schema_editor):
    BatchKind = apps.get_model("secondment", "BatchKind")
    PostTitle = apps.get_model("secondment", "PostTitle")
    for i, (name, description) in enumerate(KINDS, start=1):
        BatchKind.objects.get_or_create(name=name, defaults={"order": i, "description": description})
    for i, name in enumerate(POSTS, start=1):
        PostTitle.objects.get_or_create(name=name, defaults={"order": i})


class Migration(migrations.Migration):
    dependencies = [("secondment", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
