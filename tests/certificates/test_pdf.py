import io
from unittest import mock

import pytest
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
