from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choosers import section_chooser_viewset
from .models import StatuteProvision


@hooks.register("register_admin_viewset")
def register_section_chooser():
    return section_chooser_viewset


class StatuteProvisionViewSet(SnippetViewSet):
    model = StatuteProvision
    icon = "openquote"
    menu_label = _("Lovbestemmelser")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["key", "reference", "title"]
    list_filter = ["act_short"]
    search_fields = ["key", "title", "act"]
    ordering = ["act_short", "key"]


register_snippet(StatuteProvisionViewSet)
