from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from passerelles.documents.models import Document, SourceReference


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "year", "kind", "file_name"]
    list_filter = ["kind", "year", "publisher"]
    search_fields = ["title", "publisher", "file_name", "text"]
    readonly_fields = ["content_hash", "added"]


@admin.register(SourceReference)
class SourceReferenceAdmin(admin.ModelAdmin):
    list_display = ["document", "content_type", "object_id", "field", "first_line", "last_line"]
    list_filter = ["content_type", "field", "document"]
    search_fields = ["quote", "document__title"]


class SourceReferenceInline(GenericTabularInline):
    model = SourceReference
    extra = 0
    fields = ["document", "field", "first_line", "last_line", "start_char", "end_char", "quote"]
