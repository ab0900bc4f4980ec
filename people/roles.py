"""The six role groups and what each may do in the Wagtail admin.

``ROLE_GRANTS`` is the one table of what each role is given; ``people.services.roles_ensure``
writes it (a data migration on every install, and ``manage.py ensure_roles``). Permissions are
named as strings, so people imports no other app.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

LEARNER = "Medarbejder"
MANAGER = "Leder"
HR = "HR"
JURIST = "Jurist"
APPROVER = "Juridisk godkender"
ADMINISTRATOR = "Administrator"

ROLE_LABELS = {
    LEARNER: _("Medarbejder"),
    MANAGER: _("Leder"),
    HR: _("HR"),
    JURIST: _("Jurist"),
    APPROVER: _("Juridisk godkender"),
    ADMINISTRATOR: _("Administrator"),
}


@dataclass(frozen=True)
class RoleGrant:
    """What one role group is given: model permissions (``app_label.codename``), page permissions
    (``wagtailcore`` codenames) on the root of the page tree, so every course and guideline below
    it, and collection permissions (``app_label.codename``) on the root collection."""

    name: str
    permissions: tuple[str, ...] = ()
    page_permissions: tuple[str, ...] = ()
    collection_permissions: tuple[str, ...] = ()


_ADMIN = "wagtailadmin.access_admin"
_AUTHOR_PAGES = ("add_page", "change_page", "lock_page", "unlock_page")
_AUTHOR_MEDIA = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
#: Accommodations (særlige vilkår, quizzes.Accommodation): set by HR and by jurists.
_ACCOMMODATIONS = (
    "quizzes.add_accommodation",
    "quizzes.change_accommodation",
    "quizzes.delete_accommodation",
    "quizzes.view_accommodation",
)
_AUTHOR_MODELS = (
    _ADMIN,
    *_ACCOMMODATIONS,
    "guidelines.change_reviewitem",
    "guidelines.view_guidelinechange",
    "quizzes.mark_attempt",
    "quizzes.regrade_attempt",
    "quizzes.view_attempt",
    "authoring.view_reviewdigestlog",
    "compliance.view_evidence",
    "compliance.plan_retraining",
    "guidelines.add_statuteprovision",
    "guidelines.change_statuteprovision",
    "quizzes.add_question",
    "quizzes.change_question",
    "quizzes.lock_question",
    "quizzes.unlock_question",
    "quizzes.add_questioncategory",
    "quizzes.change_questioncategory",
    # Fund (findings): jurists record them and make targeted requirements from them.
    "findings.add_finding",
    "findings.change_finding",
    "findings.delete_finding",
    "findings.view_finding",
    # SCORM-pakker: jurists upload packages and new versions; nobody deletes one.
    "scorm.add_scormpackage",
    "scorm.change_scormpackage",
    "scorm.view_scormpackage",
)

#: Learners and managers use the site, not the admin: what they see follows from who they are
#: (their own records; a manager's unit), not from permissions.
ROLE_GRANTS: tuple[RoleGrant, ...] = (
    RoleGrant(LEARNER),
    RoleGrant(MANAGER),
    RoleGrant(
        HR,
        permissions=(
            _ADMIN,
            "compliance.add_requirement",
            "compliance.change_requirement",
            "compliance.delete_requirement",
            "compliance.view_requirement",
            "compliance.view_assignment",
            "notices.view_notice",
            "compliance.change_assignment",
            "compliance.view_evidence",
            "compliance.plan_retraining",
            "findings.view_finding",
            "certificates.change_certificatetemplate",
            "certificates.view_certificate",
            "certificates.change_certificate",
            "people.add_hrimport",
            "people.view_auditevent",
            "people.export_personal_data",
            "guidelines.view_guidelinechange",
            "quizzes.view_attempt",
            *_ACCOMMODATIONS,
            "axes.view_accessattempt",
            "axes.delete_accessattempt",
        ),
    ),
    RoleGrant(
        JURIST,
        permissions=_AUTHOR_MODELS,
        page_permissions=_AUTHOR_PAGES,
        collection_permissions=_AUTHOR_MEDIA,
    ),
    RoleGrant(
        APPROVER,
        permissions=(*_AUTHOR_MODELS, "quizzes.publish_question"),
        page_permissions=(*_AUTHOR_PAGES, "publish_page"),
        collection_permissions=_AUTHOR_MEDIA,
    ),
    RoleGrant(
        ADMINISTRATOR,
        permissions=(
            _ADMIN,
            "people.add_user",
            "people.change_user",
            "people.view_user",
            "auth.add_group",
            "auth.change_group",
            "auth.view_group",
            "people.change_privacysettings",
        ),
    ),
)


def may(permission: str):
    """A check for menu items and views: the person holds ``permission`` (``app.codename``),
    through one of the roles in ``ROLE_GRANTS`` or as a superuser."""

    def check(user) -> bool:
        return user.is_authenticated and user.is_active and user.has_perm(permission)

    check.__name__ = f"may_{permission.replace('.', '_')}"
    return check


def user_has_role(user, role: str) -> bool:
    """True when the user is a superuser or in the named group (cached per request object)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return role in group_names(user)


def group_names(user) -> frozenset[str]:
    """The names of the user's groups (one query, then cached on the user object)."""
    cache = getattr(user, "_paragraf_roles", None)
    if cache is None:
        cache = frozenset(user.groups.values_list("name", flat=True))
        user._paragraf_roles = cache
    return cache


def is_jurist(user) -> bool:
    return user_has_role(user, JURIST) or user_has_role(user, APPROVER)
