"""Apply the demo's material guideline change: AG-UDE-3's walking line goes from 2 to 3 fliser.

Before publishing, ``medarbejder`` and ``leder`` complete the lessons that cite AG-UDE-3 (so
there are people to re-train). After publishing, ``jurist`` decides the change material (unless
``--pending``): everyone who had confirmed the old version of the guideline ("Læst og forstået")
gets a new acknowledgement cycle. Running it again after the change changes nothing.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from compliance.models import Assignment, Requirement, Status
from courses.models import LessonPage
from courses.services import StepNotCompletable, step_complete
from guidelines.models import Citation, GuidelineChange, GuidelinePage, GuidelineSection
from guidelines.services import citation_index_rebuild, guideline_change_decide
from people.models import User

SECTION_KEY = "AG-UDE-3"
OLD = "som udgangspunkt 2 fliser</strong> bred"
NEW = "som udgangspunkt 3 fliser</strong> bred"
LEARNERS = ("medarbejder", "leder")


class Command(BaseCommand):
    help = (
        "Demo: offentliggør en ny version af AG-UDE-3, hvor gangbanen går fra 2 til 3 fliser, "
        "så gennemsynskøen fyldes. Kan køres flere gange."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Lad ændringen afvente juristernes vurdering i stedet for at markere den væsentlig.",
        )

    def handle(self, *args, **options):
        if not settings.PARAGRAF_ALLOW_DEMO:
            raise CommandError("demo_guideline_change kører kun med DJANGO_DEBUG=1.")
        section = GuidelineSection.objects.select_related("page").filter(key=SECTION_KEY).first()
        if section is None:
            raise CommandError(f"{SECTION_KEY} findes ikke. Kør først: python manage.py seed_demo")
        if NEW in section.body:
            self.stdout.write(f"{SECTION_KEY} siger allerede 3 fliser; intet ændret.")
            return
        if OLD not in section.body:
            raise CommandError(f"{SECTION_KEY} har ikke den forventede tekst om 2 fliser.")
        with transaction.atomic():
            citation_index_rebuild()
            lesson_ids = Citation.objects.filter(
                section=section,
                source_content_type=ContentType.objects.get_for_model(LessonPage),
            ).values("source_object_id")
            lessons = list(LessonPage.objects.live().filter(pk__in=lesson_ids))
            for user in User.objects.filter(username__in=LEARNERS):
                for lesson in lessons:
                    try:
                        step_complete(user=user, page=lesson)
                    except StepNotCompletable:
                        continue
            page = GuidelinePage.objects.get(pk=section.page_id)
            sections = list(page.sections.all())
            for item in sections:
                if item.pk == section.pk:
                    item.body = item.body.replace(OLD, NEW)
            page.sections = sections
            page.version_label = (page.version_label or "1") + " (gangbane 3 fliser)"
            author = User.objects.filter(username="jurist2").first()
            page.save_revision(user=author, log_action=True).publish(user=None)
        change = page.changes.order_by("-pk").first()
        self.stdout.write(self.style.SUCCESS(f"{SECTION_KEY} er ændret: gangbanen er nu 3 fliser."))
        if change is not None and not options["pending"]:
            self._decide_material(change)
        if change is not None:
            self.stdout.write(
                f"{change.review_items.count()} lektioner og spørgsmål venter på gennemsyn: "
                f"http://127.0.0.1:8000{reverse('guidelines_admin:change', args=[change.pk])}"
            )
        self.stdout.write(
            f"Gennemførte den gamle version: {', '.join(LEARNERS)} ({len(lessons)} lektioner)."
        )

    def _decide_material(self, change: GuidelineChange) -> None:
        jurist = User.objects.filter(username="jurist").first()
        if jurist is None:
            self.stdout.write("Ingen bruger 'jurist': ændringen afventer vurdering.")
            return
        guideline_change_decide(change=change, kind=GuidelineChange.Kind.MATERIAL, user=jurist)
        due = (
            Assignment.objects.filter(
                requirement__kind=Requirement.Kind.ACKNOWLEDGE,
                requirement__guideline_id=change.page_id,
                assigned_at__gte=change.published_at.date(),
                cycle__gt=1,
                status=Status.NOT_STARTED,
            )
            .select_related("person")
            .order_by("person__username")
        )
        names = ", ".join(a.person.username for a in due) or "ingen"
        self.stdout.write(
            "Vurderet som væsentlig af jurist. Ny bekræftelse (læst og forstået) "
            f"skal gives af: {names}."
        )
