import datetime as dt
import io
from unittest import mock

import pytest
import segno
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from certificates import pdf
from certificates.models import CertificateTemplate
from certificates.services import (
    certificate_content,
    certificate_render,
    certificate_template_current,
)
from tests.certificates import pdf_reading
from tests.certificates.conftest import certificate_for, days_from_today


def wagtail_image(title: str, colour=(0, 80, 160)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 40), colour).save(buffer, format="PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"{title}.png"))


@pytest.fixture
def certificate(learner, onboarding):
    learner.first_name, learner.last_name = "Søren", "Ærø-Åberg"
    learner.save()
    return certificate_for(learner, onboarding, valid_until=days_from_today(365))


@pytest.fixture
def template(tree) -> CertificateTemplate:
    template = certificate_template_current()
    template.signatory_name = "Bjørn Læssøe"
    template.signatory_title = "Direktør"
    template.save()
    return template


def test_the_pdf_embeds_a_truetype_font_and_no_base14_font(certificate, template):
    certificate_render(certificate=certificate, template=template)
    data = certificate.pdf.open("rb").read()
    assert data.startswith(b"%PDF")
    assert b"/FontFile2" in data  # an embedded TrueType program
    assert b"/Subtype /TrueType" in data
    for base14 in (b"/Helvetica", b"/Times-Roman", b"/Courier"):
        assert base14 not in data


def test_the_pdf_states_the_danish_facts_and_links_to_the_verification_page(certificate, template):
    content = certificate_content(certificate=certificate, template=template)
    assert content.holder_name == "Søren Ærø-Åberg"
    assert content.course_title == "Onboarding for nye medarbejdere"
    assert content.valid_until == days_from_today(365)
    assert content.signatory_name == "Bjørn Læssøe"
    assert content.code_display == certificate.code_display
    assert content.verification_url == (
        f"https://paragraf.example.dk/certifikater/{certificate.code_display}/"
    )


def test_the_template_images_are_drawn_into_the_pdf(certificate, template):
    template.logo = wagtail_image("logo")
    template.signature = wagtail_image("underskrift", colour=(20, 20, 20))
    template.save()
    certificate_render(certificate=certificate, template=template)
    data = certificate.pdf.open("rb").read()
    assert data.count(b"/Subtype /Image") == 2


def test_a_missing_template_image_file_still_gives_a_pdf_and_a_log_line(certificate, template):
    template.logo = wagtail_image("logo")
    template.save()
    template.logo.file.storage.delete(template.logo.file.name)
    with mock.patch.object(pdf.logger, "warning") as warning:
        certificate_render(certificate=certificate, template=template)
    data = certificate.pdf.open("rb").read()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-10:]
    assert b"/Subtype /Image" not in data
    assert warning.call_count == 1
    assert "certificate %s image %s unreadable" in warning.call_args.args[0]


def test_reissuing_keeps_the_code_and_replaces_the_pdf_file(certificate, template, hr):
    from certificates.services import certificate_reissue

    certificate_render(certificate=certificate, template=template)
    old_name, code = certificate.pdf.name, certificate.code
    storage = certificate.pdf.storage
    certificate_reissue(certificate=certificate, by=hr)
    certificate.refresh_from_db()
    assert certificate.code == code
    assert certificate.pdf.name != old_name
    assert not storage.exists(old_name)
    assert storage.exists(certificate.pdf.name)


def content_for(**fields) -> pdf.CertificateContent:
    values = {
        "heading": "Kursusbevis",
        "intro": "Det bekræftes hermed, at",
        "holder_name": "Søren Ærø-Åberg",
        "body": "har gennemført kurset",
        "course_title": "Aktindsigt – for ledere",
        "completed_on": dt.date(2026, 3, 12),
        "valid_until": dt.date(2028, 3, 12),
        "code_display": "ABCD-EFGH-JKLM",
        "verification_url": "https://paragraf.example.dk/certifikater/ABCD-EFGH-JKLM/",
        "footer": "Teknik- og Miljøforvaltningen · Københavns Kommune",
        "signatory_name": "Bjørn Læssøe",
        "signatory_title": "Direktør",
    }
    return pdf.CertificateContent(**{**values, **fields})


def test_the_text_a_reader_copies_is_the_danish_text_printed():
    data = pdf.certificate_pdf_render(content_for())
    assert pdf_reading.text_runs(data) == [
        "Kursusbevis",
        "Det bekræftes hermed, at",
        "Søren Ærø-Åberg",
        "har gennemført kurset",
        "Aktindsigt – for ledere",
        "Gennemført den 12. marts 2026",
        "Gyldigt til og med 12. marts 2028",
        "Bjørn Læssøe",
        "Direktør",
        "Beviskode",
        "ABCD-EFGH-JKLM",
        "Kontrollér beviset på",
        "https://paragraf.example.dk/certifikater/ABCD-EFGH-JKLM/",
        "Teknik- og Miljøforvaltningen · Københavns Kommune",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Åse Øberg",  # some letters of the first PDF, in another order
        "Zoë Čapek-Ñúñez",  # letters outside the pre-assigned ones
        "".join(
            chr(code) for code in range(0xC0, 0x100)
        ),  # more letters than the 31 spare codes below space
    ],
)
def test_each_pdf_maps_its_own_characters_after_another_pdf_in_the_same_process(name):
    pdf.certificate_pdf_render(content_for())  # the registered fonts have been used once
    runs = pdf_reading.text_runs(pdf.certificate_pdf_render(content_for(holder_name=name)))
    assert runs[2:5] == [name, "har gennemført kurset", "Aktindsigt – for ledere"]


def test_the_qr_code_drawn_is_the_code_of_the_verification_url():
    url = "https://paragraf.example.dk/certifikater/WXYZ-2345-6789/"
    data = pdf.certificate_pdf_render(content_for(verification_url=url))
    expected = {
        (row, col)
        for row, modules in enumerate(segno.make(url, error="m", micro=False).matrix)
        for col, dark in enumerate(modules)
        if dark
    }
    drawn = pdf_reading.qr_modules(data)
    assert drawn == {
        (row, col)
        for row, modules in enumerate(pdf.qr_matrix(url))
        for col, dark in enumerate(modules)
        if dark
    }
    # Another mask than segno's own choice, but the same version, so the same data capacity.
    assert max(row for row, _col in drawn) == max(row for row, _col in expected)


def test_a_transparent_logo_keeps_its_transparency_and_every_stream_is_flate_only(tree):
    buffer = io.BytesIO()
    PILImage.new("RGBA", (120, 40), (0, 80, 160, 128)).save(buffer, format="PNG")
    logo = Image.objects.create(title="logo", file=ImageFile(buffer, name="logo.png"))
    data = pdf.certificate_pdf_render(content_for(logo=logo))
    data_again = pdf.certificate_pdf_render(content_for(logo=logo))  # from the cache
    for rendered in (data, data_again):
        images = pdf_reading.image_xobjects(rendered)
        assert len(images) == 2  # the colours and the soft mask
        colour = next(image for image in images if b"/SMask" in image.head)
        mask = next(image for image in images if b"/SMask" not in image.head)
        assert set(mask.stream) == {128}
        assert colour.stream[:3] == bytes((0, 80, 160))
        assert b"/ASCII85Decode" not in rendered
    assert pdf_reading.page_content(data) == pdf_reading.page_content(data_again)


def test_one_image_as_logo_and_signature_is_embedded_once_and_drawn_twice(tree):
    image = wagtail_image("logo")
    for _ in range(2):  # built, then from the cache
        data = pdf.certificate_pdf_render(content_for(logo=image, signature=image))
        assert len(pdf_reading.image_xobjects(data)) == 1
        assert pdf_reading.page_content(data).count(b" Do") == 2
