# HR reads the notice log (issue 18): ROLE_GRANTS gives HR notices.view_notice; installs migrated
# before it get it here, the way 0005 gave the roles.

from django.db import migrations


def roles_update(apps, schema_editor):
    from people.services import roles_ensure

    roles_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("paragraf", "0007_regrade_permission"),
        ("notices", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_update, migrations.RunPython.noop)]
