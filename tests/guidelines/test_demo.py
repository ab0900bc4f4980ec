from django.core.management import call_command

from courses.models import StepCompletion
from demo.guidelines import seed_guideline_demo
from guidelines.models import Citation, GuidelineChange, GuidelineSection, ReviewItem
from tests.guidelines.helpers import edit_sections


def test_the_demo_change_moves_the_walking_line_to_3_fliser_and_fills_the_queue(
    cited, learner, manager
):
    body = "<p>Gangbanen er <strong>som udgangspunkt 2 fliser</strong> bred.</p>"
    edit_sections(cited["guideline"], AG_UDE_3={"body": body})
    ReviewItem.objects.all().delete()
    GuidelineChange.objects.all().delete()
    call_command("demo_guideline_change", verbosity=0)
    assert "3 fliser" in GuidelineSection.objects.get(key="AG-UDE-3").body
    assert list(ReviewItem.objects.values_list("source_title", flat=True)) == ["Gangbanen"]
    assert set(StepCompletion.objects.values_list("run__user__username", flat=True)) == {
        "medarbejder",
        "leder",
    }
    call_command("demo_guideline_change", verbosity=0)  # a second run changes nothing
    assert GuidelineChange.objects.count() == 1


def test_the_seed_step_only_reindexes_and_is_idempotent(cited):
    Citation.objects.all().delete()
    seed_guideline_demo({})
    rows = sorted(Citation.objects.values_list("source_title", "section_anchor"))
    seed_guideline_demo({})
    assert sorted(Citation.objects.values_list("source_title", "section_anchor")) == rows
    assert ("Gangbanen", "ag-ude-3") in rows
