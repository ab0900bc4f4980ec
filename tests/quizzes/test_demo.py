"""The demo step places quizzes at the end of every module and is idempotent."""

from demo import quizzes as demo
from quizzes.models import Question, QuizPage
from tests.factories import StatuteProvisionFactory, course


def _cited_keys() -> set[str]:
    keys = set()
    for _, _, specs in [*demo.JKG, demo.ONBOARDING, demo.LEADER]:
        for spec in specs:
            keys.update(spec["cites"])
            keys.update(c["key"] for c in spec["choices"] if isinstance(c, dict) and "key" in c)
    return keys


def test_seed_quizzes_places_a_quiz_last_in_every_module_and_twice_changes_nothing(tree):
    provisions = {key: StatuteProvisionFactory(key=key) for key in _cited_keys()}
    context = {
        "courses": {
            "jura-kort-og-godt": course(title="Jura – Kort og Godt", modules=5, lessons=1),
            "onboarding-nye-medarbejdere": course(title="Onboarding", modules=1, lessons=1),
            "jurakursus-nye-ledere": course(title="Ledere", modules=2, lessons=1),
        },
        "sections": {},
        "provisions": provisions,
    }
    demo.seed_quizzes(context)
    counts = (QuizPage.objects.count(), Question.objects.count())
    demo.seed_quizzes(context)
    assert (QuizPage.objects.count(), Question.objects.count()) == counts == (7, 39)
    jkg = context["courses"]["jura-kort-og-godt"]
    for module in jkg.get_children():
        last = module.get_children().last().specific
        assert isinstance(last, QuizPage) and last.live
        assert 5 <= last.quiz_questions.count() <= 6
    first_quiz = QuizPage.objects.get(slug="quiz-grundlaget")
    assert not first_quiz.quiz_questions.filter(question__kind="essay").exists()
    kinds = set(Question.objects.values_list("kind", flat=True))
    assert {"cite_rule", "essay", "truefalse", "multiple", "single"} <= kinds
    assert all(len(q.citations) >= 1 for q in Question.objects.all())
    assert all(q.live for q in Question.objects.all())
