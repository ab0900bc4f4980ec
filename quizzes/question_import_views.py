"""Admin views for importing questions and downloading the import template."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from .forms import QuestionImportForm
from .question_import import questions_import
from .question_template import template_csv, template_xlsx


def _check(request) -> None:
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied


def question_import(request):
    """GET: the upload form and template links. POST: import all rows as drafts, or none."""
    _check(request)
    result = None
    if request.method == "POST":
        form = QuestionImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = questions_import(
                content=upload.read(), filename=upload.name, user=request.user
            )
            if result.ok:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d spørgsmål er importeret som kladde.",
                        "%(count)d spørgsmål er importeret som kladder.",
                        len(result.created),
                    )
                    % {"count": len(result.created)},
                )
                return redirect(reverse("quizzes_question_import"))
            messages.error(
                request, _("Filen blev ikke importeret. Ret fejlene herunder, og prøv igen.")
            )
    else:
        form = QuestionImportForm()
    return TemplateResponse(
        request,
        "quizzes/admin/question_import.html",
        {"form": form, "result": result, "page_title": _("Importér spørgsmål")},
        status=400 if result is not None and not result.ok else 200,
    )


def question_import_template(request, file_format: str):
    _check(request)
    if file_format == "csv":
        response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            template_xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="spoergsmaal-skabelon.{file_format}"'
    return response
