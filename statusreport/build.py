"""From the selectors' figures to the report's words, tables and charts (Danish; the period,
the unit and the time it was made on the front)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from findings.models import Finding
from overview.charts import count_text, day_text, percent_text
from people.models import OrgUnit

from .report import Chart, Section, StatusReport, Table
from .selectors import (
    finding_figures,
    guideline_changes,
    mandatory_deadlines,
    quiz_results,
    retraining_done,
    short_course_participation,
)


def _mandatory(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> tuple[Section, str]:
    rows = mandatory_deadlines(unit=unit, date_from=date_from, date_to=date_to)
    table = Table(
        caption=_("Obligatoriske kurser med frist i perioden"),
        headings=[
            _("Krav"),
            _("Frist i perioden"),
            _("Til tiden"),
            _("For sent"),
            _("Ikke gennemført"),
            _("Fritaget"),
            _("Andel til tiden"),
            _("Overholdt i dag"),
        ],
        empty=_("Ingen obligatoriske kurser er sat op som krav."),
    )
    for r in rows:
        table.rows.append(
            [
                r.requirement,
                count_text(r.due),
                count_text(r.in_time),
                count_text(r.late),
                count_text(r.open),
                count_text(r.exempt),
                percent_text(r.in_time_share),
                percent_text(r.now_share),
            ]
        )
    due = sum(r.due - r.exempt for r in rows)
    in_time = sum(r.in_time for r in rows)
    share = percent_text(100.0 * in_time / due if due else None)
    chart = Chart(
        id="frister",
        title=_("Andel gennemført inden fristen"),
        desc=_(
            "Vandrette søjler: for hvert obligatorisk kursus andelen af dem med frist i perioden, "
            "der gennemførte inden fristen. Samlet %(share)s."
        )
        % {"share": share},
        bars=[(r.requirement, r.in_time_share) for r in rows],
        table=table,
    )
    section = Section(
        heading=_("1. Obligatoriske kurser for nye medarbejdere og nye ledere"),
        paragraphs=[
            _(
                "Forløb med frist i perioden for medarbejdere, der i dag er i enheden. "
                'Andelen til tiden regnes af dem, der ikke er fritaget. "Overholdt i dag" er '
                "den aktuelle status for alle med kravet (gennemført eller fritaget)."
            )
        ],
        charts=[chart] if rows else [],
        tables=[] if rows else [table],
    )
    if due:
        summary = _(
            "%(share)s af forløbene i de obligatoriske kurser blev gennemført inden fristen."
        ) % {"share": share}
    else:
        summary = _("Ingen forløb i de obligatoriske kurser havde frist i perioden.")
    return section, summary


def _short_course(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> tuple[Section, str]:
    whole, children = short_course_participation(unit=unit, date_from=date_from, date_to=date_to)
    table = Table(
        caption=_("Deltagelse i Jura – Kort og Godt pr. enhed"),
        headings=[
            _("Enhed"),
            _("Medarbejdere"),
            _("Deltagere"),
            _("Andel"),
            _("Gennemførte lektioner og test"),
        ],
    )
    for p in [*children, whole]:
        table.rows.append(
            [
                p.name if p is not whole else _("I alt: %(unit)s") % {"unit": p.name},
                count_text(p.people),
                count_text(p.participants),
                percent_text(p.share),
                count_text(p.steps),
            ]
        )
    chart = Chart(
        id="kort-og-godt",
        title=_("Andel af medarbejderne, der deltog i Jura – Kort og Godt"),
        desc=_(
            "Vandrette søjler: for hver underenhed andelen af medarbejderne, der gennemførte "
            "mindst én lektion eller test i Jura – Kort og Godt i perioden. I alt %(share)s."
        )
        % {"share": percent_text(whole.share)},
        bars=[(p.name, p.share) for p in children],
        table=table,
    )
    summary = _(
        "%(participants)s medarbejdere (%(share)s) deltog i Jura – Kort og Godt; "
        "%(courses)s gennemførte et helt forløb."
    ) % {
        "participants": count_text(whole.participants),
        "share": percent_text(whole.share),
        "courses": count_text(whole.courses_completed),
    }
    section = Section(
        heading=_("2. Jura – Kort og Godt"),
        paragraphs=[
            _(
                "Deltager: har gennemført mindst én lektion eller test i perioden. Andelen regnes "
                "af de aktive medarbejdere i enheden i dag."
            ),
            summary,
        ],
        charts=[chart] if children else [],
        tables=[] if children else [table],
    )
    return section, summary


def _results(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> Section:
    results = quiz_results(unit=unit, date_from=date_from, date_to=date_to)
    table = Table(
        caption=_("Resultater pr. juridisk tema"),
        headings=[_("Tema"), _("Spørgsmål"), _("Besvarelser"), _("Andel rigtige")],
        empty=_("Ingen besvarelser af spørgsmål med henvisninger endnu."),
    )
    for t in results.themes:
        table.rows.append(
            [
                t.theme,
                count_text(t.questions),
                count_text(t.answers),
                percent_text(t.facility_percent),
            ]
        )
    chart = Chart(
        id="temaer",
        title=_("Andel rigtige svar pr. juridisk tema"),
        desc=_(
            "Vandrette søjler: for hvert juridisk tema (lov eller administrationsgrundlag) "
            "andelen af point opnået på spørgsmål, der henviser til det; sværest først."
        ),
        bars=[(t.theme, t.facility_percent) for t in results.themes],
        table=table,
    )
    return Section(
        heading=_("3. Resultater pr. juridisk tema"),
        paragraphs=[
            _(
                "%(attempts)s quizforsøg blev afsluttet i perioden, og %(share)s af dem blev "
                "bestået."
            )
            % {"attempts": count_text(results.attempts), "share": percent_text(results.pass_share)},
        ],
        charts=[chart] if results.themes else [],
        tables=[] if results.themes else [table],
        notes=[
            _(
                "Andel rigtige bygger på alle besvarelser til dato i enheden (som "
                "spørgsmålsanalysen), ikke kun periodens."
            )
        ],
    )


def _findings(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> tuple[Section, str]:
    figures = finding_figures(unit=unit, date_from=date_from, date_to=date_to)
    severities = Finding.Severity
    per_theme = Table(
        caption=_("Fund pr. kilde og tema"),
        headings=[_("Kilde"), _("Tema"), *(str(label) for _v, label in severities.choices)],
        empty=_("Ingen fund i perioden."),
    )
    for row in figures.by_source_and_theme:
        per_theme.rows.append(
            [
                row.source_label,
                row.theme,
                *(count_text(row.findings.get(value, 0)) for value, _l in severities.choices),
            ]
        )
    per_source = Table(
        caption=_("Fund pr. kilde"),
        headings=[_("Kilde"), _("Fund")],
        rows=[[source, count_text(n)] for source, n in figures.by_source.items()],
    )
    chart = Chart(
        id="fund",
        title=_("Fund pr. kilde"),
        desc=_("Vandrette søjler: antal fund i perioden fra hver kilde, i alt %(total)s.")
        % {"total": count_text(figures.total)},
        bars=[(source, float(n)) for source, n in figures.by_source.items()],
        table=per_source,
        percent=False,
    )
    follow = figures.followup
    followup = _(
        "%(followed)s af %(total)s fund er fulgt op med målrettet træning (%(requirements)s "
        "krav): %(done)s af %(assigned)s tildelte forløb er gennemført, %(overdue)s er "
        "overskredet."
    ) % {
        "followed": count_text(figures.followed_up),
        "total": count_text(figures.total),
        "requirements": count_text(follow.requirements),
        "done": count_text(follow.completed),
        "assigned": count_text(follow.total),
        "overdue": count_text(follow.overdue),
    }
    severity_text = ", ".join(
        f"{count_text(figures.by_severity.get(value, 0))} {str(label).lower()}"
        for value, label in severities.choices
    )
    summary = ngettext(
        "%(n)s fund i perioden (%(severity)s).",
        "%(n)s fund i perioden (%(severity)s).",
        figures.total,
    ) % {"n": count_text(figures.total), "severity": severity_text}
    section = Section(
        heading=_("4. Fund fra praksis og opfølgning"),
        paragraphs=[summary, followup],
        charts=[chart] if figures.total else [],
        tables=[per_theme],
    )
    return section, summary


def _changes(unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> tuple[Section, str]:
    changes = guideline_changes(date_from=date_from, date_to=date_to)
    retraining = retraining_done(unit=unit, date_from=date_from, date_to=date_to)
    change_table = Table(
        caption=_("Ændringer af administrationsgrundlag"),
        headings=[
            _("Administrationsgrundlag"),
            _("Ændringer"),
            _("Væsentlige"),
            _("Redaktionelle"),
            _("Afventer vurdering"),
        ],
        rows=[
            [
                c.guideline,
                count_text(c.changes),
                count_text(c.material),
                count_text(c.editorial),
                count_text(c.pending),
            ]
            for c in changes
        ],
        empty=_("Ingen administrationsgrundlag er ændret i perioden."),
    )
    retraining_table = Table(
        caption=_("Genopfriskning og målrettet træning"),
        headings=[
            _("Forløb"),
            _("Anledning"),
            _("Tildelt"),
            _("Medarbejdere"),
            _("Gennemført"),
            _("Overskredet"),
            _("Andel gennemført"),
        ],
        rows=[
            [
                r.name,
                _("Fund") if r.from_finding else _("Ændring af administrationsgrundlag"),
                day_text(r.assigned_on) if r.assigned_on else "–",
                count_text(r.total),
                count_text(r.completed),
                count_text(r.overdue),
                percent_text(r.completed_share),
            ]
            for r in retraining
        ],
        empty=_("Ingen genopfriskning er tildelt i perioden."),
    )
    material = sum(c.material for c in changes)
    summary = _(
        "%(changes)s ændringer af administrationsgrundlag, heraf %(material)s væsentlige; "
        "%(retraining)s forløb med genopfriskning eller målrettet træning."
    ) % {
        "changes": count_text(sum(c.changes for c in changes)),
        "material": count_text(material),
        "retraining": count_text(len(retraining)),
    }
    section = Section(
        heading=_("5. Ændringer af administrationsgrundlag og genopfriskning"),
        paragraphs=[summary],
        tables=[change_table, retraining_table],
        notes=[_("Gennemført og overskredet er status i dag for medarbejderne i enheden.")],
    )
    return section, summary


def status_report_build(*, unit: OrgUnit, date_from: dt.date, date_to: dt.date) -> StatusReport:
    """The whole report for ``unit``'s subtree and the period (about 30 queries, each an
    aggregate; none reads people one by one)."""
    mandatory, mandatory_summary = _mandatory(unit, date_from, date_to)
    short, short_summary = _short_course(unit, date_from, date_to)
    results = _results(unit, date_from, date_to)
    findings, findings_summary = _findings(unit, date_from, date_to)
    changes, changes_summary = _changes(unit, date_from, date_to)
    return StatusReport(
        title=_("Statusrapport til udvalget"),
        subject=unit.name,
        date_from=date_from,
        date_to=date_to,
        made_at=timezone.localtime(),
        summary=[mandatory_summary, short_summary, findings_summary, changes_summary],
        sections=[mandatory, short, results, findings, changes],
    )
