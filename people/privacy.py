"""A registry through which each app hands over one person's data (GDPR art. 15 export) and
anonymises a leaver's learning records. Apps register in ``AppConfig.ready``; people imports no app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import User

#: name → function(user) returning a list of flat dicts (one per record) for the export.
_exporters: dict[str, Callable[[User], list[dict[str, Any]]]] = {}
#: name → function(user) that anonymises or deletes that app's records of the person.
_anonymisers: dict[str, Callable[[User], int]] = {}


def personal_data_register(name: str, exporter: Callable[[User], list[dict[str, Any]]]) -> None:
    _exporters[name] = exporter


def anonymiser_register(name: str, anonymiser: Callable[[User], int]) -> None:
    _anonymisers[name] = anonymiser


def personal_data_exporters() -> dict[str, Callable[[User], list[dict[str, Any]]]]:
    return dict(_exporters)


def anonymisers() -> dict[str, Callable[[User], int]]:
    return dict(_anonymisers)
