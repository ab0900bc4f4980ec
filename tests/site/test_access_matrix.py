"""Who may open what: every URL pattern of Paragraf, for every role, against an explicit table.

When you add a URL, add a row to ``TABLE`` (or a namespace row to ``NAMESPACE_TABLE`` for a
Wagtail viewset of one of our models). ``ok`` means the role gets the page (2xx, or a redirect
that is not to a login page); ``no`` means 403, 404, 405 or a redirect to a login page.
Wagtail's and Django's own admin URLs are left out by namespace (``BUILTIN_NAMESPACES``) or
because both the view and its model come from Wagtail or Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from certificates.bundles import bundle_build, bundle_request
from certificates.services import certificate_issue_for_run
from compliance.models import Assignment, Requirement
from compliance.services import requirements_evaluate
from courses.models import CourseRun
from courses.services import step_complete
from findings.models import Finding
from findings.services import FindingDraft, findings_create
from guidelines.models import GuidelineChange, StatuteProvision
from people.roles import LEARNER, MANAGER
from people.services import roles_ensure
from quizzes.models import Accommodation
from quizzes.services import attempt_start
from scorm.services import attempt_open
from tests.compliance.conftest import requirement
from tests.factories import (
    AuditEventFactory,
    HRImportFactory,
    StatuteProvisionFactory,
    UserFactory,
    citation,
    course,
    guideline,
    lesson_add,
    lessons_of,
    question_add,
    quiz_add,
    scorm_add,
    scorm_package,
)
from tests.guidelines.helpers import edit_sections

OUR_APPS = {
    "paragraf",
    "people",
    "guidelines",
    "courses",
    "quizzes",
    "scorm",
    "authoring",
    "compliance",
    "certificates",
    "search",
    "overview",
    "demo",
    "notices",
    "findings",
    "statusreport",
}
#: Wagtail's own admin for the user model (people.User) is Wagtail's, not ours.
BUILTIN_NAMESPACES = {"wagtailusers_users"}
ROLES = ["anonym", "medarbejder", "leder", "leder_anden_enhed", "hr", "jurist"]

# Columns follow ROLES: anonym, medarbejder, leder, leder_anden_enhed, hr, jurist.
OPEN = ("ok",) * 6
LOGGED_IN = ("no", "ok", "ok", "ok", "ok", "ok")
NOBODY = ("no",) * 6
HR_ONLY = ("no", "no", "no", "no", "ok", "no")
JURIST_ONLY = ("no", "no", "no", "no", "no", "ok")
STAFF = ("no", "no", "no", "no", "ok", "ok")
OWNER = ("no", "ok", "no", "no", "no", "no")  # the learner's own object, nobody else's
OWNER_OR_HR = ("no", "ok", "no", "no", "ok", "no")
MANAGERS = ("no", "no", "ok", "ok", "no", "no")

#: url name → (method, arguments key, expected per role)
TABLE: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "healthz": ("GET", "", OPEN),
    "login": ("GET", "", ("ok", "ok", "ok", "ok", "ok", "ok")),
    "sso-failure": ("GET", "", ("no",) * 6),  # a 403 page that explains the refusal
    "my-courses": ("GET", "", LOGGED_IN),
    "my-team": ("GET", "", MANAGERS),
    # Anyone signed in may press; without their own open cycle of the guideline nothing is
    # recorded and they are sent back with a Danish refusal (tests/compliance/test_acknowledgements).
    "acknowledge": ("POST", "guideline_ack", LOGGED_IN),
    "courses:step-complete": ("POST", "lesson", LOGGED_IN),
    "my-data": ("GET", "", LOGGED_IN),
    "my-notices": ("GET", "", LOGGED_IN),  # each their own notices only (tests/notices)
    "my-data-download": ("GET", "json", LOGGED_IN),
    "privacy-notice": ("GET", "", OPEN),
    "accessibility": ("GET", "", OPEN),
    "quizzes:attempt-start": ("POST", "quiz", LOGGED_IN),
    "quizzes:attempt-submit": ("POST", "attempt", OWNER),
    "quizzes:attempt-save": ("POST", "attempt", OWNER),
    # SCORM: the runtime commits to the learner's own attempt only (another's id is a 404); the
    # package files are for anyone signed in (tests/scorm/test_player.py).
    "scorm:commit": ("POST", "scorm_attempt", OWNER),
    "scorm:player": ("GET", "scorm_attempt", OWNER),
    "scorm:file": ("GET", "scorm_file", LOGGED_IN),
    "scorm_export": ("GET", "course_page", JURIST_ONLY),
    "certificates:download": ("GET", "certificate", OWNER_OR_HR),
    "certificates:verify": ("GET", "certificate_code", OPEN),
    "certificates:lookup": ("GET", "", OPEN),
    "search": ("GET", "", LOGGED_IN),
    # The manager's team chart as CSV/SVG: their own unit only (tests/overview).
    "overview:team-chart": ("GET", "team_chart", MANAGERS),
    "wagtail_serve": ("GET", "lesson_path", OPEN),
    # Our admin views
    "paragraf_person_search": ("GET", "", HR_ONLY),
    "paragraf_person_export": ("GET", "person_json", HR_ONLY),
    "paragraf_evidence": ("GET", "", STAFF),
    "authoring_review_report": ("GET", "", JURIST_ONLY),
    "authoring_review_report_results": ("GET", "", JURIST_ONLY),
    "quizzes_question_import": ("GET", "", JURIST_ONLY),
    "quizzes_question_import_template": ("GET", "csv", JURIST_ONLY),
    "guidelines_admin:review_queue": ("GET", "", JURIST_ONLY),
    "guidelines_admin:review_queue_results": ("GET", "", JURIST_ONLY),
    "guidelines_admin:changes": ("GET", "", STAFF),
    "guidelines_admin:change": ("GET", "change", STAFF),
    "guidelines_admin:change_decide": ("POST", "change", JURIST_ONLY),
    "guidelines_admin:guideline_citations": ("GET", "guideline", STAFF),
    "guidelines_admin:provision_citations": ("GET", "provision", STAFF),
    "guidelines_admin:provision_confirm": ("GET", "provision", JURIST_ONLY),
    "guidelines_admin:provision_dismiss": ("GET", "provision", JURIST_ONLY),
    "quizzes_marking:index": ("GET", "", JURIST_ONLY),
    "quizzes_marking:edit": ("GET", "missing", NOBODY),
    "quizzes_reports:questions": ("GET", "", STAFF),
    "quizzes_reports:questions_results": ("GET", "", STAFF),
    "quizzes_reports:question": ("GET", "question_id", STAFF),
    "quizzes_reports:citations": ("GET", "", STAFF),
    "quizzes_reports:citations_results": ("GET", "", STAFF),
    "quizzes_reports:gaps": ("GET", "", STAFF),
    "quizzes_reports:rule_questions": ("GET", "rule_provision", STAFF),
    # Regrade and override: jurists regrade; HR reads the runs to follow up on who now fails.
    "quizzes_regrade:index": ("GET", "", STAFF),
    "quizzes_regrade:index_results": ("GET", "", STAFF),
    "quizzes_regrade:quiz": ("GET", "quiz_id", JURIST_ONLY),
    "quizzes_regrade:result": ("GET", "regrade_missing", NOBODY),
    "quizzes_regrade:attempt": ("GET", "attempt", JURIST_ONLY),
    # An unknown answer: the jurist is sent back with a Danish refusal, nothing changes.
    "quizzes_regrade:override": ("POST", "attempt_item_missing", JURIST_ONLY),
    "overview_dashboard": ("GET", "", HR_ONLY),
    "status_report": ("GET", "", HR_ONLY),
    "compliance_rollup": ("GET", "", HR_ONLY),
    "compliance_rollup_results": ("GET", "", HR_ONLY),
    "compliance_assignments": ("GET", "", HR_ONLY),
    "compliance_assignments_results": ("GET", "", HR_ONLY),
    "compliance_person": ("GET", "person", HR_ONLY),
    "compliance_person_results": ("GET", "person", HR_ONLY),
    "compliance_exempt": ("GET", "assignment", HR_ONLY),
    "compliance_assignment_notices": ("GET", "assignment", HR_ONLY),
    "compliance_assignment_notices_results": ("GET", "assignment", HR_ONLY),
    "notices_person": ("GET", "person", HR_ONLY),
    "notices_person_results": ("GET", "person", HR_ONLY),
    "retraining_admin:create": ("GET", "change", STAFF),
    # The HR import: HR only, and of one HR user's uploads only that user's (the world's upload
    # belongs to ``hr``); confirm and cancel redirect back for the uploader.
    "people_hr_import": ("GET", "", HR_ONLY),
    "people_hr_import_status": ("GET", "hr_import", HR_ONLY),
    "people_hr_import_progress": ("GET", "hr_import", HR_ONLY),
    "people_hr_import_confirm": ("POST", "hr_import", HR_ONLY),
    "people_hr_import_cancel": ("POST", "hr_import", HR_ONLY),
    "compliance_history_import": ("GET", "", HR_ONLY),
    # Certificates as one ZIP: HR asks; only the person who asked (the world's is ``hr``'s)
    # sees its status page and fetches the file.
    "kursusbevis_zip:index": ("GET", "", HR_ONLY),
    "kursusbevis_zip:status": ("GET", "bundle", HR_ONLY),
    "kursusbevis_zip:download": ("GET", "bundle", HR_ONLY),
    "paragraf_lockouts": ("GET", "", HR_ONLY),
    # Fund (findings): jurists record them (one by one or from a file) and follow up; jurists
    # and HR read "Jura i praksis"; managers see their own subtree's figures on /mit-team/.
    "findings_bulk": ("GET", "", JURIST_ONLY),
    "findings_followup": ("GET", "", JURIST_ONLY),
    "findings_practice": ("GET", "", STAFF),
    "findings_practice_results": ("GET", "", STAFF),
    "paragraf_lockout_unlock": ("POST", "", NOBODY),  # unknown attempt id: 404 for HR too
}

#: namespace → {url name in the namespace or "*": (arguments key, expected per role)}; every
#: pattern of the namespace is requested with GET.
NAMESPACE_TABLE: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    # Jurists add and change provisions and questions; only approvers publish; nobody deletes.
    "wagtailsnippets_guidelines_statuteprovision": {
        "*": ("provision_pk", JURIST_ONLY),
        "delete": ("provision_pk", NOBODY),
    },
    "wagtailsnippets_quizzes_question": {
        "*": ("question", JURIST_ONLY),
        "delete": ("question", NOBODY),
        "unpublish": ("question", NOBODY),
        "lock": ("question", NOBODY),
        "unlock": ("question", NOBODY),
        # made-up revision, task and workflow ids: nobody gets anything
        "revisions_view": ("question", NOBODY),
        "revisions_revert": ("question", NOBODY),
        "revisions_unschedule": ("question", NOBODY),
        "revisions_compare": ("question", NOBODY),
        "workflow_action": ("question", NOBODY),
        "collect_workflow_action_data": ("question", NOBODY),
        "workflow_preview": ("question", NOBODY),
        "workflow_history_detail": ("question", NOBODY),
        # Wagtail's confirmation page asks for admin access only; it shows no question content.
        "confirm_workflow_cancellation": ("question", STAFF),
    },
    # Jurists (the role in people.roles.ROLE_GRANTS) add and edit categories; nobody deletes one.
    "wagtailsnippets_quizzes_questioncategory": {
        "*": ("category", JURIST_ONLY),
        "delete": ("category", NOBODY),
    },
    # Wagtail's choosers are open to every admin user; creating through them is not.
    "wagtailsnippetchoosers_guidelines_statuteprovision": {
        "*": ("provision_pk", STAFF),
        "create": ("provision_pk", JURIST_ONLY),
    },
    "wagtailsnippetchoosers_quizzes_question": {
        "*": ("question", STAFF),
        "create": ("question", JURIST_ONLY),
    },
    "wagtailsnippetchoosers_quizzes_questioncategory": {
        "*": ("category", STAFF),
        "create": ("category", JURIST_ONLY),
    },
    # Jurists add, change and delete findings; HR reads them; learners and managers never.
    "wagtailsnippets_findings_finding": {
        "*": ("finding_pk", JURIST_ONLY),
        "list": ("finding_pk", STAFF),
        "list_results": ("finding_pk", STAFF),
        "inspect": ("finding_pk", STAFF),
    },
    "wagtailsnippetchoosers_findings_finding": {
        "*": ("finding_pk", STAFF),
        "create": ("finding_pk", JURIST_ONLY),
    },
    "guideline_section_chooser": {"*": ("section_pk", STAFF), "create": ("section_pk", NOBODY)},
    # Read-only for HR: nobody adds, edits or deletes audit rows or certificates by hand.
    "audit_log": {
        "*": ("audit", NOBODY),
        "index": ("audit", HR_ONLY),
        "index_results": ("audit", HR_ONLY),
        "inspect": ("audit", HR_ONLY),
    },
    "kursusbeviser": {
        "*": ("certificate_pk", NOBODY),
        "index": ("certificate_pk", HR_ONLY),
        "index_results": ("certificate_pk", HR_ONLY),
        "inspect": ("certificate_pk", HR_ONLY),
        "revoke": ("certificate_pk", HR_ONLY),
        "reissue": ("certificate_pk", HR_ONLY),
    },
    "requirements": {"*": ("requirement_pk", HR_ONLY)},
    # Accommodations (særlige vilkår): HR and jurists add, change, delete and see them.
    "accommodations": {"*": ("accommodation_pk", STAFF)},
    # SCORM-pakker: jurists upload packages and new versions; nobody deletes one.
    "scorm_packages": {
        "*": ("scorm_package_pk", JURIST_ONLY),
        "delete": ("scorm_package_pk", NOBODY),
    },
}

LOGIN_PATHS = ("/log-ind/", "/admin/login/")


@dataclass
class Pattern:
    name: str
    route: str
    params: list[str]


def _ours(pattern: URLPattern, namespace: str | None) -> bool:
    if namespace in BUILTIN_NAMESPACES:
        return False
    callback = pattern.callback
    module = (getattr(callback, "__module__", "") or "").split(".")[0]
    if module in OUR_APPS:
        return True
    initkwargs = getattr(callback, "view_initkwargs", None) or {}
    model = initkwargs.get("model") or getattr(getattr(callback, "view_class", None), "model", None)
    return hasattr(model, "_meta") and model._meta.app_label in OUR_APPS


def _walk(resolver: URLResolver, prefix: str = "", namespace: str | None = None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif _ours(entry, namespace) or entry.name == "wagtail_serve":
            name = f"{namespace}:{entry.name}" if namespace else (entry.name or "")
            params = list(entry.pattern.regex.groupindex)
            yield Pattern(name=name, route=prefix + str(entry.pattern), params=params)


def our_patterns() -> list[Pattern]:
    return list(_walk(get_resolver()))


def _namespace_row(name: str):
    namespace, _, short = name.rpartition(":")
    rows = NAMESPACE_TABLE.get(namespace)
    if rows is None:
        return None
    return rows.get(short) or rows.get("*")


def test_every_url_pattern_has_a_row_in_the_access_table():
    missing = [
        f"{p.name or '(unnamed)'}  {p.route}"
        for p in our_patterns()
        if p.name not in TABLE and _namespace_row(p.name) is None
    ]
    assert not missing, (
        "These URL patterns have no row in tests/site/test_access_matrix.py. Add a row to TABLE "
        "(or NAMESPACE_TABLE for a viewset) saying which roles may open them:\n  "
        + "\n  ".join(missing)
    )


# --- the world every role is tried against -------------------------------------------------


@pytest.fixture
def world(tree, groups, units, learner, manager, hr, jurist, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the bundle's ZIP file
    _, courses_index, guidelines_index = tree
    roles_ensure()
    other_manager = UserFactory(username="leder2", org_unit=units["other_area"], is_manager=True)
    other_manager.groups.add(groups[LEARNER], groups[MANAGER])
    ag = guideline("AG-UDE", sections=3, title="Udeservering")
    provision = StatuteProvisionFactory(key="FVL-19-1")
    sections = list(ag.sections.all())
    c = course(title="Jura – Kort og Godt", modules=1, lessons=0)
    module = c.get_children().first().specific
    lesson = lesson_add(
        module,
        title="Partshøring",
        slug="partshoering",
        body=[citation(sections[0], provision), {"type": "text", "value": "<p>Tekst</p>"}],
    )
    question = question_add()
    quiz = quiz_add(module, questions=[question])
    attempt = attempt_start(user=learner, quiz=quiz)
    package = scorm_package()
    scorm_step = scorm_add(module, package=package, slug="e-laering")
    scorm_attempt = attempt_open(user=learner, page=scorm_step)
    accommodation = Accommodation.objects.create(
        user=learner, quiz=quiz, extra_attempts=1, reason="Dokumenteret behov"
    )
    plain = course(title="Onboarding", modules=1, lessons=1)
    requirement(plain, trigger=Requirement.Trigger.ASSIGNED, due_days=30)
    requirements_evaluate()
    assignment = Assignment.objects.filter(person=learner).first()
    requirement_row = Requirement.objects.first()
    for step in lessons_of(plain):
        step_complete(user=learner, page=step)
    run = CourseRun.objects.get(user=learner, course=plain, completed_at__isnull=False)
    certificate, _ = certificate_issue_for_run(run=run)
    edit_sections(ag, AG_UDE_2={"body": "<p>Ny tekst om afstand til facaden</p>"})
    change = GuidelineChange.objects.filter(page=ag).order_by("-pk").first()
    event = AuditEventFactory(actor=hr, subject=learner, action="view", what="test")
    upload = HRImportFactory(uploaded_by=hr, format="csv")
    bundle = bundle_request(
        by=hr,
        unit=units["tmf"],
        course=plain,
        issued_from=timezone.localdate(certificate.issued_at),
        issued_to=timezone.localdate(certificate.issued_at),
    )
    bundle_build(bundle_id=bundle.pk)
    finding = findings_create(
        drafts=[
            FindingDraft(
                line=0,
                source=Finding.Source.REVIEW,
                found_on=timezone.localdate(),
                severity=Finding.Severity.KRITIK,
                summary="Parten blev ikke hørt.",
                units=[units["team"]],
                targets=[("provision", provision.pk)],
            )
        ],
        by=jurist,
    )[0]
    people = {
        "medarbejder": learner,
        "leder": manager,
        "leder_anden_enhed": other_manager,
        "hr": hr,
        "jurist": jurist,
    }
    args = {
        "": {},
        "missing": {"item_id": 999_999},
        "json": {"fmt": "json"},
        "team_chart": {"fmt": "csv"},
        "csv": {"file_format": "csv"},
        "lesson": {"page_id": lesson.pk},
        "course_page": {"page_id": lesson.get_parent().get_parent().pk},
        "lesson_path": {"path": lesson.url},
        "quiz": {"page_id": quiz.pk},
        "attempt": {"attempt_id": attempt.pk},
        "attempt_item_missing": {"attempt_id": attempt.pk, "item_id": 999_999},
        "quiz_id": {"quiz_id": quiz.pk},
        "regrade_missing": {"regrade_id": 999_999},
        "certificate": {"pk": certificate.pk},
        "certificate_code": {"code": certificate.code},
        "person_json": {"user_id": learner.pk, "fmt": "json"},
        "person": {"person_id": learner.pk},
        "assignment": {"assignment_id": assignment.pk},
        "change": {"change_id": change.pk if change else 999_999},
        "guideline": {"page_id": ag.pk},
        "guideline_ack": {"guideline_id": ag.pk},
        "provision": {"provision_id": provision.pk},
        "question": {"pk": question.pk},
        "question_id": {"question_id": question.pk},
        "provision_pk": {"pk": StatuteProvision.objects.first().pk},
        "rule_provision": {"kind": "provision", "pk": StatuteProvision.objects.first().pk},
        "category": {"pk": question.category_id},
        "audit": {"pk": event.pk},
        "certificate_pk": {"pk": certificate.pk},
        "section_pk": {"pk": sections[0].pk},
        "requirement_pk": {"pk": requirement_row.pk},
        "hr_import": {"token": upload.token},
        "bundle": {"token": bundle.token},
        "accommodation_pk": {"pk": accommodation.pk},
        "finding_pk": {"pk": finding.pk},
        "scorm_attempt": {"attempt_id": scorm_attempt.pk},
        "scorm_file": {"package_id": package.pk, "version": 1, "path": "index.html"},
        "scorm_package_pk": {"pk": package.pk},
    }
    return people, args


def _url(pattern: Pattern, kwargs: dict) -> str:
    if pattern.name == "wagtail_serve":
        return kwargs["path"]
    route = pattern.route
    for key, value in kwargs.items():
        route = re.sub(rf"\(\?P<{key}>[^)]*\)", str(value), route)
        route = re.sub(rf"<(?:\w+:)?{key}>", str(value), route)
    # any argument the row did not name gets an id that does not exist
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "999999", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "999999", route)
    route = route.replace("\\", "").replace("^", "").replace("$", "")
    return "/" + route.lstrip("/")


def _outcome(response) -> str:
    if 200 <= response.status_code < 300:
        return "ok"
    if response.status_code in (301, 302):
        location = response.get("Location", "")
        # Wagtail answers a missing permission with a redirect to the dashboard.
        denied = any(p in location for p in LOGIN_PATHS) or location == "/admin/"
        return "no" if denied else "ok"
    return "no"


def _requests(args):
    for pattern in our_patterns():
        if pattern.name in TABLE:
            method, key, expected = TABLE[pattern.name]
        else:
            key, expected = _namespace_row(pattern.name) or ("", None)
            method = "GET"
            if expected is None:
                continue
        yield pattern, method, _url(pattern, args[key]), expected


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_exactly_what_the_table_allows(client, world, role):
    people, args = world
    if role != "anonym":
        client.force_login(people[role])
    column = ROLES.index(role)
    wrong = []
    for pattern, method, url, expected in _requests(args):
        cache.clear()  # rate limits (certificate verification, login) must not colour the answer
        response = client.post(url) if method == "POST" else client.get(url)
        got = _outcome(response)
        if got != expected[column]:
            wrong.append(
                f"{pattern.name} {method} {url}: expected {expected[column]}, got {got} "
                f"({response.status_code} {response.get('Location', '')})"
            )
    assert not wrong, f"{role}:\n  " + "\n  ".join(wrong)


def test_a_manager_sees_their_own_subtree_and_not_another_unit(client, world):
    people, _ = world
    learner = people["medarbejder"]
    client.force_login(people["leder"])
    assert learner.get_full_name() in client.get("/mit-team/").content.decode()
    client.force_login(people["leder_anden_enhed"])
    response = client.get("/mit-team/")
    assert response.status_code == 200
    assert learner.get_full_name() not in response.content.decode()


def test_changing_the_id_in_a_certificate_or_attempt_url_reveals_nothing(client, world, outsider):
    _, args = world
    client.force_login(outsider)
    certificate = args["certificate"]["pk"]
    attempt = args["attempt"]["attempt_id"]
    for pk in (certificate, certificate + 1):
        assert client.get(f"/certifikater/{pk}/pdf/").status_code == 404
    for pk in (attempt, attempt + 1):
        response = client.post(f"/quiz/forsoeg/{pk}/aflever/")
        assert response.status_code in (403, 404)
        assert "legalitetsprincippet" not in response.content.decode()
