"""xAPI 1.0.3 statements for what happens in Paragraf, built from its own records.

Vocabulary: ADL's verbs (``completed``, ``passed``, ``failed``, ``answered``) and activity types,
Activity Streams' ``acknowledge`` for "Læst og forstået" and the Tin Can registry's ``earned``
for a certificate. Actors are an opaque account (an HMAC of the person's id) unless
``XAPI_IDENTIFY_ACTORS`` allows name and e-mail. Activity ids are stable IRIs under
``PARAGRAF_BASE_URL`` (``…/xapi/<kind>/<id>``): a page's id, never its slug, which may change.
Statement ids are UUID5 of the event, so the same event always gives the same statement.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from typing import Any

from django.conf import settings

VERSION = "1.0.3"

VERBS = {
    "completed": ("http://adlnet.gov/expapi/verbs/completed", "gennemførte", "completed"),
    "passed": ("http://adlnet.gov/expapi/verbs/passed", "bestod", "passed"),
    "failed": ("http://adlnet.gov/expapi/verbs/failed", "bestod ikke", "failed"),
    "answered": ("http://adlnet.gov/expapi/verbs/answered", "besvarede", "answered"),
    "acknowledged": (
        "http://activitystrea.ms/schema/1.0/acknowledge",
        "har læst og forstået",
        "acknowledged",
    ),
    "earned": ("http://id.tincanapi.com/verb/earned", "fik", "earned"),
    "voided": ("http://adlnet.gov/expapi/verbs/voided", "annullerede", "voided"),
}

ADL = "http://adlnet.gov/expapi/activities/"
TYPES = {
    "course": ADL + "course",
    "lesson": ADL + "lesson",
    "assessment": ADL + "assessment",
    "question": ADL + "cmi.interaction",
    "module": ADL + "module",
}


def base_url() -> str:
    return settings.PARAGRAF_BASE_URL.rstrip("/")


def statement_id(event: str) -> uuid.UUID:
    """The statement id of ``event`` ("step:812"): UUID5 in this installation's namespace."""
    return uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, base_url()), event)


def _type(name: str) -> str:
    return TYPES.get(name) or f"{base_url()}/xapi/activity-types/{name}"


def activity(kind: str, pk: Any, name: str, type_name: str | None = None) -> dict[str, Any]:
    return {
        "objectType": "Activity",
        "id": f"{base_url()}/xapi/{kind}/{pk}",
        "definition": {"name": {"da-DK": name[:250] or kind}, "type": _type(type_name or kind)},
    }


def actor(user) -> dict[str, Any]:
    """The person as an xAPI agent: an opaque, stable account name; name and e-mail only when
    the setting allows it (GDPR: the LRS needs to tell people apart, not to know them)."""
    if settings.XAPI_IDENTIFY_ACTORS and user.email:
        return {
            "objectType": "Agent",
            "name": user.get_full_name() or user.username,
            "mbox": f"mailto:{user.email}",
        }
    key = str(settings.XAPI_ACTOR_SALT or settings.SECRET_KEY).encode()
    opaque = hmac.new(key, f"paragraf-user:{user.pk}".encode(), hashlib.sha256).hexdigest()
    return {"objectType": "Agent", "account": {"homePage": base_url(), "name": opaque[:32]}}


def verb(name: str) -> dict[str, Any]:
    iri, danish, english = VERBS[name]
    return {"id": iri, "display": {"da-DK": danish, "en-US": english}}


def extension(name: str) -> str:
    return f"{base_url()}/xapi/extensions/{name}"


def statement(
    *,
    event: str,
    user,
    verb_name: str,
    obj: dict[str, Any],
    timestamp: dt.datetime,
    result: dict[str, Any] | None = None,
    parents: list[dict[str, Any]] | None = None,
    others: list[dict[str, Any]] | None = None,
    extensions: dict[str, Any] | None = None,
    refers_to: uuid.UUID | None = None,
) -> tuple[uuid.UUID, dict[str, Any]]:
    """(id, statement) for one event; ``refers_to`` puts another statement in its context (a
    regrade's new result refers to the attempt's first)."""
    pk = statement_id(event)
    context: dict[str, Any] = {"platform": "Paragraf", "language": "da-DK"}
    activities = {}
    if parents:
        activities["parent"] = parents
    if others:
        activities["other"] = others
    if activities:
        context["contextActivities"] = activities
    if extensions:
        context["extensions"] = {extension(k): v for k, v in extensions.items()}
    if refers_to is not None:
        context["statement"] = {"objectType": "StatementRef", "id": str(refers_to)}
    data: dict[str, Any] = {
        "id": str(pk),
        "actor": actor(user),
        "verb": verb(verb_name),
        "object": obj,
        "context": context,
        "timestamp": timestamp.isoformat(),
        "version": VERSION,
    }
    if result:
        data["result"] = result
    return pk, data


def voiding(
    *, event: str, user, voided: uuid.UUID, timestamp: dt.datetime
) -> tuple[uuid.UUID, dict[str, Any]]:
    """(id, statement) voiding the statement ``voided`` (xAPI 1.0.3 §2.3.2: its object is a
    StatementRef; an LRS then leaves the voided statement out of its answers)."""
    pk = statement_id(event)
    return pk, {
        "id": str(pk),
        "actor": actor(user),
        "verb": verb("voided"),
        "object": {"objectType": "StatementRef", "id": str(voided)},
        "context": {"platform": "Paragraf", "language": "da-DK"},
        "timestamp": timestamp.isoformat(),
        "version": VERSION,
    }


def score(*, raw: Any, maximum: Any) -> dict[str, Any]:
    """xAPI score: raw between min 0 and max, scaled in [0, 1] (rounded, as JSON numbers)."""
    raw_f, max_f = float(raw or 0), float(maximum or 0)
    scaled = round(raw_f / max_f, 4) if max_f > 0 else 0.0
    return {"raw": raw_f, "min": 0.0, "max": max_f, "scaled": max(0.0, min(1.0, scaled))}
