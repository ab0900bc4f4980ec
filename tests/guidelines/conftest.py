import pytest

from guidelines.models import GuidelinePage
from tests.factories import StatuteProvisionFactory, citation, course, guideline, lesson_add


@pytest.fixture
def cited(tree):
    """Guideline AG-UDE (3 sections); lesson A cites § 3 and FVL § 19, lesson B cites § 1."""
    ag = guideline("AG-UDE", sections=3, title="Udeservering")
    provision = StatuteProvisionFactory(
        key="FVL-19-1", number="19", subsection="1", title="Partshøring"
    )
    c = course(modules=1, lessons=0)
    module = c.get_children().first().specific
    lesson_a = lesson_add(
        module,
        title="Gangbanen",
        slug="gangbanen",
        body=[citation(section=ag.sections.get(key="AG-UDE-3")), citation(provision=provision)],
    )
    lesson_b = lesson_add(
        module,
        title="Ansøgningen",
        slug="ansoegningen",
        body=[citation(section=ag.sections.get(key="AG-UDE-1"))],
    )
    return {
        "guideline": GuidelinePage.objects.get(pk=ag.pk),
        "provision": provision,
        "course": c,
        "module": module,
        "lesson_a": lesson_a,
        "lesson_b": lesson_b,
    }


@pytest.fixture
def admin_access(groups):
    from django.contrib.auth.models import Permission

    from people.roles import HR, JURIST

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for name in (HR, JURIST):
        groups[name].permissions.add(access)
