from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model

from . import ledger
from .models import CreditAccount, LedgerEntry


@admin.register(CreditAccount)
class CreditAccountAdmin(admin.ModelAdmin):
    list_display = ("user", "balance", "updated_at")
    search_fields = ("user__email",)
    readonly_fields = ("user", "balance", "updated_at")

    def has_add_permission(self, request):
        return False


class AdjustmentForm(forms.ModelForm):
    """Grant or take credits: the only way an admin changes a balance."""

    user = forms.ModelChoiceField(queryset=get_user_model().objects.order_by("email"))

    class Meta:
        model = LedgerEntry
        fields = ("user", "amount", "reason")

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError("Use a positive number to grant credits or a negative one to take them.")
        return amount

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError("Say why: the reason is kept in the ledger.")
        return reason


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "account", "kind", "amount", "balance_after", "reason", "job", "created_by")
    list_filter = ("kind",)
    search_fields = ("account__user__email", "reason", "reference")
    list_select_related = ("account__user", "created_by")

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = AdjustmentForm
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        return [f.name for f in LedgerEntry._meta.fields]

    def save_model(self, request, obj, form, change):
        # Append-only: the entry is booked through the ledger, never saved directly.
        entry = ledger.grant(
            form.cleaned_data["user"],
            form.cleaned_data["amount"],
            LedgerEntry.Kind.ADMIN,
            reason=form.cleaned_data["reason"],
            created_by=request.user,
        )
        # The admin logs and links the object it saved: make it the booked entry.
        for field in LedgerEntry._meta.concrete_fields:
            setattr(obj, field.attname, getattr(entry, field.attname))

    def has_change_permission(self, request, obj=None):
        return obj is None

    def has_delete_permission(self, request, obj=None):
        return False
