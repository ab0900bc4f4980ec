"""Unused code in the apps (``make lint``): vulture's unused functions, methods, classes,
properties, imports and unreachable code.

Class-level attributes (model fields, ``Meta`` options, Wagtail ``panels``, viewset settings)
are how Django and Wagtail are configured and are read by name, so vulture's unused variables and
attributes are left out; ``FRAMEWORK_NAMES`` is the short list of functions and methods that
Django, Wagtail, Celery and reportlab call by name. Exit status 1 when anything is found.
"""

from __future__ import annotations

import ast
import re
import sys
from fnmatch import fnmatch
from pathlib import Path

from vulture import Vulture

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "people",
    "notices",
    "guidelines",
    "courses",
    "quizzes",
    "authoring",
    "compliance",
    "certificates",
    "overview",
    "scorm",
    "findings",
    "xapi",
    "search",
    "statusreport",
]
APPS += ["site", "demo"]
CHECKED = {"function", "method", "class", "property", "import", "unreachable_code"}

#: Called by name: Django (apps, commands, forms, views, checks), Wagtail (hooks run through
#: their decorator, page and block methods, viewsets, permission policies, reports),
#: Celery tasks (run through their decorator), template tags, reportlab flowables.
FRAMEWORK_NAMES = [
    "*Config",
    "ready",
    "Command",
    "add_arguments",
    "handle",
    "clean_*",
    "get_*",
    "filter_*",
    "decorate_paginated_queryset",
    "paginate_queryset",  # Django's MultipleObjectMixin (the keyset pages)
    "serve",
    "route",
    "bulk_to_python",
    "is_shown",
    "user_has_*",
    "users_with_any_permission",
    "instances_user_has_any_permission_for",
    "permission_policy",
    "addObjects",
    "verify_claims",
    "create_user",
    "update_user",
    "revisions",
    "no_results_message",
    "prepare_value",
    "save_instance",
    "delete_action",
    "formfield",
    "do_GET",  # http.server's request handlers (the ELI fixture server)
    "log_message",
    "Media",  # Django's media definitions on forms, widgets and Wagtail components
    "db_for_read",  # Django's database-router protocol (DATABASE_ROUTERS)
    "db_for_write",
    "allow_relation",
    "allow_migrate",
    "process_view",  # Django's middleware hook
]
DECORATORS = ["@hooks.register", "@shared_task", "@register*", "@receiver"]


def template_names() -> set[str]:
    """Every identifier the templates use (``{{ row.admin_link }}``, ``{% if step.next_step %}``):
    properties and methods read only from a template are not dead."""
    names: set[str] = set()
    for app in APPS:
        for template in (ROOT / app).glob("**/templates/**/*"):
            if template.is_file():
                names.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", template.read_text("utf-8")))
    return names


def string_names() -> set[str]:
    """Every name given as a string in the code: settings' dotted paths
    (``"paragraf.security.ContentSecurityPolicyMiddleware"``), report columns
    (``Column("responsible_name")``), ``getattr`` targets. Django and Wagtail find these by name."""
    names: set[str] = set()
    for app in APPS:
        for module in (ROOT / app).glob("**/*.py"):
            for node in ast.walk(ast.parse(module.read_text("utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", node.value):
                        names.update(node.value.split("."))
    return names


def main() -> int:
    vulture = Vulture(ignore_names=FRAMEWORK_NAMES, ignore_decorators=DECORATORS)
    paths = [str(ROOT / app) for app in APPS]
    vulture.scavenge(paths, exclude=["*/migrations/*"])
    named = template_names() | string_names()
    found = [
        item
        for item in vulture.get_unused_code(min_confidence=60)
        if item.typ in CHECKED
        and item.name not in named
        and not any(fnmatch(item.name, p) for p in FRAMEWORK_NAMES)
    ]
    for item in sorted(found, key=lambda i: (str(i.filename), i.first_lineno)):
        print(item.get_report(add_size=False))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
