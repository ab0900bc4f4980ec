"""The admin for accommodations (særlige vilkår): a ModelViewSet for HR and jurists, guarded by
the model permissions in ``people.roles.ROLE_GRANTS``. Saving and deleting go through
``quizzes.accommodations`` (which writes the audit line); opening one to edit it, which shows
the reason, is audited as a view. Registered in this app's ``wagtail_hooks``."""

from __future__ import annotations

from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from people.admin_menu import RoleMenuItem
from people.audit import audit_log
from people.models import User
from people.roles import may

from .accommodations import Accommodation, accommodation_delete, accommodation_save
from .models import QuizPage


class PersonField(forms.ModelChoiceField):
    """A person typed as a username or an employee number (a select of 45,000 people would
    not do)."""

    widget = forms.TextInput

    def to_python(self, value):
        value = (value or "").strip()
        if value in self.empty_values:
            return None
        person = (
            User.objects.filter(Q(username=value) | Q(employee_number=value), is_active=True)
            .order_by("pk")
            .first()
        )
        if person is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return person

    def prepare_value(self, value):
        if isinstance(value, User):
            return value.username
        if isinstance(value, int):  # the instance's user id, when the form is not bound
            return User.objects.filter(pk=value).values_list("username", flat=True).first()
        return value


class AccommodationForm(forms.ModelForm):
    user = PersonField(
        queryset=User.objects.all(),
        label=_("Medarbejder (brugernavn eller medarbejdernr.)"),
        error_messages={
            "invalid_choice": _(
                "Der findes ingen aktiv medarbejder med det brugernavn eller medarbejdernummer."
            )
        },
    )
    quiz = forms.ModelChoiceField(
        queryset=QuizPage.objects.order_by("title"),
        required=False,
        empty_label=_("Alle quizzer"),
        label=_("Quiz"),
        help_text=Accommodation._meta.get_field("quiz").help_text,
    )

    class Meta:
        model = Accommodation
        fields = [
            "user",
            "quiz",
            "extra_time_percent",
            "extra_time_minutes",
            "extra_attempts",
            "reason",
        ]


class AccommodationCreateView(generic.CreateView):
    def save_instance(self):
        return accommodation_save(
            accommodation=self.form.save(commit=False), by=cast(User, self.request.user)
        )


class AccommodationEditView(generic.EditView):
    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        audit_log(
            actor=cast(User, request.user),
            action="view",
            what="særlige vilkår (med begrundelse)",
            subject=self.object.user,
        )
        return response

    def save_instance(self):
        self.has_content_changes = self.form.has_changed()
        return accommodation_save(
            accommodation=self.form.save(commit=False), by=cast(User, self.request.user)
        )


class AccommodationDeleteView(generic.DeleteView):
    def delete_action(self):
        accommodation_delete(accommodation=self.object, by=cast(User, self.request.user))


class AccommodationViewSet(ModelViewSet):
    model = Accommodation
    icon = "time"
    menu_label = _("Særlige vilkår")
    menu_name = "accommodations"
    menu_order = 275
    add_to_admin_menu = True
    url_prefix = "saerlige-vilkaar"
    name = "accommodations"
    form_class = AccommodationForm
    add_view_class = AccommodationCreateView
    edit_view_class = AccommodationEditView
    delete_view_class = AccommodationDeleteView
    copy_view_enabled = False
    # The reason stays out of the list: it is shown (and the view audited) only in the form.
    list_display = [
        "user",
        Column("scope", label=_("Gælder")),
        Column("summary", label=_("Vilkår")),
        Column("updated_at", label=_("Ændret")),
    ]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return AccommodationForm

    def get_queryset(self, request):
        return Accommodation.objects.select_related("user", "quiz")

    def get_menu_item(self, order=None):
        return RoleMenuItem(
            self.menu_label,
            self.menu_url,
            name=self.menu_name,
            icon_name=self.icon,
            order=order if order is not None else self.menu_order,
            check=may("quizzes.view_accommodation"),
        )


accommodation_viewset = AccommodationViewSet()
