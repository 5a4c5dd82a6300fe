from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from . import erasure
from .models import ApiKey, is_erased


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ("name", "masked", "user", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    search_fields = ("name", "user__email", "last4")
    # Only the digest and last four characters exist; the raw key is never stored.
    readonly_fields = ("user", "prefix", "last4", "created_at", "last_used_at", "revoked_at")
    exclude = ("key_hash", "derivation_salt")
    actions = ["revoke"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request):
        return False  # keys are issued from the dashboard or `manage.py create_api_key`

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset):
        for key in queryset:
            key.revoke()


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PaintyUserAdmin(UserAdmin):
    """Django's user admin, plus what a user can do from the dashboard's "Your data"."""

    actions = ["export_data", "erase_accounts"]

    @admin.action(description="Export data (JSON)", permissions=["view"])
    def export_data(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Select exactly one user to export.", messages.ERROR)
            return None
        user = queryset.get()
        response = JsonResponse(erasure.export(user, request), json_dumps_params={"indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="painty-data-user-{user.pk}-{timezone.now():%Y-%m-%d}.json"'
        )
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Delete account (erase)", permissions=["erase"])
    def erase_accounts(self, request, queryset):
        """Erase the selected accounts after a confirmation page, like "delete selected"."""
        refused = [u for u in queryset if u.pk == request.user.pk or u.is_staff or u.is_superuser]
        if refused:
            names = ", ".join(str(u) for u in refused)
            self.message_user(
                request,
                f"Not erased: {names}. Staff accounts (and your own) can't be erased here; remove their staff "
                "status first.",
                messages.ERROR,
            )
            return None
        if request.POST.get("post") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": "Erase accounts?",
                "opts": self.model._meta,
                "queryset": queryset,
                "already_erased": [u for u in queryset if is_erased(u)],
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/accounts/erase_confirmation.html", context)
        for user in queryset:
            label = str(user)
            try:
                erasure.erase(user, by=request.user)
            except erasure.StoreRefused as exc:
                self.message_user(
                    request,
                    f"{label}: the file store refused to delete a file ({exc}); the keys are revoked but nothing "
                    "else changed. Run the action again.",
                    messages.ERROR,
                )
                continue
            self.log_change(request, user, "Erased the account (personal data removed).")
            self.message_user(request, f"{label}: account erased (now {user}).", messages.SUCCESS)
        return None

    def has_erase_permission(self, request):
        return request.user.has_perm(f"{User._meta.app_label}.delete_{User._meta.model_name}")
