from django.contrib import admin
from django.utils.html import format_html, format_html_join

from .models import Job
from .storage import public_url


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "status", "engine", "cost", "created_at", "duration_ms", "error_code", "thumb")
    list_filter = ("status", "engine", "input_format")
    search_fields = ("id", "user__email", "prompt", "error_code")
    list_select_related = ("user",)
    readonly_fields = [f.name for f in Job._meta.fields] + ["previews"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="Preview")
    def thumb(self, job):
        if not job.result_names:
            return "—"
        url = public_url(job.result_names[0], job.expires_at)
        return format_html('<img src="{}" alt="result" style="max-height:48px;max-width:80px">', url)

    @admin.display(description="Original and results")
    def previews(self, job):
        urls = [public_url(name, job.expires_at) for name in job.file_names]
        if not urls:
            return "Files deleted (expired) or never stored."
        return format_html_join(
            " ", '<a href="{0}"><img src="{0}" alt="" style="max-height:240px;margin:4px"></a>', ((u,) for u in urls)
        )
