"""Create the "Curateurs" group: the people who upload documents and review the projects read from them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Curateurs"
PERMISSIONS = [
    ("documents", "add_document"),
    ("projects", "change_project"),
    ("projects", "view_project"),
    ("documents", "add_ingestjob"),
    ("documents", "change_ingestjob"),
    ("documents", "view_ingestjob"),
    # The audit trail is only ever added to: curators may not edit or delete it.
    ("documents", "add_auditentry"),
    ("documents", "view_auditentry"),
]


def create_group(apps, schema_editor):
    # Permissions are normally created after the last migration; this one needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("projects", "0002_review_and_external_id"),
        ("documents", "0002_ingestjob_auditentry"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
