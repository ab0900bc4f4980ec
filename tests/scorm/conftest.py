"""SCORM fixtures: packages stored under a temporary MEDIA_ROOT, a course whose only module is
one lesson and one SCORM step, and zip builders for the refusals."""

from __future__ import annotations

import io
import zipfile

import pytest

from demo.scorm_packages import MANIFEST_12
from tests.factories import course, scorm_add, scorm_package


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def package(db, media):
    return scorm_package()


@pytest.fixture
def scorm_course(tree, package):
    page = course(title="Informationssikkerhed", modules=1, lessons=1)
    module = page.get_children().first().specific
    step = scorm_add(module, package=package, title="Phishing og sikre mails", slug="phishing")
    return page, step


def zip_of(files: dict[str, bytes | str], *, symlinks: tuple[str, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            if name in symlinks:
                info.create_system = 3
                info.external_attr = 0o120777 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def minimal(**extra: bytes | str) -> dict[str, bytes | str]:
    """A valid SCORM 1.2 package's files (the demo manifest, launching index.html)."""
    return {
        "imsmanifest.xml": MANIFEST_12,
        "index.html": "<!DOCTYPE html><title>x</title>",
        "app.js": "",
        "style.css": "",
    } | extra
