# The six role groups with their permissions, on every install (issue 16): before, only the demo
# seeding granted them, so a production install had no working HR, jurist or approver role.
# The table is people.roles.ROLE_GRANTS; `manage.py ensure_roles` writes the same.

from django.db import migrations


def roles_create(apps, schema_editor):
    from people.services import roles_ensure

    roles_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("paragraf", "0004_moved_to_apps"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("people", "0006_permissions"),
        ("guidelines", "0004_guidelinechange_citation_guidelinerevisionseen_and_more"),
        ("quizzes", "0003_permissions"),
        ("authoring", "0001_initial"),
        ("compliance", "0005_permissions"),
        ("certificates", "0002_certificate_assignment"),
        ("axes", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_create, migrations.RunPython.noop)]
