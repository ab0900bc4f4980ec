from certificates.models import Certificate, CertificateTemplate
from demo.certificates import seed_certificates
from people.privacy import personal_data_exporters
from tests.certificates.conftest import certificate_for, complete_course


def test_a_persons_data_export_lists_their_certificates(learner, outsider, onboarding):
    certificate = certificate_for(learner, onboarding)
    certificate_for(outsider, onboarding)
    rows = personal_data_exporters()["kursusbeviser"](learner)
    assert [row["kode"] for row in rows] == [certificate.code_display]
    assert rows[0]["kursus"] == "Onboarding for nye medarbejdere"
    assert rows[0]["status"] == "gyldig"


def test_the_demo_step_writes_the_template_once_and_issues_missing_certificates_once(
    learner, hr, onboarding
):
    complete_course(learner, onboarding)  # the on-commit task never ran
    seed_certificates({})
    seed_certificates({})
    assert Certificate.objects.filter(holder=learner).count() == 1
    assert Certificate.objects.get(holder=learner).pdf
    template = CertificateTemplate.objects.get()
    assert template.heading == "Kursusbevis" and template.signatory_name
    template.signatory_name = "Rettet af HR"
    template.save()
    seed_certificates({})
    template.refresh_from_db()
    assert template.signatory_name == "Rettet af HR"
    assert hr.has_perm("certificates.change_certificatetemplate")
