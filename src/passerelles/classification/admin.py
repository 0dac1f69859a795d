from django.contrib import admin

from passerelles.classification.models import LabelEvidence, Sdg, Theme


@admin.register(Sdg)
class SdgAdmin(admin.ModelAdmin):
    list_display = ["number", "title_fr", "title_en", "colour"]
    search_fields = ["title_fr", "title_en"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "label_en"]
    search_fields = ["code", "label_fr", "label_en"]


@admin.register(LabelEvidence)
class LabelEvidenceAdmin(admin.ModelAdmin):
    list_display = ["project", "kind", "code", "source", "present", "updated"]
    list_filter = ["kind", "source", "present"]
    search_fields = ["project__title", "code"]
    list_select_related = ["project"]
    raw_id_fields = ["project"]
