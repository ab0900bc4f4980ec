# The notice log (notices.Notice) replaces ReviewDigestLog as the record of "sent once" (issue 18).
# Each recipient's digest of a week becomes one sent notice with a key per item (cycle
# "<week>/<recipient id>", as authoring.services.review_digest_send writes them); then the old
# log is dropped.

from collections import defaultdict

from django.db import migrations


def digests_copy(apps, schema_editor):
    ReviewDigestLog = apps.get_model("authoring", "ReviewDigestLog")
    Notice = apps.get_model("notices", "Notice")
    NoticeKey = apps.get_model("notices", "NoticeKey")
    digests = defaultdict(list)
    for row in ReviewDigestLog.objects.order_by("pk").iterator(chunk_size=2000):
        digests[(row.recipient_id, row.week)].append(row)
    for (recipient_id, week), rows in digests.items():
        sent_at = min(row.sent_at for row in rows)
        notice = Notice.objects.create(
            recipient_id=recipient_id,
            kind="review_digest",
            subject=f"Paragraf: indhold til gennemsyn (uge {week.split('W')[1]})",
            status="sent",
            attempts=1,
            sent_at=sent_at,
        )
        Notice.objects.filter(pk=notice.pk).update(queued_at=sent_at)
        NoticeKey.objects.bulk_create(
            [
                NoticeKey(
                    notice=notice,
                    content_type_id=row.content_type_id,
                    object_id=row.object_id,
                    kind="review_digest",
                    cycle=f"{week}/{recipient_id}",
                )
                for row in rows
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("authoring", "0001_initial"),
        ("notices", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(digests_copy, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReviewDigestLog"),
    ]
