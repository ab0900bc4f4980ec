# Jurists regrade and override quiz results (issue 17): ROLE_GRANTS gives them
# quizzes.regrade_attempt; installs migrated before it get it here, the way 0005 gave the roles.

from django.db import migrations


def roles_update(apps, schema_editor):
    from people.services import roles_ensure

    roles_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("paragraf", "0006_accommodation_roles"),
        ("quizzes", "0009_regrade_history_and_permission"),
    ]

    operations = [migrations.RunPython(roles_update, migrations.RunPython.noop)]
