from guidelines.models import GuidelineChange, ReviewItem
from guidelines.services import guideline_change_decide
from tests.factories import citation, publish
from tests.guidelines.helpers import edit_sections


def _open_titles():
    return sorted(
        ReviewItem.objects.filter(status=ReviewItem.Status.OPEN).values_list(
            "source_title", flat=True
        )
    )


def test_changing_a_cited_section_opens_a_review_for_each_lesson_citing_it(cited):
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Gangbanen er 3 fliser.</p>"})
    change = GuidelineChange.objects.get()
    assert change.kind == GuidelineChange.Kind.PENDING
    assert change.diff[str(cited["guideline"].sections.get(key="AG-UDE-3").pk)]["status"] == (
        "changed"
    )
    item = ReviewItem.objects.get()
    assert (item.source_title, item.reason, item.section_key) == (
        "Gangbanen",
        ReviewItem.Reason.CHANGED,
        "AG-UDE-3",
    )


def test_a_section_moved_but_unchanged_needs_no_review(cited):
    edit_sections(cited["guideline"], AG_UDE_1={"sort_order": 5}, AG_UDE_3={"sort_order": 0})
    assert not GuidelineChange.objects.exists()
    assert not ReviewItem.objects.exists()


def test_an_added_section_needs_no_review(cited):
    from guidelines.models import GuidelinePage, GuidelineSection

    page = GuidelinePage.objects.get(pk=cited["guideline"].pk)
    page.sections = [
        *page.sections.all(),
        GuidelineSection(key="AG-UDE-4", heading="Ny", body="<p>Ny</p>", sort_order=3),
    ]
    publish(page)
    assert not ReviewItem.objects.exists()
    # Recorded all the same: a new rule may be material for those who must acknowledge it.
    change = GuidelineChange.objects.get()
    assert [d["status"] for d in change.diff.values()] == ["added"]


def test_a_section_keeping_its_anchor_while_its_heading_changes_is_reviewed(cited):
    edit_sections(cited["guideline"], AG_UDE_1={"heading": "Ansøgning om tilladelse"})
    item = ReviewItem.objects.get()
    assert item.source_title == "Ansøgningen"
    assert item.section_anchor == "ag-ude-1"


def test_a_deleted_cited_section_opens_a_review_saying_it_was_removed(cited, client, jurist):
    edit_sections(cited["guideline"], AG_UDE_3=None)
    item = ReviewItem.objects.get()
    assert item.reason == ReviewItem.Reason.REMOVED
    assert item.get_reason_display() == "fjernet"
    client.force_login(jurist)
    html = client.get(cited["lesson_a"].url).content.decode()
    assert "Det citerede afsnit er fjernet fra administrationsgrundlaget." in html


def test_reverting_the_guideline_to_the_old_text_closes_the_items(cited):
    old = "<p>Tekst 3</p>"
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Gangbanen er 3 fliser.</p>"})
    assert _open_titles() == ["Gangbanen"]
    edit_sections(cited["guideline"], AG_UDE_3={"body": old})
    item = ReviewItem.objects.get()
    assert item.status == ReviewItem.Status.CLOSED
    assert item.resolution == ReviewItem.Resolution.REVERTED


def test_an_editorial_change_closes_its_items(cited, jurist):
    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Tekst 3, rettet stavefejl</p>"})
    guideline_change_decide(
        change=GuidelineChange.objects.get(), kind=GuidelineChange.Kind.EDITORIAL, user=jurist
    )
    assert _open_titles() == []
    assert ReviewItem.objects.get().resolution == ReviewItem.Resolution.EDITORIAL


def test_a_material_change_stays_open_until_the_lesson_is_revised_and_republished(cited, jurist):
    from courses.models import LessonPage

    edit_sections(cited["guideline"], AG_UDE_3={"body": "<p>Gangbanen er 3 fliser.</p>"})
    guideline_change_decide(
        change=GuidelineChange.objects.get(), kind=GuidelineChange.Kind.MATERIAL, user=jurist
    )
    assert _open_titles() == ["Gangbanen"]
    lesson = LessonPage.objects.get(pk=cited["lesson_a"].pk)
    lesson.body = [
        {"type": "text", "value": "<p>Nu 3 fliser.</p>"},
        citation(section=cited["guideline"].sections.get(key="AG-UDE-3")),
    ]
    publish(lesson)
    item = ReviewItem.objects.get()
    assert item.status == ReviewItem.Status.CLOSED
    assert item.resolution == ReviewItem.Resolution.REVISED
