"""Template tags for our overrides of Wagtail's admin templates."""

from __future__ import annotations

import hashlib
import re

from django import template

from people.roles import group_names

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_sidebar_key(context) -> str:
    """What Wagtail's sidebar depends on for this person, as a short cache key part: who they
    are, their name and avatar, their groups and permissions and the help items they have
    dismissed. The sidebar does not depend on the page being shown (the browser marks the
    active item), so one rendering serves every admin page until one of these changes.
    Page, collection and site permissions are not in the key: they take effect in the menu
    when the fragment expires (templates/wagtailadmin/base.html); views check them at once."""
    user = context["request"].user
    if not user.is_authenticated:
        return "anonymous"
    profile = getattr(user, "wagtail_userprofile", None)
    parts = [
        str(user.pk),
        user.get_full_name(),
        str(user.is_superuser),
        ",".join(sorted(group_names(user))),
        # A superuser has every permission; reading them all would cost a query per page.
        "*" if user.is_superuser else ",".join(sorted(user.get_all_permissions())),
        repr(sorted((profile.dismissibles or {}).items())) if profile else "",
        str(profile.avatar) if profile and profile.avatar else "",
    ]
    return hashlib.blake2s("\n".join(parts).encode(), digest_size=12).hexdigest()


@register.simple_tag(takes_context=True)
def admin_shortcuts_key(context) -> str:
    """What Wagtail's keyboard-shortcuts dialog depends on besides the language: whether the
    browser is on a Mac (key labels) and whether the person has turned shortcuts off."""
    request = context["request"]
    is_mac = bool(re.search(r"Mac|iPod|iPhone|iPad", request.headers.get("User-Agent", "")))
    profile = getattr(request.user, "wagtail_userprofile", None)
    enabled = bool(getattr(profile, "keyboard_shortcuts", True)) if profile else True
    return f"{'mac' if is_mac else 'pc'}-{'on' if enabled else 'off'}"
