"""The HR-import screen's tasks on a real worker: the web process stores the upload and queues
the preview; the worker reads the file from shared storage, previews, and after confirm loads."""

from __future__ import annotations

import uuid

from django.core.files.base import ContentFile

from people.hr_imports import hr_import_confirm, hr_import_create
from people.models import HRImport, User
from people.tasks import hr_import_load_task, hr_import_preview_task
from tests.factories import UserFactory
from tests.services.conftest import skip_without_services
from tests.services.test_celery_worker import wait_until

pytestmark = skip_without_services


def test_an_upload_is_previewed_and_after_confirm_loaded_by_the_worker(live_db, worker, settings):
    settings.MEDIA_ROOT = worker.media_root  # the web process and the worker share the storage
    tag = uuid.uuid4().hex[:6].upper()
    data = (
        "medarbejdernr;fornavn;efternavn;enhedskode;enhedsnavn;overordnet_enhedskode;startdato\r\n"
        f"W{tag}1;Wanda;Worker;W{tag};Enhed {tag};;01-01-2020\r\n"
    ).encode()
    hr = UserFactory()
    record = hr_import_create(upload=ContentFile(data, name="hr.csv"), fmt="csv", by=hr)
    hr_import_preview_task.delay(record.pk)  # as the upload view does after commit

    def status() -> str:
        return HRImport.objects.get(pk=record.pk).status

    wait_until(lambda: status() != HRImport.Status.PENDING, what="the preview")
    record.refresh_from_db()
    assert record.status == HRImport.Status.PREVIEW, record.errors
    assert "1 nye" in record.lines[0]
    assert not User.objects.filter(employee_number=f"W{tag}1").exists()

    assert hr_import_confirm(record=record, by=hr)
    hr_import_load_task.delay(record.pk)  # as the confirm view does after commit
    wait_until(lambda: status() == HRImport.Status.DONE, what="the load")
    assert User.objects.filter(employee_number=f"W{tag}1", first_name="Wanda").exists()
    assert not (worker.media_root / record.file_name).exists()
