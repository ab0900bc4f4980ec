"""The demo content's legal references: every citation names a provision or section that exists,
and the rule a "find reglen" question asks for is a provision of law, never a guideline section
(an administrationsgrundlag administers a statute; it is not the legal basis itself)."""

from __future__ import annotations

from demo.content import COURSES, GUIDELINES, PROVISIONS
from demo.quizzes import JKG, LEADER, ONBOARDING

PROVISION_KEYS = {p["key"] for p in PROVISIONS}
SECTION_KEYS = {s["key"] for g in GUIDELINES for s in g["sections"]}


def _questions():
    for _title, _slug, specs, *_ in [*JKG, ONBOARDING, LEADER]:
        yield from specs


def _blocks(value):
    """Every (kind, value) block in a lesson body, nested ones included."""
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        yield value
        yield from _blocks(value[1])
    elif isinstance(value, dict):
        for item in value.values():
            yield from _blocks(item)
    elif isinstance(value, list):
        for item in value:
            yield from _blocks(item)


def test_every_question_cites_a_provision_or_section_that_exists():
    for spec in _questions():
        for key in spec["cites"]:
            assert key in PROVISION_KEYS | SECTION_KEYS, (spec["text"], key)


def test_the_rule_a_find_the_rule_question_asks_for_is_a_provision_never_a_guideline_section():
    for spec in _questions():
        for choice in spec["choices"]:
            if isinstance(choice, dict) and choice.get("type") == "basis":
                assert choice["key"] in PROVISION_KEYS, (spec["text"], choice["key"])


def test_every_lesson_citation_names_a_provision_or_section_that_exists():
    cited = 0
    for course in COURSES:
        for module in course["modules"]:
            for lesson in module["lessons"]:
                for kind, value in _blocks(lesson["body"]):
                    if kind == "citation":
                        cited += 1
                        assert value.get("provision") in PROVISION_KEYS | {None, ""}, value
                        assert value.get("section") in SECTION_KEYS | {None, ""}, value
                        assert value.get("provision") or value.get("section"), value
    assert cited > 20


def test_the_identification_requirement_is_cited_as_ofl_9_not_ofl_7():
    ofl_7 = next(p for p in PROVISIONS if p["key"] == "OFL-7")
    assert "angive" not in ofl_7["summary"]
    assert any(p["key"] == "OFL-9" and "tema" in p["summary"] for p in PROVISIONS)


def test_the_duty_to_report_possible_disqualification_uses_the_words_of_fvl_6():
    fvl_6 = next(p for p in PROVISIONS if p["key"] == "FVL-6")
    assert "snarest" in fvl_6["summary"] and "åbenbart" in fvl_6["summary"]
    texts = [spec["explanation"] for spec in _questions()]
    assert not any("straks" in text and "§ 6" in text for text in texts)
