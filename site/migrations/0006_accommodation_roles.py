# HR and jurists set accommodations (særlige vilkår, issue 17): the grants in
# people.roles.ROLE_GRANTS reach installs that already ran 0005_roles. roles_ensure is idempotent
# and additive, so this only adds the four accommodation permissions to HR, Jurist and
# Juridisk godkender.

from django.db import migrations


def roles_update(apps, schema_editor):
    from people.services import roles_ensure

    roles_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("paragraf", "0005_roles"),
        ("quizzes", "0008_accommodations"),
    ]

    operations = [migrations.RunPython(roles_update, migrations.RunPython.noop)]
