from guidelines.models import GuidelinePage
from tests.factories import publish


def edit_sections(guideline: GuidelinePage, **changes) -> GuidelinePage:
    """Publish a new revision of ``guideline`` as a jurist would in the editor.

    ``changes`` maps a section key (with ``-`` as ``_``) to a dict of new field values, or to
    None to delete the section.
    """
    page = GuidelinePage.objects.get(pk=guideline.pk)
    sections = []
    for section in page.sections.all():
        change = changes.get(section.key.replace("-", "_"), {})
        if change is None:
            continue
        for name, value in change.items():
            setattr(section, name, value)
        sections.append(section)
    page.sections = sections
    return publish(page)
