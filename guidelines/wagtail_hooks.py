from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from people.admin_menu import RoleMenuItem

from . import admin_views, statute_views
from .choosers import section_chooser_viewset
from .models import GuidelinePage, StatuteProvision
from .selectors import review_items_open_for_source


@hooks.register("register_admin_viewset")
def register_section_chooser():
    return section_chooser_viewset


class StatuteProvisionViewSet(SnippetViewSet):
    model = StatuteProvision
    icon = "openquote"
    menu_label = _("Lovbestemmelser")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["key", "reference", "title", "eli", "freshness_label"]
    list_filter = ["act_short"]
    search_fields = ["key", "title", "act"]
    ordering = ["act_short", "key"]


register_snippet(StatuteProvisionViewSet)


# --- Citations, change impact and the review queue -------------------------------------------

guideline_admin_urls = [
    path("gennemsyn/", admin_views.ReviewQueueView.as_view(), name="review_queue"),
    path(
        "gennemsyn/resultater/",
        admin_views.ReviewQueueView.as_view(results_only=True),
        name="review_queue_results",
    ),
    path("aendringer/", admin_views.change_index, name="changes"),
    path("aendringer/<int:change_id>/", admin_views.change_detail, name="change"),
    path("aendringer/<int:change_id>/vurder/", admin_views.change_decide, name="change_decide"),
    path("grundlag/<int:page_id>/", admin_views.guideline_citations, name="guideline_citations"),
    path(
        "bestemmelse/<int:provision_id>/",
        admin_views.provision_citations,
        name="provision_citations",
    ),
    path(
        "bestemmelse/<int:provision_id>/bekraeft/",
        statute_views.confirm,
        name="provision_confirm",
    ),
    path(
        "bestemmelse/<int:provision_id>/paavirker-ikke/",
        statute_views.dismiss,
        name="provision_dismiss",
    ),
]


@hooks.register("register_admin_urls")
def register_guideline_admin_urls():
    return [path("henvisninger/", include((guideline_admin_urls, "guidelines_admin")))]


@hooks.register("register_admin_menu_item")
def register_review_queue_menu_item():
    return RoleMenuItem(
        _("Gennemsyn"),
        reverse("guidelines_admin:review_queue"),
        name="guideline-review-queue",
        icon_name="tasks",
        order=240,
        check=admin_views.may_review,
    )


@hooks.register("register_reports_menu_item")
def register_changes_menu_item():
    return RoleMenuItem(
        _("Ændringer af administrationsgrundlag"),
        reverse("guidelines_admin:changes"),
        name="guideline-changes",
        icon_name="history",
        order=920,
        check=admin_views.may_see_changes,
    )


@hooks.register("register_page_header_buttons")
def guideline_citations_button(page, user, view_name, next_url=None):
    if page.specific_class is GuidelinePage and admin_views.may_see_changes(user):
        yield Button(
            _("Henvisninger"),
            reverse("guidelines_admin:guideline_citations", args=[page.pk]),
            icon_name="openquote",
            priority=80,
        )


@hooks.register("register_snippet_listing_buttons")
def provision_citations_button(snippet, user, next_url=None):
    if isinstance(snippet, StatuteProvision) and admin_views.may_see_changes(user):
        yield Button(
            _("Henvisninger"),
            reverse("guidelines_admin:provision_citations", args=[snippet.pk]),
            icon_name="openquote",
            priority=80,
        )


@hooks.register("register_snippet_listing_buttons")
def provision_freshness_buttons(snippet, user, next_url=None):
    if (
        isinstance(snippet, StatuteProvision)
        and snippet.pending_change_id
        and statute_views.may_confirm(user)
    ):
        yield Button(
            _("Bekræft ny version"),
            reverse("guidelines_admin:provision_confirm", args=[snippet.pk]),
            icon_name="tick",
            priority=70,
        )
        yield Button(
            _("Påvirker ikke"),
            reverse("guidelines_admin:provision_dismiss", args=[snippet.pk]),
            icon_name="cross",
            priority=75,
        )


@hooks.register("register_log_actions")
def register_statute_log_actions(actions):
    from .statute_watch import CONFIRM_ACTION, DISMISS_ACTION

    actions.register_action(
        CONFIRM_ACTION, _("Bekræftet efter ny lovversion"), _("Bekræftet efter ny lovversion")
    )
    actions.register_action(
        DISMISS_ACTION,
        _("Lovændring påvirker ikke bestemmelsen"),
        _("Lovændring påvirker ikke bestemmelsen"),
    )


def _review_notice(request, obj) -> None:
    """Tell the editor of a lesson or question that a guideline it cites has changed."""
    if request.method != "GET":
        return
    items = review_items_open_for_source(source=obj)
    if not items:
        return
    sections = ", ".join(sorted({f"{i.section_key} ({i.get_reason_display()})" for i in items}))
    messages.warning(
        request,
        ngettext(
            "Et afsnit, som dette indhold citerer, er ændret og skal gennemses: %(sections)s. "
            "Gennemsynet lukkes, når du offentliggør en revideret version.",
            "%(count)d afsnit, som dette indhold citerer, er ændret og skal gennemses: "
            "%(sections)s. Gennemsynet lukkes, når du offentliggør en revideret version.",
            len(items),
        )
        % {"count": len(items), "sections": sections},
    )


@hooks.register("before_edit_page")
def review_notice_for_page(request, page):
    _review_notice(request, page)


@hooks.register("before_edit_snippet")
def review_notice_for_snippet(request, instance):
    if isinstance(instance, StatuteProvision):
        if request.method == "GET" and instance.changed_since:
            messages.warning(
                request,
                _(
                    "%(ref)s: %(label)s. Bekræft bestemmelsen eller markér, at ændringen ikke "
                    "påvirker den, under Lovbestemmelser."
                )
                % {"ref": instance.reference, "label": instance.freshness_label},
            )
        return
    _review_notice(request, instance)
