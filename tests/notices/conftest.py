from tests.compliance.conftest import onboarding, onboarding_requirement  # noqa: F401
