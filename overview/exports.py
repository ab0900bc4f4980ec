"""The charts' downloads: the data table as CSV (";", BOM, formula-safe, Danish decimal comma)
and the chart as a standalone SVG file, both audited."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.http import HttpRequest, HttpResponse

from people.audit import audit_log
from people.models import OrgUnit, User
from people.spreadsheets import dated_name, row_safe

from .figures import Table


def _csv_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_response(
    request: HttpRequest, table: Table, *, stem: str, what: str, unit: OrgUnit | None
) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in table.csv_rows():
        writer.writerow(row_safe([_csv_value(v) for v in row]))
    audit_log(actor=_user(request), action="export", what=f"{what} (CSV)", subject_unit=unit)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dated_name(stem)}.csv"'
    return response


def svg_response(
    request: HttpRequest, svg: str, *, stem: str, what: str, unit: OrgUnit | None
) -> HttpResponse:
    audit_log(actor=_user(request), action="export", what=f"{what} (SVG)", subject_unit=unit)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{dated_name(stem)}.svg"'
    return response


def _user(request: HttpRequest) -> User | None:
    user = request.user
    return user if isinstance(user, User) else None
