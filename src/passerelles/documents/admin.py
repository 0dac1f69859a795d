from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline

from passerelles.documents.models import AuditEntry, Document, IngestJob, SourceReference


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


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "created", "status", "done", "total", "publish"]
    list_filter = ["status", "publish", "created"]
    search_fields = ["user__username", "current_file", "error"]
    readonly_fields = ["user", "created", "total", "done", "current_file", "outcomes", "error"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Show the trail read-only: an audit trail that can be edited proves nothing."""

    list_display = ["when", "who", "action", "project", "field"]
    list_filter = ["action", "field", "when"]
    search_fields = ["project__title", "who__username", "field", "old_value", "new_value"]
    list_select_related = ["who", "project"]
    date_hierarchy = "when"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
