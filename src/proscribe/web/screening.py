"""The Screen page: `GET /screen` (the form) and `POST /screen` (the results).

The form's fields are checked by the API's own request model, so a bad date, country or
identifier gets the same message here as from `POST /v1/screen`. Every screening is audited
like the API's, with the caller `user:<name>`; when the record cannot be written the page
fails and shows no result. POST, not GET: a query in a URL would land in access logs.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from pydantic import ValidationError

from proscribe.api.models import ScreenRequest
from proscribe.api.records import audit_screenings
from proscribe.model import Schema
from proscribe.monitor.rescreen import record_result
from proscribe.web.pages import PageError, Screener, mark_page, render, require_csrf, web_of
from proscribe.web.views import match_view

router = APIRouter(include_in_schema=False, dependencies=[Depends(mark_page)])
LIMIT = 10
# Form field for each field of ScreenRequest, to put each error next to its input.
FIELDS = {"countries": "country", "id_numbers": "identifier", "schema": "type"}


@router.get("/screen")
def screen_form(request: Request, _viewer: Screener) -> Response:
    return render(request, "screen.html", _context({}, {}, None), {"result": None})


@router.post("/screen")
def screen(
    request: Request,
    viewer: Screener,
    name: Annotated[str, Form()] = "",
    schema_type: Annotated[str, Form(alias="type")] = "",
    birth_date: Annotated[str, Form()] = "",
    country: Annotated[str, Form()] = "",
    identifier: Annotated[str, Form()] = "",
    record: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    """Screen one query against the lists the server serves, audited as `user:<name>`; with
    `record`, open an alert for each match (as the API's `record: true`; review role)."""
    require_csrf(request, viewer.session, csrf)
    if record and not viewer.user.allows("review"):
        raise PageError(403, "forbidden", "Opening alerts needs the review role.")
    form = {
        "name": name,
        "type": schema_type,
        "birth_date": birth_date,
        "country": country,
        "identifier": identifier,
        "record": record,
    }
    try:
        body = ScreenRequest.model_validate(
            {
                "name": name,
                "schema": schema_type or None,
                "birth_date": birth_date.strip() or None,
                "countries": [country.strip()] if country.strip() else [],
                "id_numbers": [identifier.strip()] if identifier.strip() else [],
                "limit": LIMIT,
            }
        )
    except ValidationError as error:
        errors = _field_errors(error)
        problem = {"code": "invalid", "message": "check the fields", "fields": errors}
        return render(request, "screen.html", _context(form, errors, None), {"error": problem}, 422)
    service = web_of(request).service
    if not service.screener.versions:
        raise PageError(503, "no_lists", "No list is loaded: run `proscribe load` and restart.")
    result = service.screener.screen(body.to_query(), limit=body.limit)
    audit_screenings(service.store, f"user:{viewer.user.name}", [result], service.settings)
    data = result.to_json()
    if record:
        data["alerts"] = record_result(service.store, service.screener, result)
    shown = zip(result.matches, data["matches"], strict=True)
    views = [match_view(match, match_json) for match, match_json in shown]
    context = _context(form, {}, {"data": data, "matches": views, "alerts": data.get("alerts")})
    return render(request, "screen.html", context, data)


def _context(
    form: dict[str, str], errors: dict[str, str], result: dict[str, Any] | None
) -> dict[str, Any]:
    return {
        "title": "Screen",
        "nav": "screen",
        "form": form,
        "errors": errors,
        "schemas": [schema.value for schema in Schema],
        "result": result,
    }


def _field_errors(error: ValidationError) -> dict[str, str]:
    """Form field -> message, from pydantic's errors of the request model."""
    found: dict[str, str] = {}
    for problem in error.errors():
        field = str(problem["loc"][0]) if problem["loc"] else "name"
        message = str(problem["msg"]).removeprefix("Value error, ")
        found.setdefault(FIELDS.get(field, field), message)
    return found
