# The authoring tables and the privacy settings now belong to the ``authoring`` and ``people``
# apps (their migrations renamed the tables); here they leave this app's state only.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("paragraf", "0003_privacy_settings"),
        ("authoring", "0001_initial"),
        ("people", "0005_privacy_settings"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="FourEyesApprovalTask"),
                migrations.DeleteModel(name="ReviewDigestLog"),
                migrations.DeleteModel(name="PrivacySettings"),
            ],
        ),
    ]
