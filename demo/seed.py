"""Builds the demo: organisation, people, role permissions, page tree, guidelines and courses.

Every step looks up what exists first, so running it twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from guidelines.models import GuidelineIndexPage, GuidelinePage, GuidelineSection, StatuteProvision
from paragraf.models import HomePage
from people.models import OrgUnit, User
from people.roles import APPROVER, HR, JURIST, LEARNER, MANAGER
from people.services import org_unit_ensure, roles_ensure
from search.indexing import search_reindex

from .authoring import seed_authoring
from .certificates import seed_certificates
from .compliance import seed_compliance
from .content import COURSES, GUIDELINES, PROVISIONS
from .findings import seed_findings
from .guidelines import seed_guideline_demo
from .history import seed_history_files
from .orgtree import DEMO_PEOPLE, ORG_UNITS
from .overview import seed_overview
from .participation import seed_participation
from .quizzes import seed_quizzes
from .regrade import seed_regrade_demo
from .scorm import seed_scorm

logger = logging.getLogger(__name__)


def seed_org() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, unit_type, parent in ORG_UNITS:
        units[code] = org_unit_ensure(
            code=code, name=name, unit_type=unit_type, parent=units[parent] if parent else None
        )
    return units


def seed_people(units: dict[str, OrgUnit]) -> dict[str, User]:
    groups = roles_ensure()
    password = settings.PARAGRAF_DEMO_PASSWORD
    today = timezone.localdate()
    people: dict[str, User] = {}
    for username, first, last, number, unit, title, is_manager, manager, days in DEMO_PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@tmf.kk.dk",
                employee_number=number,
                org_unit=units[unit],
                job_title=title,
                is_manager=is_manager,
                manager_since=today - dt.timedelta(days=days) if is_manager else None,
                start_date=today - dt.timedelta(days=days),
                manager=people.get(manager) if manager else None,
            )
            user.set_password(password)
            user.save()
        people[username] = user
        roles = [LEARNER]
        if is_manager:
            roles.append(MANAGER)
        if username == "hr":
            roles.append(HR)
        if username.startswith("jurist"):
            roles.append(JURIST)
        if username == "jurist2":
            roles.append(APPROVER)
        user.groups.add(*[groups[r] for r in roles])
        if HR in roles or JURIST in roles:
            User.objects.filter(pk=user.pk, is_staff=False).update(is_staff=True)
    admin = User.objects.filter(username="admin").first()
    if admin is None:
        admin = User.objects.create_superuser(
            "admin", "admin@tmf.kk.dk", password, first_name="Admin", last_name="Istrator"
        )
    people["admin"] = admin
    return people


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def seed_site() -> tuple[HomePage, CourseIndexPage, GuidelineIndexPage]:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Paragraf",
            slug="paragraf",
            intro="<p>Juridisk læring for Teknik- og Miljøforvaltningen: de obligatoriske kurser, "
            "Jura – Kort og Godt og de administrationsgrundlag, kurserne bygger på.</p>",
        )
        root.add_child(instance=home)
        _publish(home)
        site = Site.objects.filter(is_default_site=True).first()
        old_root = site.root_page if site else None
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name="Paragraf",
            )
        else:
            site.root_page = home
            site.site_name = "Paragraf"
            site.save()
        if old_root is not None and old_root.pk != home.pk and not old_root.get_children().exists():
            old_root.delete()
    # Under the home page: an index elsewhere (the bench data's own) is not served by the site.
    courses = CourseIndexPage.objects.descendant_of(home).first()
    if courses is None:
        courses = CourseIndexPage(
            title="Kurser", slug="kurser", intro="<p>Alle kurser i Paragraf.</p>"
        )
        home.add_child(instance=courses)
        _publish(courses)
    guidelines = GuidelineIndexPage.objects.descendant_of(home).first()
    if guidelines is None:
        guidelines = GuidelineIndexPage(
            title="Administrationsgrundlag",
            slug="administrationsgrundlag",
            intro="<p>De administrationsgrundlag, som kurserne underviser i. Hvert afsnit viser, "
            "hvor det bliver undervist.</p>",
        )
        home.add_child(instance=guidelines)
        _publish(guidelines)
    return home, courses, guidelines


def seed_provisions() -> dict[str, StatuteProvision]:
    provisions = {}
    for data in PROVISIONS:
        provision = StatuteProvision.objects.filter(key=data["key"]).first()
        if provision is None:
            provision = StatuteProvision.objects.create(**data)
        elif data.get("eli") and not provision.eli:
            provision.eli, provision.eli_date = str(data["eli"]), data["eli_date"]  # type: ignore[assignment]
            provision.save(update_fields=["eli", "eli_date"])
        provisions[provision.key] = provision
    return provisions


def seed_guidelines(
    index: GuidelineIndexPage, units: dict[str, OrgUnit]
) -> dict[str, GuidelineSection]:
    for data in GUIDELINES:
        if GuidelinePage.objects.filter(code=data["code"]).exists():
            continue
        page = GuidelinePage(
            title=data["title"],
            slug=data["slug"],
            code=data["code"],
            owner_unit=units.get(data["owner_unit"]),
            legal_basis=data["legal_basis"],
            effective_date=dt.date.fromisoformat(data["effective_date"]),
            version_label=data["version_label"],
            summary=data["summary"],
        )
        page.sections = [  # type: ignore[misc]  # a ParentalKey relation; stubs see a manager
            GuidelineSection(key=s["key"], heading=s["heading"], body=s["body"], sort_order=i)
            for i, s in enumerate(data["sections"])
        ]
        index.add_child(instance=page)
        _publish(page)
    return {section.key: section for section in GuidelineSection.objects.all()}


def _block(kind: str, value, sections, provisions) -> dict[str, object]:
    if kind == "citation":
        section = sections.get(value.get("section", "")) if value.get("section") else None
        provision = provisions.get(value.get("provision", "")) if value.get("provision") else None
        if (value.get("section") and section is None) or (
            value.get("provision") and provision is None
        ):
            raise ValueError(f"Demo content cites an unknown key: {value}")
        value = {
            "section": section.pk if section else None,
            "provision": provision.pk if provision else None,
            "note": value.get("note", ""),
        }
    return {"type": kind, "value": value}


def seed_courses(index: CourseIndexPage, sections, provisions) -> dict[str, CoursePage]:
    result: dict[str, CoursePage] = {}
    for data in COURSES:
        course = CoursePage.objects.filter(slug=data["slug"]).first()
        if course is None:
            course = CoursePage(
                title=data["title"],
                slug=data["slug"],
                family=data["family"],
                intro=data["intro"],
                duration_minutes=data["duration_minutes"],
            )
            index.add_child(instance=course)
            _publish(course)
            for module_data in data["modules"]:
                module = ModulePage(
                    title=module_data["title"],
                    slug=module_data["slug"],
                    intro=module_data.get("intro", ""),
                )
                course.add_child(instance=module)
                _publish(module)
                for lesson_data in module_data["lessons"]:
                    lesson = LessonPage(
                        title=lesson_data["title"],
                        slug=lesson_data["slug"],
                        summary=lesson_data.get("summary", ""),
                        reading_minutes=lesson_data.get("reading_minutes", 5),
                        body=[
                            _block(kind, value, sections, provisions)
                            for kind, value in lesson_data["body"]
                        ],
                    )
                    module.add_child(instance=lesson)
                    _publish(lesson)
        result[data["slug"]] = course
    return result


#: Demo steps of the other apps, run in this order with the context dict built above.
EXTRA_STEPS: list[Callable[[dict[str, Any]], object]] = [
    seed_quizzes,
    seed_scorm,  # before seed_authoring, which gives every course a responsible jurist
    seed_compliance,
    seed_regrade_demo,
    seed_certificates,
    seed_guideline_demo,
    seed_authoring,
    seed_history_files,
    seed_findings,
    seed_participation,
    # Last: twelve months of compliance history derived from the counts the steps above left.
    seed_overview,
    # Indexed as they are published; rebuilt here for a database seeded before the search app.
    lambda context: search_reindex(),
]


def seed_demo() -> dict[str, Any]:
    with transaction.atomic():
        units = seed_org()
        people = seed_people(units)
        home, courses_index, guidelines_index = seed_site()
        provisions = seed_provisions()
        sections = seed_guidelines(guidelines_index, units)
        courses = seed_courses(courses_index, sections, provisions)
        context: dict[str, Any] = {
            "units": units,
            "people": people,
            "home": home,
            "courses_index": courses_index,
            "guidelines_index": guidelines_index,
            "provisions": provisions,
            "sections": sections,
            "courses": courses,
        }
        for step in EXTRA_STEPS:
            step(context)
    return context
