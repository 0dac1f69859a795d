from django.contrib import admin

from passerelles.organisations.models import Organisation
from passerelles.projects.models import Project
from passerelles.search.index import update_organisation, update_project


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "type", "is_ess", "country"]
    list_filter = ["type", "is_ess", "country", "skills"]
    search_fields = ["name", "acronym", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory", "action_territories"]
    filter_horizontal = ["skills"]

    def save_related(self, request, form, formsets, change) -> None:
        """Index the organisation, and the projects it takes part in (their entries name it)."""
        super().save_related(request, form, formsets, change)
        organisation = form.instance
        update_organisation(organisation)
        for project in Project.objects.filter(participations__organisation=organisation).distinct():
            update_project(project)
