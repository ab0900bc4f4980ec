"""Peak memory of the HR-import screen's work for one file: store the upload, preview (dry run)
and confirm (load), as the view and the eager Celery tasks do it, in this one process.

    python bench/hr_upload_memory.py FILE.csv          # prints RSS before and the peak after
    python bench/hr_upload_memory.py --write FILE.csv  # writes the bench's 45,000-person CSV

Run it against a scratch database (DATABASE_URL): it loads the people in FILE and leaves them.
"""

from __future__ import annotations

import os
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.settings")


def _rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    import django

    django.setup()
    if sys.argv[1] == "--write":
        from bench.import_bench import _csv

        Path(sys.argv[2]).write_bytes(_csv(45_000))
        return
    from django.core.files import File

    from people.hr_imports import hr_import_confirm, hr_import_create
    from people.models import HRImport, User

    actor, _ = User.objects.get_or_create(username="hr-memory-bench")
    print(f"RSS after start: {_rss_mb():.0f} MB")
    with open(sys.argv[1], "rb") as handle:
        record = hr_import_create(upload=File(handle, name="hr.csv"), fmt="csv", by=actor)
    record.refresh_from_db()
    print(
        f"after preview: {record.status} {record.lines} {record.errors[:3]}; RSS {_rss_mb():.0f} MB"
    )
    hr_import_confirm(record=record, by=actor)
    record = HRImport.objects.get(pk=record.pk)
    print(f"after load: {record.status} {record.lines} {record.errors[:3]}; RSS {_rss_mb():.0f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of preview + confirm: {peak:.0f} MB")


if __name__ == "__main__":
    main()
