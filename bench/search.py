"""The learner's search on a corpus of full-size (issue 19: ≤ 30 ms server time).

3,000 guideline sections and 5,000 lessons are generated: each text is 2–4 of the demo content's
own Danish sentences (so a legal word such as "partshøring" occurs in about one text in eight,
a commoner word than in a real body of guidelines) and 8–18 sentences of filler from a
vocabulary of 1,600 compound nouns made of Danish word parts (so the index has a realistic
number of distinct words); plus the demo provisions. They are indexed by the search app's own
code (``search.indexing``: the same rows and ``tsvector`` a publish writes).
Pages are not created: the search reads only its index (and the few view restrictions and
withheld lessons), so 8,000 Wagtail pages would add minutes and measure nothing more.

Figures: the median server time of ``GET /soeg/?q=partshøringen`` (the whole view: login
session, the grouped counts, the top hits per kind, the ``ts_headline`` snippets, the citing
lessons, the template) for a logged-in employee, against the hand-written query under it — one
``SELECT … WHERE vector @@ websearch_to_tsquery('danish', …) ORDER BY ts_rank(…) LIMIT 5`` per
kind — in the same run; and the same for a rarer word.
"""

from __future__ import annotations

import random
import re

from django.db import connection
from django.test import Client

from bench.harness import BenchContext, Figure, timed_together
from search.indexing import _vectors, plain
from search.models import SearchEntry

BUDGET_MS = 30
SECTIONS = 3_000
LESSONS = 5_000


def _sentences() -> list[str]:
    from demo.content import COURSES, GUIDELINES

    texts: list[str] = []
    for guideline in GUIDELINES:
        texts += [s["body"] for s in guideline["sections"]]
    for course in COURSES:
        for module in course["modules"]:
            for lesson in module["lessons"]:
                texts += [str(v) for v in lesson.values() if isinstance(v, str)]
                for block in lesson.get("body", []) or []:
                    texts.append(str(block))
    sentences = []
    for text in texts:
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", plain(text)) if len(s) > 30]
    return sentences


_HEADS = (
    "vej fortov cykel bygge affald parkering træ skilt støj jord vand kloak havn park plads "
    "torv bro tunnel lys belysning graffiti container stillads kran facade gård tag kælder "
    "skole bolig erhverv butik marked festival kiosk bænk plante hæk grus asfalt"
).split()
_TAILS = (
    "tilladelse afgørelse klage gebyr ansøgning høring vilkår tilsyn påbud forbud dispensation "
    "frist kontrol plan areal ejer lejer myndighed sag notat besigtigelse anmeldelse registrering "
    "regulativ vejledning skøn praksis tegning måling rapport undersøgelse opgørelse beregning "
    "betaling refusion ordning aftale kontrakt politik strategi"
).split()
_GLUE = "og at det er der en som på for med til af ikke skal kan vil har blev efter inden når hvis".split()


def _filler(rng: random.Random, words: list[str]) -> str:
    parts = [rng.choice(words if rng.random() < 0.55 else _GLUE) for _ in range(rng.randint(8, 14))]
    return " ".join(parts).capitalize() + "."


def _text(rng: random.Random, sentences: list[str], words: list[str]) -> str:
    chosen = rng.sample(sentences, rng.randint(2, 4))
    chosen += [_filler(rng, words) for _ in range(rng.randint(8, 18))]
    rng.shuffle(chosen)
    return " ".join(chosen)


def _generate(rng: random.Random) -> int:
    sentences = _sentences()
    words = [h + t for h in _HEADS for t in _TAILS]
    headings = [s[:60].rstrip(" ,.") for s in sentences]
    SearchEntry.objects.filter(url__startswith="/bench/").delete()
    rows = []
    for n in range(SECTIONS):
        guideline = n // 30
        rows.append(
            SearchEntry(
                kind=SearchEntry.Kind.SECTION,
                object_id=10_000_000 + n,
                path="",
                title=f"{n % 30 + 1}. {rng.choice(headings)}",
                context=f"Administrationsgrundlag nr. {guideline + 1}",
                url=f"/bench/administrationsgrundlag/ag-{guideline}/#afsnit-{n % 30 + 1}",
                body=_text(rng, sentences, words),
            )
        )
    for n in range(LESSONS):
        rows.append(
            SearchEntry(
                kind=SearchEntry.Kind.LESSON,
                object_id=20_000_000 + n,
                path="",
                title=rng.choice(headings),
                context=f"Kursus {n // 100 + 1}",
                url=f"/bench/kurser/kursus-{n // 100}/lektion-{n}/",
                body=_text(rng, sentences, words),
            )
        )
    created = SearchEntry.objects.bulk_create(rows, batch_size=1000)
    _vectors(e.pk for e in created)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) paragraf_search_searchentry")
    return len(created)


def _hand(word: str):
    """The SQL under the page: the top five per kind, ranked."""

    def run():
        with connection.cursor() as cursor:
            for kind in ("section", "provision", "lesson"):
                cursor.execute(
                    "SELECT id, title, url FROM paragraf_search_searchentry "
                    "WHERE kind = %s AND vector @@ websearch_to_tsquery('danish', %s) "
                    "ORDER BY ts_rank(vector, websearch_to_tsquery('danish', %s)) DESC LIMIT 5",
                    [kind, word, word],
                )
                cursor.fetchall()

    return run


def _page(client: Client, word: str):
    def get():
        response = client.get("/soeg/", {"q": word})
        assert response.status_code == 200, response.status_code

    return get


def run(ctx: BenchContext) -> list[Figure]:
    from people.models import User
    from search.indexing import search_reindex

    search_reindex()  # the demo-less bench database: provisions and anything published
    rows = _generate(random.Random(19))
    user = User.objects.filter(employee_number__startswith="BX").order_by("pk").first()
    client = Client()
    client.force_login(user)
    repeat = int(ctx.extra.get("repeat", 30))  # type: ignore[call-overload]
    common, rare = "partshøringen", "tilbagemeldingsgaranti"
    fns = {"page": _page(client, common), "rare": _page(client, rare)}
    if connection.vendor == "postgresql":
        fns |= {"hand": _hand(common), "hand_rare": _hand(rare)}
    times = timed_together(fns, repeat=repeat)
    matches = SearchEntry.objects.filter(body__icontains="partshør").count()
    rare_matches = SearchEntry.objects.filter(body__icontains=rare).count()
    note = f"{rows:,} generated entries ({SECTIONS:,} sections, {LESSONS:,} lessons); median of {repeat}"
    hand_name = "hand-written tsquery, top 5 per kind"
    return [
        Figure(
            "search page, 'partshøringen' (common word)",
            times["page"],
            "ms",
            budget=BUDGET_MS,
            baseline=times.get("hand"),
            baseline_name=hand_name,
            note=f"{note}; about {matches:,} entries contain the word",
        ),
        Figure(
            "search page, 'tilbagemeldingsgaranti' (rare word)",
            times["rare"],
            "ms",
            budget=BUDGET_MS,
            baseline=times.get("hand_rare"),
            baseline_name=hand_name,
            note=f"about {rare_matches:,} entries contain the word",
        ),
    ]
