# Jurists and approvers upload SCORM packages (issue 22): ROLE_GRANTS gives them
# scorm.add/change/view_scormpackage; the roles migrations before the scorm app skipped them.

from django.db import migrations


def roles_update(apps, schema_editor):
    from people.services import roles_ensure

    roles_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("paragraf", "0008_notice_permission"),
        ("scorm", "0001_packages_and_attempts"),
    ]

    operations = [migrations.RunPython(roles_update, migrations.RunPython.noop)]
