"""Writes for quizzes: starting, answering, submitting, expiring and marking attempts.

Every refusal raises ``QuizRefused`` with a Danish message for the person and logs a line for
the operator; nothing is written before the input has been validated against the attempt.

Time limits: answers that arrive by the deadline plus ``TIME_LIMIT_GRACE`` count. When the time
has run out, the attempt is submitted with the answers saved until then (drafts, see
``quizzes.drafts``) and graded as usual, marked ``timed_out``; answers sent later never count.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.coreutils import find_available_slug

from courses.services import StepNotCompletable, step_complete
from guidelines.models import GuidelineSection, StatuteProvision
from guidelines.selectors import withheld_source_ids

from .accommodations import attempt_limit_with, terms_effective, time_allowed_seconds
from .grading import item_grade, items_score
from .item_totals import COUNTED, item_totals_add
from .models import Attempt, AttemptQuestion, Question, QuizPage, QuizPageQuestion
from .selectors import accommodation_for, attempts_in_current_run
from .signals import attempt_graded

if TYPE_CHECKING:
    from courses.models import ModulePage
    from people.models import User

logger = logging.getLogger(__name__)

#: Allowance for the network between the browser's last second and the server.
TIME_LIMIT_GRACE = dt.timedelta(seconds=10)
ESSAY_MAX_LENGTH = 10_000

MESSAGES = {
    "not_served": gettext_lazy(
        "Dit svar indeholder valgmuligheder eller spørgsmål, som ikke blev vist i dit forsøg. "
        "Intet er gemt. Genindlæs quizzen, og prøv igen."
    ),
    "other_person": gettext_lazy(
        "Forsøget tilhører en anden person. Du kan kun aflevere dine egne forsøg."
    ),
    "already_submitted": gettext_lazy(
        "Forsøget er allerede afleveret, og dit resultat er uændret."
    ),
    "already_answered": gettext_lazy(
        "Du har allerede svaret på dette spørgsmål. Dit første svar gælder."
    ),
    "timed_out": gettext_lazy(
        "Tiden er udløbet, og forsøget er afleveret automatisk med de svar, der var gemt inden "
        "fristen. Svar, der er sendt efter fristen, tæller ikke."
    ),
    "late_answers": gettext_lazy(
        "Dine svar kom frem efter fristen og tæller ikke. Forsøget er afleveret og bedømt med de "
        "svar, der var gemt inden fristen."
    ),
    "autosave_rate": gettext_lazy(
        "Dine svar blev ikke gemt, fordi der er gemt for mange gange på kort tid. Vent et "
        "øjeblik, og prøv igen."
    ),
    "attempt_limit": gettext_lazy("Du har brugt alle dine forsøg på denne quiz."),
    "no_questions": gettext_lazy("Quizzen har endnu ingen offentliggjorte spørgsmål."),
    "not_live": gettext_lazy("Quizzen er ikke offentliggjort."),
    "closed": gettext_lazy("Quizzen er lukket for nye forsøg."),
    "no_answer": gettext_lazy("Vælg eller skriv et svar, før du går videre."),
    "essay_too_long": gettext_lazy("Dit fritekstsvar er for langt (højst 10.000 tegn)."),
    "not_awaiting": gettext_lazy("Besvarelsen afventer ikke bedømmelse."),
    "own_attempt": gettext_lazy(
        "Du kan ikke bedømme dit eget forsøg. En anden jurist skal bedømme det (fire øjne)."
    ),
    # Regrade and override (quizzes.regrade_services).
    "no_regrade_permission": gettext_lazy(
        "Du har ikke adgang til at genberegne eller overstyre quizresultater. Intet er ændret."
    ),
    "regrade_all_dropped": gettext_lazy(
        "Mindst ét spørgsmål i hvert forsøg skal fortsat tælle. Intet er ændret."
    ),
    "regrade_unknown_question": gettext_lazy(
        "Et af de valgte spørgsmål indgår ikke i quizzens forsøg. Intet er ændret."
    ),
    "override_missing": gettext_lazy("Svaret findes ikke. Intet er ændret."),
    "override_own_attempt": gettext_lazy(
        "Du kan ikke overstyre point i dit eget forsøg. En anden jurist skal gøre det (fire øjne). "
        "Intet er ændret."
    ),
    "override_in_progress": gettext_lazy(
        "Forsøget er ikke afleveret endnu. Point kan først overstyres, når forsøget er afsluttet. "
        "Intet er ændret."
    ),
    "override_not_graded": gettext_lazy(
        "Svaret er ikke bedømt endnu. Bedøm det under “Bedøm fritekstsvar”. Intet er ændret."
    ),
    "override_dropped": gettext_lazy(
        "Spørgsmålet er taget ud af bedømmelsen og giver ingen point. Intet er ændret."
    ),
    "override_range": gettext_lazy(
        "Point skal være mellem 0 og spørgsmålets point (vægt). Intet er ændret."
    ),
    "override_comment": gettext_lazy(
        "Skriv en kommentar til deltageren om, hvorfor pointene ændres. Intet er ændret."
    ),
}


class QuizRefused(Exception):
    """Refused input. ``message`` is shown to the person; ``status`` is the HTTP status."""

    def __init__(self, code: str, status: int = 400):
        super().__init__(code)
        self.code = code
        self.status = status

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code])


# --- Starting --------------------------------------------------------------------------------


def quiz_question_pool(*, quiz: QuizPage) -> list[Question]:
    """The live questions a quiz draws from, in authored order (two or three queries).

    Questions citing a section that a material guideline change altered are withheld until
    they are revised and re-published (guidelines.selectors.withheld_source_ids).
    """
    from django.contrib.contenttypes.models import ContentType

    withheld = withheld_source_ids(content_type=ContentType.objects.get_for_model(Question))
    chosen = [
        row.question
        for row in QuizPageQuestion.objects.filter(page=quiz)
        .select_related("question__category")
        .order_by("sort_order", "pk")
    ]
    if chosen:
        return [q for q in chosen if q.live and q.pk not in withheld]
    if quiz.category_id is None:
        return []
    return list(
        Question.objects.filter(category_id__in=quiz.category.subtree_ids(), live=True)
        .exclude(pk__in=withheld)
        .select_related("category")
        .order_by("pk")
    )


def quiz_draws_pick(*, quiz: QuizPage, taken: set[int], rng: random.Random) -> list[Question]:
    """The quiz's random draws for one attempt ("3 from category A, 2 from B"), in draw order;
    a question is never drawn twice, and a draw short of live questions serves what there is
    (logged). Two queries plus one per draw."""
    from django.contrib.contenttypes.models import ContentType

    draws = list(quiz.draws.select_related("category").order_by("sort_order", "pk"))
    if not draws:
        return []
    withheld = withheld_source_ids(content_type=ContentType.objects.get_for_model(Question))
    picked: list[Question] = []
    taken = set(taken)
    for draw in draws:
        candidates = list(
            Question.objects.filter(category_id__in=draw.category.subtree_ids(), live=True)
            .exclude(pk__in=withheld | taken)
            .select_related("category")
            .order_by("pk")
        )
        if len(candidates) < draw.count:
            logger.warning(
                "quiz draw short of questions quiz=%s category=%s wanted=%s live=%s",
                quiz.pk,
                draw.category_id,
                draw.count,
                len(candidates),
            )
        chosen = rng.sample(candidates, min(draw.count, len(candidates)))
        picked.extend(chosen)
        taken.update(q.pk for q in chosen)
    return picked


def _citation_ref(value: Mapping[str, Any]) -> dict[str, int] | None:
    if value.get("section"):
        return {"section": int(value["section"])}
    if value.get("provision"):
        return {"provision": int(value["provision"])}
    return None


def question_snapshots(questions: Sequence[Question]) -> list[dict]:
    """What an attempt would freeze of each question (text, choices in authored order, answer
    key, weight, citations): for exporting a quiz. The categories must come with the
    questions (select_related)."""
    return _snapshots(questions, shuffle=None)


def _snapshots(questions: Sequence[Question], *, shuffle: random.Random | None) -> list[dict]:
    """Frozen texts, choice order, answer key, citations, weight and category name from the
    questions' raw stream data (so no query per block; the categories must come with the
    questions, select_related); basis labels come from two bulk lookups."""
    section_ids: set[int] = set()
    provision_ids: set[int] = set()
    for question in questions:
        for child in question.choices.raw_data:
            if child["type"] == "basis":
                basis_ref = _citation_ref(child["value"].get("citation") or {}) or {}
                section_ids.update(v for k, v in basis_ref.items() if k == "section")
                provision_ids.update(v for k, v in basis_ref.items() if k == "provision")
    labels = {
        ("section", s.pk): f"{s.key} {s.heading}"
        for s in GuidelineSection.objects.filter(pk__in=section_ids)
    }
    labels.update(
        {("provision", p.pk): str(p) for p in StatuteProvision.objects.filter(pk__in=provision_ids)}
    )
    result = []
    for question in questions:
        snapshot: dict[str, Any] = {
            "text": question.text,
            "explanation": question.explanation,
            "citations": [
                ref
                for child in question.citations.raw_data
                if (ref := _citation_ref(child["value"])) is not None
            ],
            "weight": question.points,
            # For the learner's result per category (the pool reads categories with the questions).
            "category": question.category.name,
        }
        if question.image_id:
            snapshot["image"] = {"id": question.image_id, "alt": question.image_alt}
        choices: list[dict[str, Any]] = []
        if question.kind == Question.Kind.TRUEFALSE:
            choices = [
                {"id": "sand", "text": _("Sandt"), "group": "choice"},
                {"id": "falsk", "text": _("Falsk"), "group": "choice"},
            ]
            snapshot["correct"] = ["sand" if question.true_is_correct else "falsk"]
        elif question.kind != Question.Kind.ESSAY:
            correct = []
            for child in question.choices.raw_data:
                value = child["value"]
                text = value.get("text") or ""
                if child["type"] == "basis" and not text:
                    choice_ref = _citation_ref(value.get("citation") or {})
                    text = labels.get(next(iter(choice_ref.items())), "") if choice_ref else ""
                served: dict[str, Any] = {"id": child["id"], "text": text, "group": child["type"]}
                if value.get("image"):
                    served["image"] = {"id": value["image"], "alt": value.get("image_alt", "")}
                choices.append(served)
                if value.get("correct"):
                    correct.append(child["id"])
                    if child["type"] in ("outcome", "basis"):
                        snapshot[f"correct_{child['type']}"] = child["id"]
            snapshot["correct"] = correct
            snapshot["partial"] = question.partial_credit_percent
            if shuffle is not None and not question.keep_choice_order:
                shuffle.shuffle(choices)
                # Keep outcomes before bases so the two steps of "find reglen" stay in order.
                choices.sort(key=lambda c: c["group"] == "basis")
        snapshot["choices"] = choices
        result.append(snapshot)
    return result


def _expired(attempt: Attempt, now: dt.datetime) -> bool:
    """Past the deadline and the grace: answers sent now do not count."""
    return attempt.deadline_at is not None and now > attempt.deadline_at + TIME_LIMIT_GRACE


def _time_up(attempt: Attempt, now: dt.datetime) -> bool:
    """At or past the deadline: whatever is submitted now closes the attempt as timed out."""
    return attempt.deadline_at is not None and now >= attempt.deadline_at


def attempt_past_grace(*, attempt: Attempt, now: dt.datetime) -> bool:
    """True when answers sent at ``now`` come too late to count (after the deadline and the
    grace for the network). No query."""
    return _expired(attempt, now)


def attempt_start(
    *, user: User, quiz: QuizPage, now: dt.datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """Resume the person's open attempt, or start a new one within the attempt limit.

    The person's accommodation (``accommodation_for``) adds attempts to the limit and time to
    the deadline; the terms that applied are frozen on the attempt with the deadline. Chooses
    the questions (a random subset when ``max_questions`` is set), freezes their revisions,
    order, choice order and texts. Writes one attempt and one bulk insert of items.
    """
    now = now or timezone.now()
    rng = rng or random.Random()  # noqa: S311 - question order, not security
    if not quiz.live:
        raise QuizRefused("not_live", status=404)
    open_attempt = Attempt.objects.filter(
        user=user, quiz=quiz, state=Attempt.State.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        if not _expired(open_attempt, now):
            return open_attempt
        attempt_expire(attempt=open_attempt, now=now)
    if quiz.closes_at is not None and now >= quiz.closes_at:
        logger.warning("quiz start after closing user=%s quiz=%s", user.pk, quiz.pk)
        raise QuizRefused("closed", status=403)
    used = attempts_in_current_run(user=user, quiz=quiz).count()
    accommodation = accommodation_for(user=user, quiz=quiz)
    terms = terms_effective(
        accommodation.terms if accommodation is not None else {},
        time_limit_minutes=quiz.time_limit_minutes,
        attempt_limit=quiz.attempt_limit,
    )
    limit = attempt_limit_with(attempt_limit=quiz.attempt_limit, terms=terms)
    if limit is not None and used >= limit:
        logger.warning(
            "quiz attempt limit user=%s quiz=%s used=%s limit=%s", user.pk, quiz.pk, used, limit
        )
        raise QuizRefused("attempt_limit", status=403)
    questions = quiz_question_pool(quiz=quiz)
    if quiz.max_questions and quiz.max_questions < len(questions):
        picked = set(rng.sample(range(len(questions)), quiz.max_questions))
        questions = [q for i, q in enumerate(questions) if i in picked]
    questions += quiz_draws_pick(quiz=quiz, taken={q.pk for q in questions}, rng=rng)
    if not questions:
        logger.warning("quiz without live questions quiz=%s", quiz.pk)
        raise QuizRefused("no_questions", status=409)
    if quiz.random_order:
        rng.shuffle(questions)
    snapshots = _snapshots(questions, shuffle=rng if quiz.shuffle_choices else None)
    seconds = time_allowed_seconds(time_limit_minutes=quiz.time_limit_minutes, terms=terms)
    deadline = now + dt.timedelta(seconds=seconds) if seconds is not None else None
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                user=user,
                quiz=quiz,
                quiz_title=quiz.title,
                quiz_revision_id=quiz.live_revision_id,
                number=used + 1,
                pass_mark=quiz.pass_mark,
                deadline_at=deadline,
                accommodation=terms,
            )
            AttemptQuestion.objects.bulk_create(
                [
                    AttemptQuestion(
                        attempt=attempt,
                        question=question,
                        revision_id=question.live_revision_id,
                        position=position,
                        kind=question.kind,
                        snapshot=snapshot,
                    )
                    for position, (question, snapshot) in enumerate(
                        zip(questions, snapshots, strict=True), start=1
                    )
                ]
            )
    except IntegrityError:
        # A parallel request opened an attempt first (one open attempt per person and quiz).
        return Attempt.objects.get(user=user, quiz=quiz, state=Attempt.State.IN_PROGRESS)
    logger.info(
        "quiz attempt started user=%s quiz=%s attempt=%s number=%s questions=%s terms=%s",
        user.pk,
        quiz.pk,
        attempt.pk,
        attempt.number,
        len(questions),
        terms,
    )
    return attempt


# --- Answering and submitting ----------------------------------------------------------------


def answers_parse(
    *, items: Sequence[AttemptQuestion], data: Mapping[str, Sequence[str]]
) -> dict[int, dict[str, Any]]:
    """Validate posted answers against the served attempt; returns item pk → answer.

    Field names: ``q-<item>`` (choices), ``q-<item>-outcome`` / ``q-<item>-basis`` (find reglen),
    ``q-<item>-text`` (essay). Any key or value that was not served refuses the whole submission.
    """
    by_pk = {item.pk: item for item in items}
    answers: dict[int, dict[str, Any]] = {}
    for key, values in data.items():
        if not key.startswith("q-"):
            continue
        parts = key.split("-")
        try:
            item = by_pk[int(parts[1])]
        except (ValueError, KeyError, IndexError):
            raise QuizRefused("not_served") from None
        suffix = parts[2] if len(parts) > 2 else ""
        values = [v for v in values if v != ""]
        answer = answers.setdefault(item.pk, {})
        if item.kind == Question.Kind.ESSAY:
            if suffix != "text" or len(values) > 1:
                raise QuizRefused("not_served")
            text = values[0] if values else ""
            if len(text) > ESSAY_MAX_LENGTH:
                raise QuizRefused("essay_too_long")
            answer["text"] = text
            continue
        groups = {c["id"]: c["group"] for c in item.snapshot["choices"]}
        expected = {"": "choice", "outcome": "outcome", "basis": "basis"}.get(suffix)
        if expected is None or (item.kind == Question.Kind.CITE_RULE) != (expected != "choice"):
            raise QuizRefused("not_served")
        if any(groups.get(v) != expected for v in values) or len(set(values)) != len(values):
            raise QuizRefused("not_served")
        if item.kind != Question.Kind.MULTIPLE and len(values) > 1:
            raise QuizRefused("not_served")
        answer.setdefault("choices", []).extend(values)
    return answers


def _attempt_for(*, attempt_id: int, user: User, lock: bool = False) -> Attempt:
    """The person's own attempt; with ``lock`` its row is locked until the transaction ends, so
    two requests on one attempt take turns (no-op on SQLite, which writes one at a time)."""
    attempts = Attempt.objects.select_related("quiz")
    if lock:
        attempts = attempts.select_for_update(of=("self",))
    attempt = attempts.filter(pk=attempt_id).first()
    if attempt is None:
        raise QuizRefused("other_person", status=404)
    if attempt.user_id != user.pk:
        logger.warning(
            "quiz answers for another person's attempt user=%s attempt=%s owner=%s",
            user.pk,
            attempt.pk,
            attempt.user_id,
        )
        raise QuizRefused("other_person", status=403)
    return attempt


def _finish(
    *,
    attempt: Attempt,
    items: Sequence[AttemptQuestion],
    answers: Mapping[int, dict[str, Any]] | None,
    now: dt.datetime,
    timed_out: bool = False,
) -> bool:
    """Grade and close an open attempt in one guarded UPDATE plus one bulk update of items.

    The items not answered one by one get ``answers`` (the submitted form: an item missing
    from it has no answer), or with ``answers=None`` their saved drafts, stamped with the time
    each was saved. An essay answer waits for marking either way. Returns False (writing
    nothing) when the attempt was no longer open: a parallel submission won.
    """
    changed = []
    for item in items:
        if item.answered_at is None:
            if answers is None:
                item.answered_at = (item.saved_at or now) if item.answer is not None else None
            else:
                item.answer = answers.get(item.pk)
                item.answered_at = now if item.answer is not None else None
            item.points, item.is_correct = item_grade(
                kind=item.kind, snapshot=item.snapshot, answer=item.answer
            )
            changed.append(item)
    pending = any(item.points is None for item in items)
    score, max_score, percent = items_score(items)
    fields: dict[str, Any] = {"submitted_at": now, "max_score": max_score, "timed_out": timed_out}
    fields["closed_unit_id"] = attempt.user.org_unit_id if attempt.user is not None else None
    if pending:
        fields |= {"state": Attempt.State.AWAITING_MARKING}
    else:
        passed = percent >= attempt.pass_mark
        fields |= {"state": Attempt.State.GRADED, "score": score, "percent": percent}
        fields |= {"passed": passed, "graded_at": now}
    with transaction.atomic():
        claimed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
            **fields
        )
        if not claimed:
            return False
        if changed:
            AttemptQuestion.objects.bulk_update(
                changed, ["answer", "answered_at", "points", "is_correct"]
            )
        for name, value in fields.items():
            setattr(attempt, name, value)
        if attempt.state in COUNTED:
            item_totals_add(attempt_id=attempt.pk)
        if attempt.state == Attempt.State.GRADED:
            attempt_graded.send(sender=Attempt, attempt=attempt)
        if attempt.passed:
            _complete_step(attempt)
    logger.info(
        "quiz attempt closed attempt=%s user=%s state=%s percent=%s timed_out=%s",
        attempt.pk,
        attempt.user_id,
        attempt.state,
        attempt.percent,
        timed_out,
    )
    return True


def _complete_step(attempt: Attempt) -> None:
    if attempt.quiz is None or attempt.user is None:
        return
    try:
        step_complete(user=attempt.user, page=attempt.quiz)
    except StepNotCompletable:
        logger.warning("passed quiz is not a live course step quiz=%s", attempt.quiz_id)


def attempt_expire(*, attempt: Attempt, now: dt.datetime | None = None) -> bool:
    """Submit an attempt whose time ran out with the answers saved until then, and grade it as
    usual (a pass completes the step; an essay answer goes to marking); ``timed_out`` is set.

    Locks the attempt's row while its drafts are read, so an autosave cannot slip in between.
    Returns False (writing nothing) when the attempt was already closed."""
    now = now or timezone.now()
    with transaction.atomic():
        if (
            not Attempt.objects.select_for_update()
            .filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS)
            .exists()
        ):
            return False
        items = list(attempt.items.all())
        closed = _finish(attempt=attempt, items=items, answers=None, now=now, timed_out=True)
    if closed:
        logger.info(
            "quiz attempt timed out, saved answers submitted attempt=%s user=%s answered=%s",
            attempt.pk,
            attempt.user_id,
            sum(1 for item in items if item.answered_at is not None),
        )
    return closed


def attempt_expire_if_overdue(
    *, user: User, quiz: QuizPage, now: dt.datetime | None = None
) -> bool:
    """Close the person's open attempt of ``quiz`` if its time ran out (the quiz page calls this
    before it reads, so it never shows a lapsed attempt as open); True if one was closed."""
    now = now or timezone.now()
    open_attempt = Attempt.objects.filter(
        user=user, quiz=quiz, state=Attempt.State.IN_PROGRESS, deadline_at__isnull=False
    ).first()
    if open_attempt is None or not _expired(open_attempt, now):
        return False
    attempt_expire(attempt=open_attempt, now=now)
    return True


def attempts_expire_overdue(*, now: dt.datetime | None = None) -> int:
    """Submit every open attempt whose time limit has passed with its saved answers (abandoned
    attempts, see ``attempt_expire``), and grade every open attempt whose questions are all
    answered (left open by a crash between the last answer and the grading); returns how many
    were closed. Idempotent: an attempt already closed is skipped by the guarded UPDATE."""
    now = now or timezone.now()
    overdue = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline_at__lt=now - TIME_LIMIT_GRACE
    ).select_related("quiz", "user")
    closed = 0
    for attempt in overdue.iterator():
        if attempt_expire(attempt=attempt, now=now):
            closed += 1
    stuck = (
        Attempt.objects.filter(state=Attempt.State.IN_PROGRESS, items__isnull=False)
        .exclude(items__answered_at__isnull=True)
        .distinct()
        .select_related("quiz", "user")
    )
    for attempt in stuck.iterator():
        items = list(attempt.items.all())
        if _finish(attempt=attempt, items=items, answers=None, now=now):
            logger.warning("stuck quiz attempt closed attempt=%s", attempt.pk)
            closed += 1
    if closed:
        logger.info("quiz attempts expired count=%s", closed)
    return closed


def attempt_submit(
    *,
    attempt_id: int,
    user: User,
    data: Mapping[str, Sequence[str]],
    now: dt.datetime | None = None,
) -> Attempt:
    """Submit all answers of an open attempt and grade it on the server.

    Refuses another person's attempt, a closed attempt and anything not served. Sent after the
    time limit (and its grace), the posted answers are ignored and the attempt is submitted
    with the answers saved before the deadline (``attempt_past_grace`` tells the caller).
    Sent at the deadline, within the grace (the page's timer), they count and the attempt is
    marked timed out. Two parallel submissions yield exactly one graded result.
    """
    now = now or timezone.now()
    attempt = _attempt_for(attempt_id=attempt_id, user=user)
    if attempt.state != Attempt.State.IN_PROGRESS:
        logger.warning("quiz resubmission refused attempt=%s user=%s", attempt.pk, user.pk)
        raise _closed_refusal(attempt)
    if _expired(attempt, now):
        logger.warning(
            "quiz submission after time limit, saved answers graded instead attempt=%s user=%s",
            attempt.pk,
            user.pk,
        )
        if not attempt_expire(attempt=attempt, now=now):
            raise QuizRefused("already_submitted", status=409)
        return attempt
    items = list(attempt.items.all())
    try:
        answers = answers_parse(items=items, data=data)
    except QuizRefused:
        logger.warning(
            "quiz submission with unserved input attempt=%s user=%s", attempt.pk, user.pk
        )
        raise
    if not _finish(
        attempt=attempt, items=items, answers=answers, now=now, timed_out=_time_up(attempt, now)
    ):
        logger.warning("quiz parallel resubmission refused attempt=%s user=%s", attempt.pk, user.pk)
        raise QuizRefused("already_submitted", status=409)
    return attempt


def _closed_refusal(attempt: Attempt) -> QuizRefused:
    """The refusal for answers to a closed attempt; a timed-out one says what counted."""
    return QuizRefused("timed_out" if attempt.timed_out else "already_submitted", status=409)


def attempt_answer_one(
    *,
    attempt_id: int,
    user: User,
    item_id: int,
    data: Mapping[str, Sequence[str]],
    now: dt.datetime | None = None,
) -> Attempt:
    """Save the answer to one question (quizzes with feedback after each question); the last
    answer closes and grades the attempt. An item is answered once: the first answer counts.

    At the deadline (the page's timer sends the form, maybe unanswered) the answer counts
    and the attempt is submitted with the other items' saved drafts; after the grace the
    posted answer is ignored (``attempt_past_grace`` tells the caller).

    The attempt row is locked while the answer is saved and the items are counted, so two
    answers sent at once cannot each miss the other and leave the attempt open for ever."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _attempt_for(attempt_id=attempt_id, user=user, lock=True)
        if attempt.state != Attempt.State.IN_PROGRESS:
            raise _closed_refusal(attempt)
        if _expired(attempt, now):
            logger.warning(
                "quiz answer after time limit, saved answers graded instead attempt=%s user=%s",
                attempt.pk,
                user.pk,
            )
            attempt_expire(attempt=attempt, now=now)
        else:
            _answer_one_locked(attempt=attempt, item_id=item_id, data=data, now=now)
    return attempt


def answer_or_none(answer: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A parsed answer, or None when it chooses nothing and its text is blank."""
    if not answer or (not answer.get("choices") and not (answer.get("text") or "").strip()):
        return None
    return dict(answer)


def _answer_one_locked(
    *, attempt: Attempt, item_id: int, data: Mapping[str, Sequence[str]], now: dt.datetime
) -> None:
    items = list(attempt.items.all())
    item = next((i for i in items if i.pk == item_id), None)
    if item is None:
        logger.warning("quiz answer for unserved item attempt=%s item=%s", attempt.pk, item_id)
        raise QuizRefused("not_served")
    answer = answer_or_none(answers_parse(items=[item], data=data).get(item.pk))
    time_up = _time_up(attempt, now)
    if item.answered_at is not None and not time_up:
        raise QuizRefused("already_answered", status=409)
    if answer is None and not time_up:
        raise QuizRefused("no_answer")
    if item.answered_at is None and answer is not None:
        points, is_correct = item_grade(kind=item.kind, snapshot=item.snapshot, answer=answer)
        saved = AttemptQuestion.objects.filter(pk=item.pk, answered_at__isnull=True).update(
            answer=answer, answered_at=now, points=points, is_correct=is_correct
        )
        if not saved:
            raise QuizRefused("already_answered", status=409)
        item.answer, item.answered_at = answer, now
        item.points, item.is_correct = points, is_correct
    if time_up or all(i.answered_at is not None for i in items):
        _finish(attempt=attempt, items=items, answers=None, now=now, timed_out=time_up)


# --- Marking ---------------------------------------------------------------------------------


def essay_mark(
    *, item_id: int, marker: User, points: Decimal, comment: str = ""
) -> AttemptQuestion:
    """Mark one essay answer (points 0–1). When the attempt's last essay is marked, the attempt
    is graded, and a pass completes the course step."""
    now = timezone.now()
    with transaction.atomic():
        item = (
            AttemptQuestion.objects.select_for_update(of=("self",))
            .select_related("attempt__quiz", "attempt__user")
            .filter(pk=item_id, kind=Question.Kind.ESSAY)
            .first()
        )
        if item is None or item.attempt.state != Attempt.State.AWAITING_MARKING:
            logger.warning("essay marking refused item=%s marker=%s", item_id, marker.pk)
            raise QuizRefused("not_awaiting", status=409)
        if item.attempt.user_id == marker.pk:
            logger.warning(
                "essay marking of own attempt refused item=%s marker=%s", item_id, marker.pk
            )
            raise QuizRefused("own_attempt", status=403)
        item.points = points
        item.is_correct = points >= 1
        item.marked_by = marker
        item.marked_at = now
        item.marker_comment = comment
        item.save(
            update_fields=["points", "is_correct", "marked_by", "marked_at", "marker_comment"]
        )
        attempt = item.attempt
        items = list(attempt.items.only("points", "snapshot"))
        if all(i.points is not None for i in items):
            score, max_score, percent = items_score(items)
            passed = percent >= attempt.pass_mark
            graded = Attempt.objects.filter(
                pk=attempt.pk, state=Attempt.State.AWAITING_MARKING
            ).update(
                state=Attempt.State.GRADED,
                score=score,
                max_score=max_score,
                percent=percent,
                passed=passed,
                graded_at=now,
            )
            if graded:
                attempt.state, attempt.score, attempt.max_score = (
                    Attempt.State.GRADED,
                    score,
                    max_score,
                )
                attempt.percent, attempt.passed, attempt.graded_at = percent, passed, now
                item_totals_add(attempt_id=attempt.pk)
                attempt_graded.send(sender=Attempt, attempt=attempt)
                logger.info("quiz attempt graded after marking attempt=%s", attempt.pk)
                if passed:
                    _complete_step(attempt)
    logger.info("essay marked item=%s marker=%s points=%s", item.pk, marker.pk, points)
    return item


def quiz_create(
    *, module: ModulePage, questions: Sequence[Question], title: str, pass_mark: int, by: User
) -> QuizPage:
    """A live quiz of ``questions`` (in that order) as the next step of ``module``."""
    quiz = QuizPage(
        title=title, slug=find_available_slug(module, slugify(title)[:200]), pass_mark=pass_mark
    )
    quiz.quiz_questions = [
        QuizPageQuestion(question=q, sort_order=i) for i, q in enumerate(questions)
    ]
    module.add_child(instance=quiz)
    quiz.save_revision(user=by).publish()
    return quiz
