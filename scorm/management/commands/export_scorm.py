"""``manage.py export_scorm <course id or slug> -o FILE``: a live course as a SCORM 1.2 zip."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courses.models import CoursePage
from scorm.export import ExportRefused, course_export_scorm


class Command(BaseCommand):
    help = "Export a live course as a SCORM 1.2 package (one SCO) for another LMS."

    def add_arguments(self, parser) -> None:
        parser.add_argument("course", help="the course page's id or slug")
        parser.add_argument("-o", "--output", required=True, help="the zip to write")

    def handle(self, *args, **options) -> None:
        ref = options["course"]
        courses = (
            CoursePage.objects.filter(pk=int(ref))
            if ref.isdigit()
            else CoursePage.objects.filter(slug=ref)
        )
        course = courses.first()
        if course is None:
            raise CommandError(f"no course with id or slug {ref!r}")
        try:
            export = course_export_scorm(course=course)
        except ExportRefused as refused:
            raise CommandError(refused.message) from refused
        output = Path(options["output"])
        partial = output.with_name(output.name + ".part")
        partial.write_bytes(export.data)
        partial.replace(output)
        self.stdout.write(
            f"{output}: {len(export.data):,} bytes; {export.lessons} lessons, {export.quizzes} "
            f"quizzes, {export.questions} questions"
        )
        for line in export.left_out:
            self.stdout.write(f"  left out: {line}")
