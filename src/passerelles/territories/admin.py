from django.contrib import admin

from passerelles.search.index import update_territory
from passerelles.territories.models import Partnership, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "country", "parent"]
    list_filter = ["level", "country"]
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        update_territory(obj)


@admin.register(Partnership)
class PartnershipAdmin(admin.ModelAdmin):
    list_display = ["territory_a", "territory_b", "kind", "since"]
    list_filter = ["kind", "territory_a__country", "territory_b__country"]
    search_fields = ["territory_a__name", "territory_b__name", "description"]
    autocomplete_fields = ["territory_a", "territory_b"]
