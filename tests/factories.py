"""Factories for test data: people, units, guideline pages with sections, courses and lessons."""

from __future__ import annotations

import itertools

import factory
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from guidelines.models import GuidelineIndexPage, GuidelinePage, GuidelineSection, StatuteProvision
from paragraf.models import HomePage
from people.models import OrgUnit, User
from people.services import org_unit_ensure


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


def site_tree() -> tuple[HomePage, CourseIndexPage, GuidelineIndexPage]:
    """The home page with the course and guideline indexes, created once per test database."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title="Paragraf", slug="paragraf")
        root.add_child(instance=home)
        publish(home)
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
    courses = CourseIndexPage.objects.first()
    if courses is None:
        courses = CourseIndexPage(title="Kurser", slug="kurser")
        home.add_child(instance=courses)
        publish(courses)
    guidelines = GuidelineIndexPage.objects.first()
    if guidelines is None:
        guidelines = GuidelineIndexPage(
            title="Administrationsgrundlag", slug="administrationsgrundlag"
        )
        home.add_child(instance=guidelines)
        publish(guidelines)
    return home, courses, guidelines


def guideline(code: str = "AG-TST", sections: int = 3, **fields) -> GuidelinePage:
    _, _, index = site_tree()
    page = GuidelinePage(
        title=fields.pop("title", f"Grundlag {code}"), slug=code.lower(), code=code, **fields
    )
    page.sections = [
        GuidelineSection(
            key=f"{code}-{i}", heading=f"Afsnit {i}", body=f"<p>Tekst {i}</p>", sort_order=i - 1
        )
        for i in range(1, sections + 1)
    ]
    index.add_child(instance=page)
    return publish(page)


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


_course_numbers = itertools.count(1)


def course(title: str = "Testkursus", modules: int = 2, lessons: int = 2, body=None) -> CoursePage:
    """A live course with ``modules`` modules of ``lessons`` lessons each."""
    _, index, _ = site_tree()
    page = CoursePage(title=title, slug=f"kursus-{next(_course_numbers)}", intro="<p>Intro</p>")
    index.add_child(instance=page)
    publish(page)
    for m in range(1, modules + 1):
        module = ModulePage(title=f"Modul {m}", slug=f"modul-{m}")
        page.add_child(instance=module)
        publish(module)
        for n in range(1, lessons + 1):
            lesson_add(module, title=f"Lektion {m}.{n}", slug=f"lektion-{m}-{n}", body=body)
    return page


def lesson_add(module: ModulePage, *, title: str, slug: str, body=None) -> LessonPage:
    lesson = LessonPage(
        title=title,
        slug=slug,
        body=body if body is not None else [{"type": "text", "value": f"<p>{title}</p>"}],
    )
    module.add_child(instance=lesson)
    return publish(lesson)


def lessons_of(course_page: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course_page).order_by("path"))


# --- Quizzes (appended by the quiz engineer) ---------------------------------------------------


def question_category(name: str = "Forvaltningsret", parent=None):
    from quizzes.models import QuestionCategory

    return QuestionCategory.objects.get_or_create(name=name, parent=parent)[0]


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
    from quizzes.models import QuizPage, QuizPageQuestion

    fields.setdefault("pass_mark", 60)
    quiz = QuizPage(title=title, slug=slug, **fields)
    quiz.quiz_questions = [
        QuizPageQuestion(question=q, sort_order=i) for i, q in enumerate(questions)
    ]
    module.add_child(instance=quiz)
    return publish(quiz)
