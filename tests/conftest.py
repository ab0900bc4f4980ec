"""The cast every test can use: learner, manager, HR, jurist and an outsider."""

from __future__ import annotations

import contextlib
import logging
import os

import pytest
from django.core.cache import cache

from people.roles import HR, JURIST, LEARNER, MANAGER
from people.services import roles_ensure
from tests.factories import (
    ModulePageFactory,
    StatuteProvisionFactory,
    UserFactory,
    citation,
    course,
    lesson_add,
    publish,
    site_tree,
    unit,
)


class LogCapture(logging.Handler):
    """What a test logged, for ``caplog`` below."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def text(self) -> str:
        return "\n".join(self.format(record) for record in self.records)

    @property
    def messages(self) -> list[str]:
        return [record.getMessage() for record in self.records]

    @contextlib.contextmanager
    def at_level(self, level: int, logger: str | None = None):
        target = logging.getLogger(logger)
        previous = target.level
        target.setLevel(level)
        try:
            yield self
        finally:
            target.setLevel(previous)


@pytest.fixture
def caplog():
    """pytest's ``caplog`` for the parts the suite uses (``at_level``, ``text``, ``records``,
    ``messages``), also where pytest's logging plugin is off: the PostgreSQL and service legs
    run with ``-p no:logging``, where the plugin's own fixture does not exist."""
    handler = LogCapture()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Every test user gets a password, and PBKDF2 at Django's 1,000,000 iterations costs about
    0.25 s per user here: most of a test's setup. In-process tests hash with MD5 instead. The
    service leg keeps the real hashers: its gunicorn and Celery processes check these passwords
    with the production settings."""
    if os.environ.get("PARAGRAF_SERVICES") != "1":
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no cached admin sidebar or login throttle of
    another test's user (ids are reused after a rollback)."""
    cache.clear()


@pytest.fixture
def units(db):
    tmf = unit("TMF", "Teknik- og Miljøforvaltningen")
    area = unit("BA", "Byens Anvendelse", tmf)
    centre = unit("BA-BYLIV", "Center for Byliv", area)
    team = unit("BA-BYLIV-UDE", "Team Udeservering", centre)
    other_area = unit("BD", "Byens Drift", tmf)
    other_team = unit("BD-CYK", "Team Cykeloprydning", other_area)
    return {
        "tmf": tmf,
        "area": area,
        "centre": centre,
        "team": team,
        "other_area": other_area,
        "other_team": other_team,
    }


@pytest.fixture
def groups(db):
    return roles_ensure()


@pytest.fixture
def tree(db):
    return site_tree()


@pytest.fixture
def manager(units, groups):
    user = UserFactory(
        username="leder", org_unit=units["centre"], is_manager=True, job_title="Centerchef"
    )
    user.groups.add(groups[LEARNER], groups[MANAGER])
    return user


@pytest.fixture
def learner(units, groups, manager):
    user = UserFactory(
        username="medarbejder", org_unit=units["team"], manager=manager, job_title="Sagsbehandler"
    )
    user.groups.add(groups[LEARNER])
    return user


@pytest.fixture
def hr(units, groups):
    user = UserFactory(
        username="hr", org_unit=units["tmf"], is_staff=True, job_title="HR-konsulent"
    )
    user.groups.add(groups[LEARNER], groups[HR])
    return user


@pytest.fixture
def jurist(units, groups):
    user = UserFactory(username="jurist", org_unit=units["tmf"], is_staff=True, job_title="Jurist")
    user.groups.add(groups[LEARNER], groups[JURIST])
    return user


@pytest.fixture
def outsider(units, groups):
    user = UserFactory(
        username="udenfor", org_unit=units["other_team"], job_title="Driftsmedarbejder"
    )
    user.groups.add(groups[LEARNER])
    return user


@pytest.fixture
def provisions(db):
    return {
        "fvl19": StatuteProvisionFactory(
            key="FVL-19-1", act="Forvaltningsloven", act_short="FVL", number="19", subsection="1"
        ),
        "fvl22": StatuteProvisionFactory(
            key="FVL-22", act="Forvaltningsloven", act_short="FVL", number="22"
        ),
    }


@pytest.fixture
def cited_course(tree, provisions):
    """A live course of one module with a lesson citing FVL § 19 and one citing FVL § 22."""
    page = course("Partshøring og begrundelse", modules=0)
    module = ModulePageFactory(parent=page, title="Modul", slug="modul")
    hearing = publish(
        lesson_add(
            module,
            title="Partshøring",
            slug="partshoering",
            body=[citation(provision=provisions["fvl19"])],
        )
    )
    reasons = publish(
        lesson_add(
            module,
            title="Begrundelse",
            slug="begrundelse",
            body=[citation(provision=provisions["fvl22"])],
        )
    )
    return {"course": page, "hearing": hearing, "reasons": reasons}
