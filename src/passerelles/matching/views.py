"""The page "Find a partner": a need in, the organisations able to meet it and similar projects out."""

from django.shortcuts import render

from passerelles.lib.errors import InputError
from passerelles.matching.forms import NeedForm
from passerelles.matching.pipeline import match


def match_page(request):
    """Show the need form and, once a need is given, the ranked organisations with their reasons."""
    form = NeedForm(request.GET or None)
    found = None
    if form.is_valid():
        try:
            found = match(form.cleaned_data["need"], form.cleaned_data["country"] or None)
        except InputError as error:
            form.add_error("need", str(error))
    return render(request, "matching/match.html", {"form": form, "found": found})
