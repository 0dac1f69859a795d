from django.contrib import admin

from passerelles.classification.models import Sdg, Theme


@admin.register(Sdg)
class SdgAdmin(admin.ModelAdmin):
    list_display = ["number", "title_fr", "title_en", "colour"]
    search_fields = ["title_fr", "title_en"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "label_en"]
    search_fields = ["code", "label_fr", "label_en"]
