"""Published questions appear in the guideline citation index; unpublished ones leave it."""

from guidelines.models import Citation
from guidelines.services import citation_index_rebuild
from tests.factories import StatuteProvisionFactory, guideline, question_add


def _cite(section=None, provision=None):
    return {
        "type": "citation",
        "value": {
            "section": section.pk if section else None,
            "provision": provision.pk if provision else None,
        },
    }


def test_publishing_a_question_indexes_its_citations_and_unpublishing_removes_them(tree):
    ag = guideline("AG-UDE", sections=2)
    section = ag.sections.get(key="AG-UDE-2")
    provision = StatuteProvisionFactory(key="FVL-7-1", number="7", subsection="1")
    question = question_add(
        "Hvad skal ansøgningen indeholde?", citations=[_cite(section), _cite(provision=provision)]
    )
    rows = Citation.objects.filter(source_object_id=question.pk)
    assert {(r.section_id, r.provision_id) for r in rows} == {
        (section.pk, None),
        (None, provision.pk),
    }
    assert rows.first().source_revision_id == question.live_revision_id
    question.unpublish()
    assert not Citation.objects.filter(source_object_id=question.pk).exists()


def test_a_draft_question_is_not_indexed_until_published(tree):
    ag = guideline("AG-BYG", sections=1)
    question = question_add("Kladde", citations=[_cite(ag.sections.get())], publish_it=False)
    assert not Citation.objects.filter(source_object_id=question.pk).exists()
    question.save_revision().publish()
    assert Citation.objects.filter(source_object_id=question.pk).count() == 1
    Citation.objects.all().delete()
    assert citation_index_rebuild()["questions"] == 1
    assert Citation.objects.filter(source_object_id=question.pk).count() == 1
