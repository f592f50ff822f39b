from django.db import migrations


def forwards(apps, schema_editor):
    from cadres.reference_data import load

    load(apps)


class Migration(migrations.Migration):
    dependencies = [("cadres", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
