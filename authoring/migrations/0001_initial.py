# The four-eyes approval task and the review digest log move here from the ``paragraf`` app
# (site/ holds the project package only, issue 16). The tables are renamed, not copied; the
# content types follow, so Wagtail's task rows and the group permissions keep pointing at them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["foureyesapprovaltask", "reviewdigestlog"]


def content_types_follow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="paragraf", model__in=MOVED).update(
        app_label="authoring"
    )


def content_types_return(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="authoring", model__in=MOVED).update(
        app_label="paragraf"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("paragraf", "0003_privacy_settings"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE paragraf_foureyesapprovaltask RENAME TO authoring_foureyesapprovaltask",
                    "ALTER TABLE authoring_foureyesapprovaltask RENAME TO paragraf_foureyesapprovaltask",
                ),
                migrations.RunSQL(
                    "ALTER TABLE paragraf_foureyesapprovaltask_groups RENAME TO authoring_foureyesapprovaltask_groups",
                    "ALTER TABLE authoring_foureyesapprovaltask_groups RENAME TO paragraf_foureyesapprovaltask_groups",
                ),
                migrations.RunSQL(
                    "ALTER TABLE paragraf_reviewdigestlog RENAME TO authoring_reviewdigestlog",
                    "ALTER TABLE authoring_reviewdigestlog RENAME TO paragraf_reviewdigestlog",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="FourEyesApprovalTask",
                    fields=[
                        ("task_ptr", models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to="wagtailcore.task")),
                        ("groups", models.ManyToManyField(help_text="Pages/snippets at this step in a workflow will be moderated or approved by these groups of users", to="auth.group", verbose_name="groups")),
                    ],
                    options={
                        "verbose_name": "juridisk godkendelse (fire øjne)",
                        "verbose_name_plural": "juridiske godkendelser (fire øjne)",
                    },
                    bases=("wagtailcore.task",),
                ),
                migrations.CreateModel(
                    name="ReviewDigestLog",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("object_id", models.PositiveBigIntegerField()),
                        ("week", models.CharField(help_text="ISO-uge, fx 2026-W48.", max_length=8, verbose_name="uge")),
                        ("sent_at", models.DateTimeField(auto_now_add=True, verbose_name="sendt")),
                        ("content_type", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype")),
                        ("recipient", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="modtager")),
                    ],
                    options={
                        "verbose_name": "udsendt påmindelse om gennemsyn",
                        "verbose_name_plural": "udsendte påmindelser om gennemsyn",
                        "constraints": [models.UniqueConstraint(fields=("recipient", "content_type", "object_id", "week"), name="paragraf_review_digest_once_per_week")],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_follow, content_types_return),
    ]
