"""Writes about people and units that are not the HR import."""

from __future__ import annotations

import logging

from django.apps import apps as global_apps
from django.apps.registry import Apps
from django.contrib.auth.models import Group

from .models import OrgUnit
from .roles import ROLE_GRANTS

logger = logging.getLogger(__name__)


def roles_ensure(*, apps: Apps = global_apps) -> dict[str, Group]:
    """Create the role groups and give each what ``ROLE_GRANTS`` says; returns them by name.

    Idempotent and additive: a permission an administrator granted by hand stays. Runs in a data
    migration (``apps`` is then the migration's historical registry, before ``post_migrate`` has
    created the model permissions, so a missing permission row is created here the way Django and
    Wagtail name it) and from ``manage.py ensure_roles``.
    """
    group_model = apps.get_model("auth", "Group")
    grants = {grant.name: grant for grant in ROLE_GRANTS}
    groups = {name: group_model.objects.get_or_create(name=name)[0] for name in grants}
    page_root = apps.get_model("wagtailcore", "Page").objects.filter(depth=1).first()
    collection_root = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    page_grant = apps.get_model("wagtailcore", "GroupPagePermission")
    collection_grant = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for name, grant in grants.items():
        group = groups[name]
        group.permissions.add(
            *(_permission(apps, dotted) for dotted in grant.permissions if _known(apps, dotted))
        )
        for codename in grant.page_permissions if page_root is not None else ():
            page_grant.objects.get_or_create(
                group=group, page=page_root, permission=_permission(apps, f"wagtailcore.{codename}")
            )
        for dotted in grant.collection_permissions if collection_root is not None else ():
            collection_grant.objects.get_or_create(
                group=group, collection=collection_root, permission=_permission(apps, dotted)
            )
    return groups


def _known(apps: Apps, dotted: str) -> bool:
    """Whether the permission's app is in the (historical) app registry: an app whose first
    migration comes after a roles migration (scorm) is granted by its own later one."""
    try:
        apps.get_app_config(dotted.split(".")[0])
    except LookupError:
        return False
    return True


def _permission(apps: Apps, dotted: str):
    """The permission ``app_label.codename``, created if ``post_migrate`` has not made it yet: a
    model's own ``Meta.permissions`` (``mark_attempt``), else Django's and Wagtail's
    ``<action>_<model>`` (``add_page``, ``publish_question``, ``access_admin``)."""
    app_label, codename = dotted.split(".")
    action, _, model_name = codename.partition("_")
    name: str | None = None
    for model in apps.get_app_config(app_label).get_models():
        if codename in dict(model._meta.permissions):
            model_name = str(model._meta.model_name)
            name = str(dict(model._meta.permissions)[codename])
    content_type_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    content_type, _ = content_type_model.objects.get_or_create(
        app_label=app_label, model=model_name
    )
    permission = permission_model.objects.filter(
        content_type=content_type, codename=codename
    ).first()
    if permission is None:
        if name is None:
            try:
                label = apps.get_model(app_label, model_name)._meta.verbose_name_raw
            except LookupError:
                label = model_name
            name = f"Can {action} {label}"
        permission = permission_model.objects.create(
            content_type=content_type, codename=codename, name=name
        )
        logger.debug("roles: created permission %s", dotted)
    return permission


def org_unit_ensure(
    *, code: str, name: str, unit_type: str = "", parent: OrgUnit | None
) -> OrgUnit:
    """Return the unit with ``code``, creating it under ``parent`` if it does not exist."""
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is not None:
        return unit
    fields = {"code": code, "name": name, "unit_type": unit_type}
    if parent is None:
        return OrgUnit.add_root(**fields)
    parent.refresh_from_db()
    return parent.add_child(**fields)
