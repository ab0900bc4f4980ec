"""Demo step for the citation graph (called by seed_demo through EXTRA_STEPS).

Only idempotent work: it re-indexes every live lesson and question, so a database seeded
before the citation index existed shows "Undervises i" and the review queue works. The
guideline change itself is applied by ``python manage.py demo_guideline_change``.
"""

from __future__ import annotations

import logging
from typing import Any

from guidelines.services import citation_index_rebuild

logger = logging.getLogger(__name__)


def seed_guideline_demo(context: dict[str, Any]) -> None:
    counts = citation_index_rebuild()
    logger.info("citation index rebuilt for the demo: %s", counts)
