"""The committee's status report on DESIGN.md's data set (bench/datagen.py; issue 21).

Figures, for the whole bench tree and the last twelve months:

- building the report's figures (``statusreport.build.status_report_build``): every figure an
  aggregate in the database (materialised counts, grouped cycles, running sums), never a
  person at a time;
- the report as PDF and as Word, figures included: budget ≤ 5 s each;
- baseline in the same run, in turns: the heaviest of its queries written by hand (the
  mandatory courses' cycles due in the period, grouped by requirement, over the subtree);
- "Jura i praksis" (``/admin/jura-i-praksis/``) for the whole tree as a jurist, against HR's
  compliance rollup page in the same run, in turns.

Before it measures, two of the bench courses become the onboarding and the manager course (so
about 90,000 cycles count as mandatory) and 1,000 findings citing 40 provisions are written in
units across the tree; both are undone afterwards.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import connection, transaction
from django.utils import timezone

from bench.harness import BenchContext, Figure, timed_together

BUDGET_S = 5.0
FINDINGS = 1_000


def _findings(rng: random.Random) -> list[int]:
    from findings.models import Finding, FindingCitation
    from guidelines.models import StatuteProvision
    from people.models import OrgUnit, User

    author = User.objects.filter(is_active=True).order_by("pk").first()
    provisions = [
        StatuteProvision.objects.get_or_create(
            key=f"BENCH-{n}",
            defaults={"act": "Forvaltningsloven", "act_short": f"L{n % 8}", "number": str(n)},
        )[0]
        for n in range(40)
    ]
    units = list(OrgUnit.objects.filter(depth__in=(3, 4)).values_list("pk", flat=True))
    today = timezone.localdate()
    sources = [s for s, _label in Finding.Source.choices]
    severities = [s for s, _label in Finding.Severity.choices]
    with transaction.atomic():
        made = Finding.objects.bulk_create(
            [
                Finding(
                    source=rng.choice(sources),
                    found_on=today - dt.timedelta(days=rng.randint(0, 700)),
                    severity=rng.choice(severities),
                    summary="Bench: parten blev ikke hørt.",
                    created_by=author,
                )
                for _ in range(FINDINGS)
            ]
        )
        Finding.units.through.objects.bulk_create(
            [Finding.units.through(finding_id=f.pk, orgunit_id=rng.choice(units)) for f in made]
        )
        FindingCitation.objects.bulk_create(
            [FindingCitation(finding=f, provision=rng.choice(provisions)) for f in made]
        )
    return [f.pk for f in made]


def _client(username: str, role: str):
    from django.contrib.auth.models import Group
    from django.test import Client

    from people.models import OrgUnit, User
    from people.services import roles_ensure

    roles_ensure()
    user, _ = User.objects.update_or_create(
        username=username,
        defaults={"is_staff": True, "org_unit": OrgUnit.objects.get(code="BX")},
    )
    user.groups.add(Group.objects.get(name=role))
    client = Client()
    client.force_login(user)
    return client


def _get(client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return get


def run(ctx: BenchContext) -> list[Figure]:
    from courses.models import CoursePage
    from findings.models import Finding
    from people.models import OrgUnit
    from statusreport.build import status_report_build
    from statusreport.pdf import status_report_pdf
    from statusreport.word import status_report_docx

    repeat = max(3, int(ctx.extra.get("repeat", 30)) // 6)  # type: ignore[call-overload]
    data = ctx.extra.get("compliance_data") or {}
    requirement_ids = list(data.get("requirements", []))[:2]
    from compliance.models import Requirement

    courses = list(
        Requirement.objects.filter(pk__in=requirement_ids).values_list("course_id", flat=True)
    )
    families = dict(CoursePage.objects.filter(pk__in=courses).values_list("pk", "family"))
    for course_id, family in zip(
        courses, (CoursePage.Family.ONBOARDING, CoursePage.Family.MANAGER), strict=False
    ):
        CoursePage.objects.filter(pk=course_id).update(family=family)
    made = _findings(random.Random(21))
    top = OrgUnit.objects.get(code="BX")
    today = timezone.localdate()
    start = today - dt.timedelta(days=365)

    def build():
        return status_report_build(unit=top, date_from=start, date_to=today)

    def hand():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.requirement_id, count(*), "
                "count(*) FILTER (WHERE a.status = 'completed' AND a.completed_at::date <= a.due_at) "
                "FROM compliance_assignment a JOIN people_orgunit o ON o.id = a.unit_id "
                "WHERE a.requirement_id = ANY(%s) AND a.due_at BETWEEN %s AND %s "
                "AND o.path LIKE %s AND a.status <> 'superseded' GROUP BY a.requirement_id",
                [requirement_ids, start, today, top.path + "%"],
            )
            return cursor.fetchall()

    from people.roles import HR, JURIST

    try:
        times = timed_together(
            {
                "build": build,
                "pdf": lambda: status_report_pdf(build()),
                "docx": lambda: status_report_docx(build()),
                "hand": hand,
            },
            repeat=repeat,
        )
        report = build()
        pages = timed_together(
            {
                "practice": _get(_client("bench-jurist", JURIST), "/admin/jura-i-praksis/"),
                "rollup": _get(_client("bench-hr-rapport", HR), "/admin/overholdelse/"),
            },
            repeat=repeat * 3,
        )
    finally:
        Finding.objects.filter(pk__in=made).delete()
        for course_id, family in families.items():
            CoursePage.objects.filter(pk=course_id).update(family=family)
    mandatory = report.sections[0].charts[0].table.rows if report.sections[0].charts else []
    note = (
        f"{len(mandatory)} mandatory requirements, {FINDINGS:,} findings; "
        f"median of {repeat}, in turns"
    )
    baseline = "hand SQL: mandatory cycles due in the period"
    return [
        Figure(
            "status report, figures (whole tree, 12 months)",
            times["build"] / 1000,
            "s",
            budget=BUDGET_S,
            baseline=times["hand"] / 1000,
            baseline_name=baseline,
            note=note,
        ),
        Figure(
            "status report as PDF (figures + charts + reportlab)",
            times["pdf"] / 1000,
            "s",
            budget=BUDGET_S,
            baseline=times["build"] / 1000,
            baseline_name="the figures alone",
        ),
        Figure(
            "status report as Word (figures + charts + python-docx)",
            times["docx"] / 1000,
            "s",
            budget=BUDGET_S,
            baseline=times["build"] / 1000,
            baseline_name="the figures alone",
        ),
        Figure(
            "Jura i praksis page, whole tree (1,000 findings)",
            pages["practice"],
            "ms",
            baseline=pages["rollup"],
            baseline_name="compliance rollup page, same run",
        ),
    ]
