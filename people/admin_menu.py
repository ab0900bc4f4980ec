"""An admin menu item shown only to people a role check lets in (HR, jurists, …)."""

from __future__ import annotations

from collections.abc import Callable

from wagtail.admin.menu import MenuItem


class RoleMenuItem(MenuItem):
    def __init__(self, *args, check: Callable[[object], bool], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request) -> bool:
        return bool(self.check(request.user))
