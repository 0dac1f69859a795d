from django.contrib import admin

from passerelles.organisations.models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "type", "is_ess", "country"]
    list_filter = ["type", "is_ess", "country", "skills"]
    search_fields = ["name", "acronym", "aliases", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory", "action_territories"]
    filter_horizontal = ["skills"]
