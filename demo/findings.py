"""Ten findings for the demo: partshøring (FVL § 19) and begrundelse (FVL §§ 22, 24) in Center
for Byliv, aktindsigt deadlines (OFL § 36) in Center for Bygninger. No personal data: the
summaries describe what went wrong in the case processing, never whom it concerned. Idempotent
(findings are recognised by their reference)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from findings.models import Finding
from findings.services import FindingDraft, findings_create
from guidelines.models import StatuteProvision
from people.models import OrgUnit, User

S = Finding.Source
K = Finding.Severity
# reference, source, days ago, unit, provisions, severity, summary
FINDINGS: list[tuple[str, str, int, str, tuple[str, ...], str, str]] = [
    (
        "BR-2026-014",
        S.BORGERRAADGIVER,
        40,
        "BA-BYLIV-UDE",
        ("FVL-19-1",),
        K.KRITIK,
        "Ved afslag på udeserveringstilladelse blev ansøgeren ikke hørt over politiets udtalelse, "
        "selv om udtalelsen var til ugunst for ansøgeren og af væsentlig betydning for afgørelsen.",
    ),
    (
        "BR-2026-022",
        S.BORGERRAADGIVER,
        75,
        "BA-BYLIV-UDE",
        ("FVL-19-1",),
        K.KRITIK,
        "Forvaltningen traf afgørelse om inddragelse af tilladelse uden forudgående partshøring "
        "over naboklager, som afgørelsen byggede på.",
    ),
    (
        "KORT-2026-03",
        S.REVIEW,
        60,
        "BA-BYLIV",
        ("FVL-19-1",),
        K.HENSTILLING,
        "Kortlægningen af partshøringspraksis viste, at partshøring i 6 af 20 gennemgåede sager "
        "ikke var dokumenteret i sagen, og at fristen for bemærkninger ofte var under en uge.",
    ),
    (
        "KORT-2026-04",
        S.REVIEW,
        60,
        "BA-BYLIV-ARR",
        ("FVL-19-1", "FVL-19-2"),
        K.BEMAERKNING,
        "I flere arrangementssager blev undtagelsen i § 19, stk. 2, anvendt uden at det fremgik "
        "af sagen, hvilken undtagelse der blev lagt til grund.",
    ),
    (
        "FOKUS-2025-B7",
        S.FOKUS,
        120,
        "BA-BYLIV",
        ("FVL-22", "FVL-24"),
        K.HENSTILLING,
        "FOKUS-evalueringen fandt, at afslag ofte alene henviste til 'gældende praksis' uden at "
        "angive retsreglerne og de hovedhensyn, der havde været bestemmende for skønnet.",
    ),
    (
        "BR-2026-031",
        S.BORGERRAADGIVER,
        30,
        "BA-BYLIV-UDE",
        ("FVL-24",),
        K.KRITIK,
        "Begrundelsen for afslaget indeholdt ikke en kort redegørelse for de faktiske forhold, "
        "der var tillagt væsentlig betydning for afgørelsen.",
    ),
    (
        "KLAGE-2026-112",
        S.COMPLAINT,
        20,
        "BA-BYLIV-ARR",
        ("FVL-22",),
        K.BEMAERKNING,
        "Afgørelsen om arrangementstilladelse med vilkår blev meddelt uden begrundelse for "
        "vilkårene, selv om ansøgningen ikke var imødekommet fuldt ud.",
    ),
    (
        "FOB-2025-47",
        S.OMBUDSMAND,
        150,
        "BA-BYGNINGER-SAG",
        ("OFL-36",),
        K.KRITIK,
        "Anmodninger om aktindsigt i byggesager blev ikke besvaret inden for 7 arbejdsdage, og "
        "anmoderen blev ikke underrettet om grunden til fristoverskridelsen og om forventet svartid.",
    ),
    (
        "KORT-2026-07",
        S.REVIEW,
        45,
        "BA-BYGNINGER",
        ("OFL-36",),
        K.HENSTILLING,
        "Gennemgangen af 30 aktindsigtssager viste en gennemsnitlig svartid på 16 arbejdsdage; "
        "i 11 sager var der ikke sendt foreløbigt svar.",
    ),
    (
        "BR-2026-040",
        S.BORGERRAADGIVER,
        15,
        "BA-BYGNINGER-SAG",
        ("OFL-36",),
        K.BEMAERKNING,
        "Et foreløbigt svar på en aktindsigtsanmodning angav ikke, hvornår en afgørelse kunne "
        "forventes.",
    ),
]


def seed_findings(context: dict[str, Any]) -> list[Finding]:
    have = set(Finding.objects.values_list("reference", flat=True))
    jurist = User.objects.filter(username="jurist").first()
    if jurist is None:
        return []
    units = {u.code: u for u in OrgUnit.objects.all()}
    provisions = dict(StatuteProvision.objects.values_list("key", "pk"))
    today = timezone.localdate()
    drafts = [
        FindingDraft(
            line=n,
            source=source,
            found_on=today - dt.timedelta(days=days),
            severity=severity,
            summary=summary,
            reference=reference,
            units=[units[code]],
            targets=[("provision", provisions[key]) for key in keys if key in provisions],
        )
        for n, (reference, source, days, code, keys, severity, summary) in enumerate(FINDINGS)
        if reference not in have and code in units
    ]
    return findings_create(drafts=drafts, by=jurist) if drafts else []
