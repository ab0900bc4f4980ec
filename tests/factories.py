"""Factories for test data (factory_boy; pages through wagtail-factories), and the small helpers
built on them that tests read like sentences: ``course("Onboarding", modules=1)``,
``guideline("AG-UDE", sections=3)``, ``quiz_add(module, questions=[...])``.

Certificates and quiz attempts have no factory on purpose: they come only from their services
(``certificate_issue_for_run``, ``attempt_start``), which hold the integrity rules a factory
would let a test step around.
"""

from __future__ import annotations

import datetime as dt

import factory
import wagtail_factories
from wagtail.models import Page, Site

from compliance.models import Assignment, Requirement
from courses.models import (
    CourseIndexPage,
    CoursePage,
    CourseRun,
    LessonPage,
    ModulePage,
    StepCompletion,
)
from guidelines.models import GuidelineIndexPage, GuidelinePage, GuidelineSection, StatuteProvision
from paragraf.models import HomePage
from people.models import AuditEvent, HRImport, OrgUnit, User
from people.services import org_unit_ensure
from quizzes.models import QuestionCategory, QuizPage


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@tmf.kk.dk")
    employee_number = factory.Sequence(lambda n: f"9{n:05d}")
    password = factory.PostGenerationMethodCall("set_password", "pw")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def unit(code: str, name: str | None = None, parent: OrgUnit | None = None) -> OrgUnit:
    return org_unit_ensure(code=code, name=name or code, parent=parent)


class StatuteProvisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatuteProvision
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"FVL-{n}")
    act = "Forvaltningsloven"
    act_short = "FVL"
    number = factory.Sequence(lambda n: str(n))
    title = "Bestemmelse"
    url = "https://www.retsinformation.dk/eli/lta/2014/433"


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- Pages (wagtail-factories: ``parent=`` places the page in the tree) ----------------------


class LivePageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published (a revision, as an editor's publish makes)."""

    class Meta:
        abstract = True

    @factory.post_generation
    def published(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            publish(obj)


class HomePageFactory(LivePageFactory):
    class Meta:
        model = HomePage

    title = "Paragraf"
    slug = "paragraf"


class CourseIndexPageFactory(LivePageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Kurser"
    slug = "kurser"


class GuidelineIndexPageFactory(LivePageFactory):
    class Meta:
        model = GuidelineIndexPage

    title = "Administrationsgrundlag"
    slug = "administrationsgrundlag"


class CoursePageFactory(LivePageFactory):
    class Meta:
        model = CoursePage

    title = "Testkursus"
    slug = factory.Sequence(lambda n: f"kursus-{n}")
    intro = "<p>Intro</p>"


class ModulePageFactory(LivePageFactory):
    class Meta:
        model = ModulePage

    title = factory.Sequence(lambda n: f"Modul {n}")
    slug = factory.Sequence(lambda n: f"modul-{n}")


class LessonPageFactory(LivePageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lektion {n}")
    slug = factory.Sequence(lambda n: f"lektion-{n}")
    body = factory.LazyAttribute(lambda o: [{"type": "text", "value": f"<p>{o.title}</p>"}])


class GuidelinePageFactory(LivePageFactory):
    """A guideline; pass ``sections=[GuidelineSection(...), ...]`` to give it sections."""

    class Meta:
        model = GuidelinePage

    code = factory.Sequence(lambda n: f"AG-{n}")
    title = factory.LazyAttribute(lambda o: f"Grundlag {o.code}")
    slug = factory.LazyAttribute(lambda o: o.code.lower())


class QuizPageFactory(LivePageFactory):
    class Meta:
        model = QuizPage

    title = "Quiz"
    slug = "quiz"
    pass_mark = 60


# --- Rows -----------------------------------------------------------------------------------


class OrgUnitFactory(wagtail_factories.factories.MP_NodeFactory):
    """A unit at the root, or under ``parent``."""

    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.LazyAttribute(lambda o: f"Enhed {o.code}")


class QuestionCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionCategory
        django_get_or_create = ("name", "parent")

    name = "Forvaltningsret"
    parent = None


class RequirementFactory(factory.django.DjangoModelFactory):
    """A requirement to take ``course`` (required), for the ``units`` given (default: everyone)."""

    class Meta:
        model = Requirement
        skip_postgeneration_save = True

    name = factory.LazyAttribute(lambda o: f"Krav: {o.course.title}")
    applies_from = dt.date(2020, 1, 1)

    @factory.post_generation
    def units(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.units.set(extracted)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    person = factory.SubFactory("tests.factories.UserFactory")
    cycle = 1


class CourseRunFactory(factory.django.DjangoModelFactory):
    """A run of ``course`` (required); ``completed_at`` set makes it a finished one."""

    class Meta:
        model = CourseRun

    user = factory.SubFactory("tests.factories.UserFactory")


class StepCompletionFactory(factory.django.DjangoModelFactory):
    """A completion of ``page`` in ``run`` at the page's live revision."""

    class Meta:
        model = StepCompletion

    revision_id = factory.LazyAttribute(lambda o: o.page.live_revision_id)


class HRImportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HRImport

    uploaded_by = factory.SubFactory("tests.factories.UserFactory")
    format = "csv"


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    actor = factory.SubFactory("tests.factories.UserFactory")
    subject = factory.SubFactory("tests.factories.UserFactory")
    action = "view"
    what = "test"


def site_tree() -> tuple[HomePage, CourseIndexPage, GuidelineIndexPage]:
    """The home page with the course and guideline indexes, created once per test database."""
    home = HomePage.objects.first()
    if home is None:
        home = HomePageFactory(parent=Page.get_first_root_node())
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
    courses = CourseIndexPage.objects.first() or CourseIndexPageFactory(parent=home)
    guidelines = GuidelineIndexPage.objects.first() or GuidelineIndexPageFactory(parent=home)
    return home, courses, guidelines


def guideline(code: str = "AG-TST", sections: int = 3, **fields) -> GuidelinePage:
    _, _, index = site_tree()
    return GuidelinePageFactory(
        parent=index,
        code=code,
        sections=[
            GuidelineSection(
                key=f"{code}-{i}", heading=f"Afsnit {i}", body=f"<p>Tekst {i}</p>", sort_order=i - 1
            )
            for i in range(1, sections + 1)
        ],
        **fields,
    )


def citation(
    section: GuidelineSection | None = None, provision: StatuteProvision | None = None
) -> dict:
    return {
        "type": "citation",
        "value": {
            "section": section.pk if section else None,
            "provision": provision.pk if provision else None,
            "note": "",
        },
    }


def course(title: str = "Testkursus", modules: int = 2, lessons: int = 2, body=None) -> CoursePage:
    """A live course with ``modules`` modules of ``lessons`` lessons each."""
    _, index, _ = site_tree()
    page = CoursePageFactory(parent=index, title=title)
    for m in range(1, modules + 1):
        module = ModulePageFactory(parent=page, title=f"Modul {m}", slug=f"modul-{m}")
        for n in range(1, lessons + 1):
            lesson_add(module, title=f"Lektion {m}.{n}", slug=f"lektion-{m}-{n}", body=body)
    return page


def lesson_add(module: ModulePage, *, title: str, slug: str, body=None) -> LessonPage:
    if body is None:
        return LessonPageFactory(parent=module, title=title, slug=slug)
    return LessonPageFactory(parent=module, title=title, slug=slug, body=body)


def lessons_of(course_page: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course_page).order_by("path"))


# --- Quizzes (appended by the quiz engineer) ---------------------------------------------------


def question_category(name: str = "Forvaltningsret", parent=None) -> QuestionCategory:
    return QuestionCategoryFactory(name=name, parent=parent)


def question_add(
    text: str = "Hvad kræver legalitetsprincippet?",
    *,
    kind: str = "single",
    choices: list | None = None,
    category=None,
    publish_it: bool = True,
    **fields,
):
    """A question; ``choices`` as ``[("tekst", True/False), ...]`` or raw stream blocks."""
    from quizzes.models import Question

    if choices is None and kind in ("single", "multiple"):
        choices = [("Hjemmel i lov", True), ("Et godt formål", False), ("Lederens accept", False)]
    stream = [
        c if isinstance(c, dict) else {"type": "choice", "value": {"text": c[0], "correct": c[1]}}
        for c in (choices or [])
    ]
    if kind == "truefalse":
        fields.setdefault("true_is_correct", False)
    question = Question(
        category=category or question_category(),
        kind=kind,
        text=text,
        choices=stream,
        live=False,
        **fields,
    )
    question.full_clean()
    question.save()
    question.refresh_from_db()
    if publish_it:
        question.save_revision().publish()
        question.refresh_from_db()
    return question


def quiz_add(
    module: ModulePage, *, questions=(), title: str = "Quiz", slug: str = "quiz", **fields
):
    """A live quiz as the last step of ``module`` with the given questions in order."""
    from quizzes.models import QuizPageQuestion

    return QuizPageFactory(
        parent=module,
        title=title,
        slug=slug,
        quiz_questions=[
            QuizPageQuestion(question=q, sort_order=i) for i, q in enumerate(questions)
        ],
        **fields,
    )


def scorm_package(*, build=None, title: str = "Phishing og sikre mails"):
    """A SCORM package with one stored version (the demo's SCORM 1.2 package unless ``build``
    gives the zip's bytes). Stores files in the default storage: set MEDIA_ROOT to a tmp_path."""
    import io

    from demo.scorm_packages import phishing_12
    from scorm.services import package_upload

    data = build() if build else phishing_12()
    version = package_upload(upload=io.BytesIO(data), file_name="pakke.zip", by=None, title=title)
    return version.package


def scorm_add(module: ModulePage, *, package, title: str = "E-læring", slug: str = "e-laering"):
    """A live SCORM step as the last step of ``module``."""
    from scorm.models import ScormLessonPage

    page = ScormLessonPage(title=title, slug=slug, package=package)
    module.add_child(instance=page)
    return publish(page)
