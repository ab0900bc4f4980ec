# The privacy settings move here from the ``paragraf`` app (the privacy screens are people's,
# issue 16). The table is renamed, not copied; its content type follows.

import django.core.validators
from django.db import migrations, models


def content_type_follows(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="paragraf", model="privacysettings").update(
        app_label="people"
    )


def content_type_returns(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="people", model="privacysettings").update(
        app_label="paragraf"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("paragraf", "0003_privacy_settings"),
        ("people", "0004_hr_import"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE paragraf_privacysettings RENAME TO people_privacysettings",
                    "ALTER TABLE people_privacysettings RENAME TO paragraf_privacysettings",
                ),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="PrivacySettings",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("controller", models.CharField(default="Københavns Kommune, Teknik- og Miljøforvaltningen", max_length=255, verbose_name="dataansvarlig")),
                        ("controller_address", models.CharField(blank=True, default="Njalsgade 13, 2300 København S", max_length=255, verbose_name="adresse")),
                        ("contact_email", models.EmailField(default="paragraf@tmf.kk.dk", max_length=254, verbose_name="kontakt-e-mail")),
                        ("dpo_email", models.EmailField(default="dpo@kk.dk", max_length=254, verbose_name="databeskyttelsesrådgiver (DPO)")),
                        ("retention_years", models.PositiveSmallIntegerField(default=1, help_text="Så mange år efter slutdatoen anonymiseres en fratrådt medarbejders læringsdata.", validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(10)], verbose_name="opbevaring efter fratræden (år)")),
                        ("accessibility_statement_url", models.URLField(default="https://www.was.digst.dk/", help_text="Adressen på tilgængelighedserklæringen i Digitaliseringsstyrelsens WAS-værktøj.", verbose_name="tilgængelighedserklæring (adresse)")),
                    ],
                    options={"verbose_name": "privatliv og tilgængelighed"},
                ),
            ],
        ),
        migrations.RunPython(content_type_follows, content_type_returns),
    ]
