"""Version 1 of the JSON API.

Plain Django views returning JsonResponse rather than django-ninja: two read-only endpoints do
not justify a framework and pydantic schemas, and the 400 messages stay the same sentences as
on the page and the command line.
"""

from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from passerelles.interop.records.write import project_record
from passerelles.projects.models import Project
from passerelles.search.engine import MAX_LIMIT, MODES, search, search_params

API_VERSION = "1"


def _error(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


def _number(value: str | None, default: int, low: int, high: int) -> int | None:
    if value is None or value == "":
        return default
    if value.isdigit() and low <= int(value) <= high:
        return int(value)
    return None


@require_GET
def search_view(request: HttpRequest) -> JsonResponse:
    """Answer ?q= with its results and facets (filters: kind, country, theme, sdg, type, years).

    Also read: limit, offset and mode (hybrid, lexical or semantic).

    Answer 200 with the results and facet counts, or 400 with one sentence naming a refused value.
    """
    text, filters, errors = search_params(request.GET)
    if errors:
        return _error(" ".join(errors))
    limit = _number(request.GET.get("limit"), 20, 1, MAX_LIMIT)
    offset = _number(request.GET.get("offset"), 0, 0, 10_000)
    mode = request.GET.get("mode") or "hybrid"
    if limit is None:
        return _error(
            _("“%(value)s” is not a valid limit; give a whole number from 1 to %(max)s.")
            % {"value": request.GET["limit"], "max": MAX_LIMIT}
        )
    if offset is None:
        return _error(
            _("“%(value)s” is not a valid offset; give a whole number from 0 to 10000.")
            % {"value": request.GET["offset"]}
        )
    if mode not in MODES:
        return _error(
            _("Unknown mode “%(value)s”; choose one of: %(choices)s.")
            % {"value": mode, "choices": ", ".join(MODES)}
        )
    results = search(text, filters, limit=limit, offset=offset, mode=mode)
    return JsonResponse(
        {
            "version": API_VERSION,
            "query": results.query,
            "total": results.total,
            "results": [r.as_dict() | {"url": r.url} for r in results.results],
            "facets": {
                name: [{"value": v.value, "label": v.label, "count": v.count} for v in values]
                for name, values in results.facets.items()
            },
            "corrections": results.corrections,
            "notices": results.notices,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def project_view(request: HttpRequest, slug: str) -> JsonResponse:
    """Answer the record of the published project SLUG with its labels and their evidence.

    Each label is {kind, code, source, evidence, likelihood}: source "auto" for the classifier,
    "human" for a curator's choice; likelihood is the probability the classifier's meaning step
    gave a goal it settled, null otherwise. Contacts are personal data: only signed-in users get
    them. 404 when no published project has that slug.
    """
    project = get_object_or_404(Project.objects.published(), slug=slug)
    record = project_record(project)
    if not request.user.is_authenticated:
        record.pop("contacts", None)
    record["labels"] = [
        {
            "kind": row.kind,
            "code": row.code,
            "source": row.source,
            "evidence": list(row.evidence),
            "likelihood": row.likelihood,
        }
        for row in project.label_evidence.filter(present=True)
    ]
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})
