"""Certificates in bulk (issue 18): one ZIP of 10,000 certificate PDFs and its index.

10,000 certificates of one bench course are written (bulk insert) for the bench's people
(``bench.datagen``), several per person, none with a stored PDF, so the build renders every
PDF: the worst case. The bundle is asked for as HR would (the whole bench tree, the course,
today) and built in a fresh process (``python bench/certificates_bulk.py BUNDLE_ID``), so its
peak RSS (VmHWM) is the build's own and not the generator's; that process reports its
footprint before the build (Django set up, one query) as the memory baseline. Budget: peak RSS
≤ 150 MB.

The time baseline, measured in this run: the same 10,000 PDFs rendered by the same code
(``certificate_pdf_render``) without the database, the ZIP or storage — rendering alone, all
of them. The ratio says what reading, zipping and storing cost on top. Afterwards the
certificates, the bundle and its file are deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

CERTIFICATES = 10_000
ROOT = Path(__file__).resolve().parent.parent
CODE_PREFIX = "Z"  # bench certificates' codes start with Z: easy to delete again


def _status_mb(field: str) -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _certificates(course) -> int:
    """Write CERTIFICATES certificates for the bench's people (bulk insert)."""
    from django.utils import timezone

    from bench.datagen import PREFIX
    from certificates.codes import code_generate
    from certificates.models import Certificate
    from people.models import User

    people = list(
        User.objects.filter(employee_number__startswith=PREFIX)
        .order_by("id")
        .values_list("id", "first_name", "last_name")[:CERTIFICATES]
    )
    if not people:
        raise RuntimeError("certificates bulk bench needs bench.datagen's people")
    now = timezone.now()
    rows = []
    for i in range(CERTIFICATES):
        pk, first, last = people[i % len(people)]
        completed = now - dt.timedelta(minutes=i)
        rows.append(
            Certificate(
                code=CODE_PREFIX + code_generate()[1:],
                holder_id=pk,
                holder_name=f"{first} {last}".strip() or f"Medarbejder {pk}",
                course=course,
                course_title=course.title,
                completed_at=completed,
                issued_at=completed,
                valid_until=(now + dt.timedelta(days=730)).date() if i % 3 else None,
            )
        )
    Certificate.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _render_baseline(course) -> float:
    """Seconds to render the same number of PDFs, from content objects, without the rest."""
    from certificates.models import Certificate
    from certificates.pdf import certificate_pdf_render
    from certificates.services import certificate_content, certificate_template_current

    template = certificate_template_current()
    contents = [
        certificate_content(certificate=certificate, template=template)
        for certificate in Certificate.objects.filter(
            course=course, code__startswith=CODE_PREFIX
        ).iterator(chunk_size=1000)
    ]
    start = time.perf_counter()
    for content in contents:
        certificate_pdf_render(content)
    return time.perf_counter() - start


def _cleanup(course) -> None:
    from certificates.models import Certificate, CertificateBundle

    for bundle in CertificateBundle.objects.filter(course=course):
        if bundle.file:
            bundle.file.storage.delete(bundle.file.name)
        bundle.delete()
    Certificate.objects.filter(course=course, code__startswith=CODE_PREFIX).delete()


def run(ctx):
    from django.utils import timezone

    from bench.datagen import PREFIX
    from bench.harness import Figure
    from certificates.bundles import bundle_request
    from courses.models import CoursePage
    from people.models import OrgUnit, User

    course = CoursePage.objects.filter(slug__startswith="bench-").order_by("path").first()
    top = OrgUnit.objects.filter(code=PREFIX).first()
    if course is None or top is None:
        raise RuntimeError("certificates bulk bench needs bench.datagen's units and courses")
    hr, _ = User.objects.get_or_create(
        username="bench-bulk-hr", defaults={"is_superuser": True, "is_staff": True}
    )
    _cleanup(course)
    try:
        written = _certificates(course)
        baseline = _render_baseline(course)
        today = timezone.localdate()
        bundle = bundle_request(
            by=hr,
            unit=top,
            course=course,
            issued_from=today - dt.timedelta(days=30),
            issued_to=today,
        )
        measured = _measure_in_fresh_process(bundle.pk)
    finally:
        _cleanup(course)
    per_pdf = measured["seconds"] / max(measured["certificates"], 1) * 1000
    return [
        Figure(
            f"certificate ZIP, {measured['certificates']:,} PDFs + index (fresh process)",
            measured["seconds"],
            "s",
            baseline=baseline,
            baseline_name=f"rendering the same {written:,} PDFs alone",
            note=(
                f"{measured['mb']:.0f} MB ZIP, {per_pdf:.1f} ms per certificate "
                "(no stored PDFs: every one rendered)"
            ),
        ),
        Figure(
            "certificate ZIP, peak RSS of the building process",
            measured["peak_mb"],
            "MB",
            budget=150,
            baseline=measured["start_mb"],
            baseline_name="the same process before the build",
        ),
    ]


def _measure_in_fresh_process(bundle_id: int) -> dict:
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(Path(__file__).resolve()), str(bundle_id)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ.copy(),
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(bundle_id: int) -> None:
    """The measured build, in a process of its own: prints one JSON line."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paragraf.settings")
    import django

    django.setup()
    from certificates.bundles import bundle_build
    from people.models import User

    User.objects.exists()  # a connection and the ORM warmed up, as in a worker
    start_mb = _status_mb("VmRSS")
    start = time.perf_counter()
    bundle = bundle_build(bundle_id=bundle_id)
    seconds = time.perf_counter() - start
    if bundle is None or bundle.status != "done":
        raise SystemExit(f"bundle {bundle_id} not built: {bundle and bundle.status}")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": _status_mb("VmHWM"),
                "start_mb": start_mb,
                "certificates": bundle.total,
                "mb": bundle.size / 2**20,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
