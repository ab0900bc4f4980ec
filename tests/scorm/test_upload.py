"""Uploading a SCORM zip: every refusal in Danish, logged, and nothing left behind."""

from __future__ import annotations

import io
import logging
import os
import tempfile

import pytest
from django.core.files.storage import default_storage

from demo.scorm_packages import MANIFEST_12, MANIFEST_2004, breach_2004, phishing_12
from scorm.models import ScormPackage, ScormPackageVersion
from scorm.packages import PackageRefused, package_check
from scorm.services import package_upload

from .conftest import minimal, zip_of


def _stored_files(media) -> list[str]:
    return [os.path.join(d, f) for d, _, files in os.walk(media) for f in files]


def _refused(data: bytes, caplog) -> PackageRefused:
    with caplog.at_level(logging.WARNING, logger="scorm.packages"):
        with pytest.raises(PackageRefused) as refused:
            package_upload(upload=io.BytesIO(data), file_name="x.zip", by=None)
    assert "scorm package refused reason=" + refused.value.reason in caplog.text
    return refused.value


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    path = tmp_path / "tmp"
    path.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(path))
    return path


@pytest.mark.parametrize(
    ("data", "reason", "danish"),
    [
        (b"not a zip at all", "not-a-zip", "ikke en gyldig zip-fil"),
        (zip_of({"index.html": "x"}), "manifest-missing", "ingen imsmanifest.xml i roden"),
        (
            zip_of({"pakke/imsmanifest.xml": MANIFEST_12, "pakke/index.html": "x"}),
            "manifest-missing",
            "ingen imsmanifest.xml i roden",
        ),
        (
            zip_of(minimal(**{"imsmanifest.xml": "<manifest><oops"})),
            "manifest-unparseable",
            "ugyldig XML",
        ),
        (
            zip_of(
                minimal(
                    **{
                        "imsmanifest.xml": '<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa">'
                        '<!ENTITY b "&a;&a;&a;&a;">]><manifest>&b;</manifest>'
                    }
                )
            ),
            "manifest-unparseable",
            "ugyldig XML",
        ),
        (
            zip_of({"imsmanifest.xml": MANIFEST_12, "app.js": ""}),
            "launch-missing",
            "Startfilen index.html",
        ),
        (
            zip_of(
                minimal(
                    **{
                        "imsmanifest.xml": MANIFEST_12.replace(
                            'scormtype="sco"', 'scormtype="asset"'
                        )
                    }
                )
            ),
            "no-launchable-sco",
            "ingen SCO",
        ),
        (zip_of(minimal(**{"../../etc/evil.html": "x"})), "unsafe-path", "ugyldig sti"),
        (zip_of(minimal(**{"a/../../evil.html": "x"})), "unsafe-path", "ugyldig sti"),
        (zip_of(minimal(**{"/etc/evil.html": "x"})), "unsafe-path", "ugyldig sti"),
        (zip_of(minimal(**{"C:/evil.html": "x"})), "unsafe-path", "ugyldig sti"),
        (zip_of(minimal(**{"a\\..\\evil.html": "x"})), "unsafe-path", "ugyldig sti"),
        (zip_of(minimal(link="/etc/passwd"), symlinks=("link",)), "symlink", "symbolsk link"),
    ],
)
def test_a_bad_zip_is_refused_in_danish_and_nothing_is_stored(
    db, media, temp_dir, caplog, data, reason, danish
):
    refused = _refused(data, caplog)
    assert refused.reason == reason
    assert danish in refused.message
    assert not ScormPackage.objects.exists() and not ScormPackageVersion.objects.exists()
    assert _stored_files(media) == []
    assert list(temp_dir.iterdir()) == []


def test_more_entries_than_allowed_are_refused_from_the_directory(db, settings, caplog):
    settings.PARAGRAF_SCORM_MAX_ENTRIES = 5
    files = minimal(**{f"side{n}.html": "x" for n in range(5)})
    refused = _refused(zip_of(files), caplog)
    assert refused.reason == "too-many-entries"
    assert "højst 5 er tilladt" in refused.message


def test_a_package_larger_than_allowed_unpacked_is_refused_before_unpacking(
    db, settings, media, caplog, monkeypatch
):
    settings.PARAGRAF_SCORM_MAX_UNPACKED_MB = 1
    unpacked = []
    monkeypatch.setattr("scorm.packages._unpack", lambda *a, **k: unpacked.append(1) or ([], 0))
    refused = _refused(zip_of(minimal(**{"video.bin": b"\0" * (2 * 1024 * 1024)})), caplog)
    assert refused.reason == "too-large"
    assert "højst 1 MB er tilladt" in refused.message
    assert unpacked == []  # decided from the central directory alone


def _lying_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """The zip with ``name``'s uncompressed size set to ``size`` in both headers."""
    blob = bytearray(data)
    local = blob.find(b"PK\x03\x04" + blob[4:26])  # first local header
    while local != -1:
        name_len = int.from_bytes(blob[local + 26 : local + 28], "little")
        if bytes(blob[local + 30 : local + 30 + name_len]) == name:
            blob[local + 22 : local + 26] = size.to_bytes(4, "little")
        local = blob.find(b"PK\x03\x04", local + 4)
    central = blob.find(b"PK\x01\x02")
    while central != -1:
        name_len = int.from_bytes(blob[central + 28 : central + 30], "little")
        if bytes(blob[central + 46 : central + 46 + name_len]) == name:
            blob[central + 24 : central + 28] = size.to_bytes(4, "little")
        central = blob.find(b"PK\x01\x02", central + 4)
    return bytes(blob)


def test_a_zip_bomb_that_lies_about_its_size_stops_while_unpacking(
    db, settings, media, temp_dir, caplog
):
    settings.PARAGRAF_SCORM_MAX_UNPACKED_MB = 1
    bomb = zip_of(minimal(**{"bomb.bin": b"\0" * (3 * 1024 * 1024)}))
    lying = _lying_sizes(bomb, b"bomb.bin", 100)
    assert package_check(io.BytesIO(lying)).size < 1024 * 1024  # the directory looks fine
    refused = _refused(lying, caplog)
    assert refused.reason in ("bomb", "unpack-failed")
    assert _stored_files(media) == []
    assert list(temp_dir.iterdir()) == []


def test_a_storage_failure_half_way_leaves_no_files(db, media, temp_dir, monkeypatch):
    real_save = default_storage.save
    calls = []

    def failing_save(name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_save(name, content, *args, **kwargs)

    monkeypatch.setattr(default_storage, "save", failing_save)
    with pytest.raises(OSError):
        package_upload(upload=io.BytesIO(phishing_12()), file_name="x.zip", by=None)
    assert _stored_files(media) == []
    assert not ScormPackageVersion.objects.exists()


def test_the_demo_packages_are_read_with_their_standard_and_mastery_rules(db, media):
    v12 = package_upload(upload=io.BytesIO(phishing_12()), file_name="a.zip", by=None)
    v2004 = package_upload(upload=io.BytesIO(breach_2004()), file_name="b.zip", by=None)
    assert (v12.standard, v12.launch, float(v12.mastery_score)) == ("1.2", "index.html", 80.0)
    assert (v2004.standard, v2004.edition, float(v2004.scaled_passing_score)) == (
        "2004",
        "4th Edition",
        0.8,
    )
    assert v12.package.title == "Phishing og sikre mails"
    assert default_storage.exists(v12.storage_prefix + "index.html")
    assert v12.file_count == 4
    assert "2004" in MANIFEST_2004


def test_a_new_upload_of_the_same_package_is_a_new_version(db, media):
    first = package_upload(upload=io.BytesIO(phishing_12()), file_name="a.zip", by=None)
    second = package_upload(
        upload=io.BytesIO(phishing_12()), file_name="b.zip", by=None, package=first.package
    )
    assert (first.number, second.number) == (1, 2)
    assert first.storage_key != second.storage_key
    assert first.package.current_version == second
    assert default_storage.exists(first.storage_prefix + "index.html")  # the old one stays


def test_a_jurist_uploads_a_package_in_the_admin_and_a_bad_one_gets_a_danish_error(
    client, jurist, media
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from people.services import roles_ensure

    roles_ensure()
    client.force_login(jurist)
    assert (
        'enctype="multipart/form-data"' in client.get("/admin/scorm_packages/new/").content.decode()
    )
    bad = SimpleUploadedFile("slip.zip", zip_of(minimal(**{"../evil.html": "x"})))
    response = client.post("/admin/scorm_packages/new/", {"title": "", "package_file": bad})
    assert response.status_code == 200
    assert "ugyldig sti" in response.content.decode()
    assert not ScormPackage.objects.exists()
    good = SimpleUploadedFile("phishing.zip", phishing_12())
    response = client.post("/admin/scorm_packages/new/", {"title": "", "package_file": good})
    assert response.status_code == 302, response.content.decode()[:2000]
    package = ScormPackage.objects.get()
    assert package.title == "Phishing og sikre mails"
    again = SimpleUploadedFile("phishing-v2.zip", phishing_12())
    response = client.post(
        f"/admin/scorm_packages/edit/{package.pk}/", {"title": "Phishing", "package_file": again}
    )
    assert response.status_code == 302
    assert list(package.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    with_list = client.get("/admin/scorm_packages/")
    assert "Phishing" in with_list.content.decode()


def _packages(count: int) -> None:
    start = ScormPackage.objects.count()
    for n in range(start, start + count):
        package = ScormPackage.objects.create(title=f"Pakke {n}")
        for number in (1, 2):
            ScormPackageVersion.objects.create(
                package=package,
                number=number,
                standard="1.2",
                launch="index.html",
                storage_key=f"k{n}-{number}",
                file_count=1,
                size_bytes=1,
                file_name="p.zip",
            )


def test_the_package_list_takes_the_same_queries_for_3_and_30_packages(
    client, jurist, django_assert_max_num_queries
):
    from people.services import roles_ensure

    roles_ensure()
    client.force_login(jurist)
    _packages(3)
    client.get("/admin/scorm_packages/")  # warm caches (content types, permissions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/scorm_packages/").status_code == 200
    _packages(27)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/admin/scorm_packages/")
    assert "Pakke 10" in response.content.decode()
