# Jurists record findings and HR reads them (people.roles.ROLE_GRANTS); installs migrated before
# the findings app get the permissions here, the way paragraf 0005 gave the roles.

from django.db import migrations


def roles_update(apps, schema_editor):
    from people.services import roles_ensure

    roles_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0001_initial"),
        ("paragraf", "0008_notice_permission"),
    ]

    operations = [migrations.RunPython(roles_update, migrations.RunPython.noop)]
