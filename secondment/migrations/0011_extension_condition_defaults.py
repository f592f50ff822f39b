from django.db import migrations

# DOMAIN "Practice that varies by place": an extension usually needs all of these; a jurisdiction sets
# its own in admin (延期条件). The assessment condition accepts 称职（合格）and better by default.
DEFAULTS = [
    ("receiving_request", ""),
    ("dispatch_consent", ""),
    ("assessment", "2"),
    ("cadre_willing", ""),
]


def forwards(apps, schema_editor):
    ExtensionCondition = apps.get_model("secondment", "ExtensionCondition")
    for order, (kind, min_grade) in enumerate(DEFAULTS, start=1):
        ExtensionCondition.objects.get_or_create(
            jurisdiction=None, kind=kind, defaults={"min_grade": min_grade, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("secondment", "0010_extension_conditions_and_consent")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
