"""retsinformation.dk's ELI formats: fetching with retries and conditional requests, and pure
parsers for the ELI Atom feed and an act's ELI metadata (the RDFa statements as JSON).

See docs/retsinformation-eli.md for the formats and where they are documented. Nothing here
touches the database.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

logger = logging.getLogger(__name__)

ATOM = "{http://www.w3.org/2005/Atom}"
#: An act in Lovtidende A, wherever it appears in a URI (http or https, with or without www).
ELI_IN_URI = re.compile(r"/eli/lta/(\d{4})/(\d{1,6})(?![\d])")
#: Document types (retsinformation.dk's authority list type_document).
CONSOLIDATION_TYPES = {"LBKH"}
AMENDING_TYPES = {"LOVC"}
USER_AGENT = "Paragraf statute check (+https://www.kk.dk)"


class EliError(Exception):
    """The check cannot go on: the message is for the log, in English."""


class FetchError(EliError):
    """No usable answer after the retries (HTTP error, timeout, refused connection)."""


class FormatError(EliError):
    """An answer that is not the documented format (malformed XML or JSON, missing fields)."""


def eli_path(uri: str) -> str | None:
    """``/eli/lta/<year>/<number>`` from any retsinformation.dk ELI URI (or None)."""
    match = ELI_IN_URI.search(uri or "")
    if match is None:
        return None
    return f"/eli/lta/{match.group(1)}/{int(match.group(2))}"


# --- Fetching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    status: int  # 200, or 304 when the validators still match
    body: bytes = b""
    etag: str = ""
    last_modified: str = ""


def fetch(
    url: str,
    *,
    timeout: float,
    retries: int,
    backoff: float,
    etag: str = "",
    last_modified: str = "",
    accept: str = "*/*",
) -> Response:
    """GET ``url`` with a timeout; retry server errors, timeouts and refused connections
    ``retries`` times, waiting ``backoff``·2ⁿ seconds. Sends If-None-Match/If-Modified-Since
    when validators are given and returns status 304 when the server says nothing changed.
    Raises FetchError (client errors are not retried)."""
    headers = {"User-Agent": USER_AGENT, "Accept": accept}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    attempts = retries + 1
    for attempt in range(1, attempts + 1):
        request = urllib.request.Request(url, headers=headers)  # noqa: S310  (http(s) from settings)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310
                return Response(
                    status=answer.status,
                    body=answer.read(),
                    etag=answer.headers.get("ETag", "") or "",
                    last_modified=answer.headers.get("Last-Modified", "") or "",
                )
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(status=304, etag=etag, last_modified=last_modified)
            reason = f"HTTP {exc.code}"
            if exc.code < 500:
                raise FetchError(f"{url}: {reason}") from exc
        except TimeoutError as exc:
            reason = f"timeout after {timeout}s ({exc})"
        except urllib.error.URLError as exc:
            reason = f"connection failed ({exc.reason})"
        except (ConnectionError, OSError) as exc:  # e.g. a reset while reading the body
            reason = f"connection failed ({exc})"
        logger.warning("eli fetch failed url=%s attempt=%d/%d %s", url, attempt, attempts, reason)
        if attempt < attempts:
            time.sleep(backoff * 2 ** (attempt - 1))
    raise FetchError(f"{url}: {reason} after {attempts} attempts")


# --- The ELI Atom feed ------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    eli: str
    updated: dt.datetime
    title: str = ""


@dataclass(frozen=True)
class FeedPage:
    entries: list[FeedEntry] = field(default_factory=list)
    next_url: str = ""


def _parse_datetime(value: str | None) -> dt.datetime:
    if not value:
        raise ValueError("empty date")
    moment = dt.datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def parse_atom_feed(body: bytes) -> FeedPage:
    """The Lovtidende A entries of one page of the ELI Atom feed, and the ``rel="next"`` link
    (RFC 5005 paging) if any. Entries for other ELI domains (Folketingstidende, afgørelser) are
    skipped. Raises FormatError on anything that is not an Atom feed."""
    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as exc:
        raise FormatError(f"feed is not well-formed XML: {exc}") from exc
    if root.tag != f"{ATOM}feed":
        raise FormatError(f"feed root element is {root.tag!r}, not an Atom feed")
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        uris = [link.get("href", "") for link in entry.findall(f"{ATOM}link")]
        uris.append(entry.findtext(f"{ATOM}id") or "")
        eli = next((path for path in map(eli_path, uris) if path), None)
        if eli is None:
            continue
        try:
            updated = _parse_datetime(
                entry.findtext(f"{ATOM}updated") or entry.findtext(f"{ATOM}published")
            )
        except ValueError as exc:
            raise FormatError(f"feed entry {eli} has no valid <updated>: {exc}") from exc
        entries.append(
            FeedEntry(
                eli=eli, updated=updated, title=(entry.findtext(f"{ATOM}title") or "").strip()
            )
        )
    next_url = next(
        (link.get("href", "") for link in root.findall(f"{ATOM}link") if link.get("rel") == "next"),
        "",
    )
    return FeedPage(entries=entries, next_url=next_url)


# --- An act's ELI metadata --------------------------------------------------------------------


@dataclass(frozen=True)
class ActMetadata:
    eli: str
    type_code: str = ""
    title: str = ""
    title_short: str = ""
    date_document: dt.date | None = None
    changed_by: tuple[str, ...] = ()
    consolidated_by: tuple[str, ...] = ()

    @property
    def newer_acts(self) -> tuple[str, ...]:
        """The later consolidations and the amending acts, as ELI paths, without repeats."""
        seen: dict[str, None] = {}
        for uri in (*self.consolidated_by, *self.changed_by):
            path = eli_path(uri)
            if path and path != self.eli:
                seen.setdefault(path, None)
        return tuple(seen)


def _statements(body: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FormatError(f"metadata is not valid JSON: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise FormatError("metadata JSON is not a list of RDFa statements")
    return data


def parse_metadata_json(body: bytes, *, eli: str) -> ActMetadata:
    """The act ``eli``'s metadata from its ``.json`` answer: a list of RDFa statements
    ``{"about", "property", "content" | "resource"}``. Statements about the act's language
    expression (``…/dan``, linked by ``eli:is_realized_by``) carry the titles. Raises
    FormatError on malformed JSON or when no statement is about the act."""
    properties: dict[str, list[str]] = {}
    about_act = False
    for item in _statements(body):
        about = eli_path(str(item.get("about", "")))
        prop = item.get("property")
        value = item.get("resource", item.get("content"))
        if about != eli or not isinstance(prop, str) or value is None:
            continue
        about_act = True
        properties.setdefault(prop, []).append(str(value))
    if not about_act:
        raise FormatError(f"metadata has no statement about {eli}")

    def first(name: str) -> str:
        return (properties.get(name) or [""])[0]

    type_uri = first("eli:type_document")
    date_text = first("eli:date_document")
    try:
        date_document = dt.date.fromisoformat(date_text[:10]) if date_text else None
    except ValueError as exc:
        raise FormatError(f"metadata of {eli} has an invalid eli:date_document: {exc}") from exc
    return ActMetadata(
        eli=eli,
        type_code=type_uri.rsplit("#", 1)[-1] if type_uri else "",
        title=first("eli:title"),
        title_short=first("eli:title_short"),
        date_document=date_document,
        changed_by=tuple(properties.get("eli:changed_by", [])),
        consolidated_by=tuple(properties.get("eli:consolidated_by", [])),
    )
