# The notice log (notices.Notice) replaces ReminderLog as the record of "sent once" (issue 18).
# Each reminder already sent becomes a sent notice with its key (assignment × kind × cycle), so
# no reminder goes out a second time after the upgrade; then ReminderLog is dropped.

from django.db import migrations

SUBJECTS = {
    "due_soon": "Påmindelse før fristen (sendt før beskedloggen)",
    "overdue": "Fristen er overskredet (sendt før beskedloggen)",
    "manager_overdue": "Overskredne frister til leder (sendt før beskedloggen)",
}


def reminders_copy(apps, schema_editor):
    ReminderLog = apps.get_model("compliance", "ReminderLog")
    Notice = apps.get_model("notices", "Notice")
    NoticeKey = apps.get_model("notices", "NoticeKey")
    ContentType = apps.get_model("contenttypes", "ContentType")
    assignment_type, _ = ContentType.objects.get_or_create(
        app_label="compliance", model="assignment"
    )
    rows = ReminderLog.objects.select_related("assignment").order_by("pk").iterator(chunk_size=2000)
    batch = []

    def flush():
        notices = Notice.objects.bulk_create(
            [
                Notice(
                    recipient_id=row.recipient_id,
                    kind=row.kind,
                    subject=SUBJECTS.get(row.kind, row.kind),
                    status="sent",
                    attempts=1,
                    sent_at=row.sent_at,
                )
                for row in batch
            ]
        )
        if notices and notices[0].pk is None:  # a backend that returns no ids
            raise RuntimeError("bulk_create returned no primary keys")
        NoticeKey.objects.bulk_create(
            [
                NoticeKey(
                    notice_id=notice.pk,
                    content_type_id=assignment_type.pk,
                    object_id=row.assignment_id,
                    kind=row.kind,
                    cycle=str(row.assignment.cycle),
                    person_id=row.assignment.person_id,
                )
                for notice, row in zip(notices, batch, strict=True)
            ]
        )
        # queued_at is auto_now_add: the migration keeps the original time
        for notice, row in zip(notices, batch, strict=True):
            Notice.objects.filter(pk=notice.pk).update(queued_at=row.sent_at)
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= 2000:
            flush()
    if batch:
        flush()


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0006_importedcompletion"),
        ("notices", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(reminders_copy, migrations.RunPython.noop),
        migrations.DeleteModel(name="ReminderLog"),
    ]
