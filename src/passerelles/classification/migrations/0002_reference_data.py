from django.db import migrations

from passerelles.classification.reference import load_reference


def load(apps, schema_editor):
    load_reference(apps.get_model("classification", "Sdg"), apps.get_model("classification", "Theme"))


class Migration(migrations.Migration):
    dependencies = [("classification", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
