"""Checking and unpacking an uploaded SCORM zip.

Everything is decided from the zip's central directory before a byte is unpacked: the number of
entries, the unpacked size, every name (no absolute paths, no ``..``, no symlinks) and the
manifest (``imsmanifest.xml`` at the root, parsed with defusedxml: no entities, no external
references) with a launchable SCO whose file is in the zip. Unpacking then enforces the size
again while reading (a central directory can lie), into a temporary directory; only when every
file is out are they copied to Django's default storage under a fresh key, and if that fails
half-way what was written is deleted. Each refusal is a ``PackageRefused`` with a Danish message
and an English log line.
"""

from __future__ import annotations

import logging
import posixpath
import shutil
import stat
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element  # noqa: S405 - only the type; parsing is defusedxml

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MANIFEST = "imsmanifest.xml"
#: The manifest is read into memory; a real one is a few hundred KB at most.
MANIFEST_MAX_BYTES = 5 * 1024 * 1024
CHUNK = 1024 * 1024


class PackageRefused(Exception):
    """The zip is not a package we accept; ``message`` says why in Danish."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class Manifest:
    standard: str  # "1.2" or "2004"
    edition: str
    title: str
    launch: str
    mastery_score: Decimal | None
    scaled_passing_score: Decimal | None


@dataclass(frozen=True)
class CheckedPackage:
    manifest: Manifest
    names: list[str]  # files (not directories) to unpack
    size: int


def max_entries() -> int:
    return int(getattr(settings, "PARAGRAF_SCORM_MAX_ENTRIES", 20_000))


def max_unpacked_bytes() -> int:
    return int(getattr(settings, "PARAGRAF_SCORM_MAX_UNPACKED_MB", 500)) * 1024 * 1024


def _refuse(message: str, reason: str, **detail: object) -> PackageRefused:
    logger.warning(
        "scorm package refused reason=%s %s",
        reason,
        " ".join(f"{k}={v!r}" for k, v in detail.items()),
    )
    return PackageRefused(message, reason)


def safe_name(name: str) -> str | None:
    """The entry's path inside the package, or None when it would leave it: absolute paths,
    drive letters, backslashes, ``..`` components and control characters are refused."""
    if not name or "\\" in name or "\x00" in name or any(ord(c) < 32 for c in name):
        return None
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = name.split("/")
    if any(p == ".." for p in parts):
        return None
    normal = posixpath.normpath(name)
    if normal.startswith("../") or normal == ".." or normal.startswith("/"):
        return None
    return normal


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _attr(element: Element, name: str) -> str:
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return ""


def _decimal(text: str, low: Decimal, high: Decimal) -> Decimal | None:
    try:
        value = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None
    return value if value.is_finite() and low <= value <= high else None


def manifest_parse(data: bytes, names: set[str]) -> Manifest:
    """The standard, title, launch file and mastery rules of a manifest; PackageRefused when it
    is not well-formed XML, has entities, or names no launchable SCO that is in ``names``."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException, ValueError) as error:
        raise _refuse(
            _("imsmanifest.xml kan ikke læses (ugyldig XML): %(error)s") % {"error": error},
            "manifest-unparseable",
            error=str(error),
        ) from error
    if _local(root.tag) != "manifest":
        raise _refuse(
            _("imsmanifest.xml er ikke et SCORM-manifest (roden er ikke <manifest>)."),
            "manifest-root",
            root=root.tag,
        )
    schema_version = ""
    for metadata in _children(root, "metadata"):
        for element in _children(metadata, "schemaversion"):
            schema_version = (element.text or "").strip()
    namespaces = " ".join([root.tag, *root.attrib.values(), *(e.tag for e in root.iter())])
    if "2004" in schema_version or "adlcp_v1p3" in namespaces or "imsss" in namespaces:
        standard = "2004"
        edition = schema_version.replace("2004", "").strip() if schema_version else ""
    else:
        standard = "1.2"
        edition = ""
    resources: dict[str, Element] = {}
    for container in _children(root, "resources"):
        for resource in _children(container, "resource"):
            resources[_attr(resource, "identifier")] = resource
    organizations = _children(root, "organizations")
    orgs = [org for container in organizations for org in _children(container, "organization")]
    default = _attr(organizations[0], "default") if organizations else ""
    orgs.sort(key=lambda org: _attr(org, "identifier") != default)
    title = ""
    for org in orgs:
        title = title or next((t.text or "" for t in _children(org, "title")), "").strip()
        for item in org.iter():
            if _local(item.tag) != "item" or not _attr(item, "identifierref"):
                continue
            found = resources.get(_attr(item, "identifierref"))
            if found is None:
                continue
            resource = found
            kind = (_attr(resource, "scormtype") or _attr(resource, "scormType")).lower()
            if kind != "sco":
                continue
            base = _attr(resource, "base")
            href = (
                posixpath.join(base, _attr(resource, "href")) if base else _attr(resource, "href")
            )
            path_part, _sep, query = href.partition("?")
            launch = safe_name(path_part.split("#", 1)[0])
            if launch is None or launch not in names:
                raise _refuse(
                    _("Startfilen %(file)s, som manifestet peger på, findes ikke i pakken.")
                    % {"file": href or "?"},
                    "launch-missing",
                    href=href,
                )
            mastery = next(
                (e.text or "" for e in item.iter() if _local(e.tag) == "masteryscore"), ""
            )
            scaled = None
            for objective in item.iter():
                if (
                    _local(objective.tag) == "primaryObjective"
                    and _attr(objective, "satisfiedByMeasure").lower() == "true"
                ):
                    measure = next(
                        (
                            e.text or ""
                            for e in objective.iter()
                            if _local(e.tag) == "minNormalizedMeasure"
                        ),
                        "",
                    )
                    scaled = _decimal(measure, Decimal(-1), Decimal(1)) if measure else None
            item_title = next((t.text or "" for t in _children(item, "title")), "").strip()
            return Manifest(
                standard=standard,
                edition=edition,
                title=title or item_title,
                launch=f"{launch}?{query}" if query else launch,
                mastery_score=_decimal(mastery, Decimal(0), Decimal(100)) if mastery else None,
                scaled_passing_score=scaled,
            )
    raise _refuse(
        _("Manifestet har ingen SCO, der kan startes (intet <item> med en SCO-ressource)."),
        "no-launchable-sco",
    )


def package_check(upload: IO[bytes]) -> CheckedPackage:
    """Every check that needs no unpacking, from the central directory; PackageRefused with the
    first problem found. Reads the manifest only."""
    try:
        archive = zipfile.ZipFile(upload)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _refuse(
            _("Filen er ikke en gyldig zip-fil."), "not-a-zip", error=str(error)
        ) from error
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries():
            raise _refuse(
                _("Pakken har %(count)s filer; højst %(max)s er tilladt.")
                % {"count": len(infos), "max": max_entries()},
                "too-many-entries",
                count=len(infos),
            )
        size = 0
        names: list[str] = []
        for info in infos:
            name = safe_name(info.filename)
            if name is None:
                raise _refuse(
                    _("Pakken indeholder en ugyldig sti: %(name)s (absolut sti eller ..).")
                    % {"name": info.filename[:200]},
                    "unsafe-path",
                    name=info.filename[:200],
                )
            if _is_symlink(info):
                raise _refuse(
                    _("Pakken indeholder et symbolsk link, som ikke er tilladt: %(name)s")
                    % {"name": name},
                    "symlink",
                    name=name,
                )
            if info.flag_bits & 0x1:
                raise _refuse(
                    _("Pakken indeholder en krypteret fil: %(name)s") % {"name": name},
                    "encrypted",
                    name=name,
                )
            size += info.file_size
            if not info.is_dir():
                names.append(name)
        if size > max_unpacked_bytes():
            raise _refuse(
                _("Pakken fylder %(size)s MB udpakket; højst %(max)s MB er tilladt.")
                % {"size": size // (1024 * 1024), "max": max_unpacked_bytes() // (1024 * 1024)},
                "too-large",
                size=size,
            )
        if len(set(names)) != len(names):
            raise _refuse(_("Pakken indeholder den samme fil flere gange."), "duplicate-names")
        if MANIFEST not in names:
            raise _refuse(
                _("Pakken har ingen imsmanifest.xml i roden; det er ikke en SCORM-pakke."),
                "manifest-missing",
            )
        manifest_info = archive.getinfo(
            next(i.filename for i in infos if safe_name(i.filename) == MANIFEST)
        )
        if manifest_info.file_size > MANIFEST_MAX_BYTES:
            raise _refuse(
                _("imsmanifest.xml er for stor."),
                "manifest-too-large",
                size=manifest_info.file_size,
            )
        try:
            data = archive.read(manifest_info)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
            raise _refuse(
                _("imsmanifest.xml kan ikke pakkes ud."), "manifest-unreadable", error=str(error)
            ) from error
        manifest = manifest_parse(data, set(names))
    return CheckedPackage(manifest=manifest, names=names, size=size)


def _unpack(archive: zipfile.ZipFile, into: Path) -> tuple[list[str], int]:
    """Every file into ``into``, counting bytes as they come out: more than the central
    directory promised, or more than the limit, stops it (a zip bomb with a lying header)."""
    limit = max_unpacked_bytes()
    written = 0
    names: list[str] = []
    for info in archive.infolist():
        name = safe_name(info.filename)
        if name is None or _is_symlink(info):  # checked before; the archive may not change
            raise _refuse(_("Pakken indeholder en ugyldig sti."), "unsafe-path", name=name)
        if info.is_dir():
            continue
        target = into / name
        if into.resolve() not in target.resolve().parents:
            raise _refuse(_("Pakken indeholder en ugyldig sti."), "unsafe-path", name=name)
        target.parent.mkdir(parents=True, exist_ok=True)
        entry = 0
        with archive.open(info) as source, open(target, "wb") as out:
            while chunk := source.read(CHUNK):
                entry += len(chunk)
                written += len(chunk)
                if entry > info.file_size or written > limit:
                    raise _refuse(
                        _("Pakken fylder mere udpakket end tilladt (%(max)s MB).")
                        % {"max": limit // (1024 * 1024)},
                        "bomb",
                        name=name,
                        written=written,
                    )
                out.write(chunk)
        names.append(name)
    return names, written


def package_store(upload: IO[bytes], *, key: str = "") -> tuple[CheckedPackage, str, int]:
    """Check, unpack and store the zip; returns the check, the storage key and the bytes
    written. Nothing is left in storage or on disk when it raises. ``key`` (the demo's fixed
    keys) replaces files already stored under it; otherwise every upload gets a fresh key."""
    checked = package_check(upload)
    upload.seek(0)
    replace = bool(key)
    key = key or uuid.uuid4().hex
    prefix = f"scorm/{key}/"
    temp = Path(tempfile.mkdtemp(prefix="scorm-"))
    stored: list[str] = []
    try:
        try:
            with zipfile.ZipFile(upload) as archive:
                names, written = _unpack(archive, temp)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as error:
            raise _refuse(
                _("Pakken kan ikke pakkes ud: %(error)s") % {"error": error},
                "unpack-failed",
                error=str(error),
            ) from error
        for name in names:
            if replace and default_storage.exists(prefix + name):
                default_storage.delete(prefix + name)
            with open(temp / name, "rb") as handle:
                saved = default_storage.save(prefix + name, File(handle))
            stored.append(saved)
            if saved != prefix + name:
                raise OSError(f"storage renamed {prefix + name} to {saved}")
    except BaseException:
        for name in stored:
            try:
                default_storage.delete(name)
            except OSError:
                logger.exception("scorm cleanup failed name=%s", name)
        raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return checked, key, written
