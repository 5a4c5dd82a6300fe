from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils.html import format_html, format_html_join

from . import ledger, webhooks
from .models import CreditAccount, CreditPack, LedgerEntry, PolarOrder, WebhookEvent


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
    # The account's owner, not the account itself: its __str__ is the *current* balance,
    # which next to each row's "balance after" reads as if the row had left it there.
    list_display = ("created_at", "owner", "kind", "amount", "balance_after", "reason", "job", "created_by")
    list_filter = ("kind",)
    search_fields = ("account__user__email", "reason", "reference")
    list_select_related = ("account__user", "created_by")

    @admin.display(description="Account", ordering="account__user__email")
    def owner(self, obj):
        return obj.account.user

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


@admin.register(CreditPack)
class CreditPackAdmin(admin.ModelAdmin):
    list_display = ("name", "credits", "price", "polar_product_id", "active", "order_count")
    list_filter = ("active",)
    search_fields = ("name", "polar_product_id")

    @admin.display(description="Orders")
    def order_count(self, obj):
        return obj.orders.count()


class NeedsAttention(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return (("yes", "Yes (unresolved or failed)"), ("no", "No"))

    def queryset(self, request, queryset):
        attention = (WebhookEvent.Outcome.UNRESOLVED, WebhookEvent.Outcome.FAILED)
        if self.value() == "yes":
            return queryset.filter(outcome__in=attention)
        if self.value() == "no":
            return queryset.exclude(outcome__in=attention)
        return queryset


def _readonly(admin_class):
    """Records written by Polar's deliveries only: viewable, never edited by hand."""
    admin_class.has_add_permission = lambda self, request: False
    admin_class.has_change_permission = lambda self, request, obj=None: False
    admin_class.has_delete_permission = lambda self, request, obj=None: False
    return admin_class


@admin.register(WebhookEvent)
@_readonly
class WebhookEventAdmin(admin.ModelAdmin):
    list_display = ("received_at", "event_type", "outcome", "polar_order_id", "deliveries", "detail")
    list_filter = (NeedsAttention, "outcome", "event_type")
    search_fields = ("webhook_id", "polar_order_id", "detail")
    readonly_fields = [f.name for f in WebhookEvent._meta.fields]
    actions = ["process_again"]

    @admin.action(description="Process again (after fixing the pack or the account)", permissions=["process"])
    def process_again(self, request, queryset):
        for event in queryset:
            try:
                event = webhooks.process_again(event)
            except webhooks.Refused as e:
                # Only bytes whose signature still checks out are acted on.
                self.message_user(
                    request,
                    f"Webhook {event.webhook_id}: not processed — the signature of its stored delivery does not "
                    f"verify ({e.detail}). Nothing was changed; ask Polar to resend it instead.",
                    messages.ERROR,
                )
                continue
            level = messages.ERROR if event.needs_attention else messages.SUCCESS
            self.message_user(
                request, f"Webhook {event.webhook_id}: {event.get_outcome_display()} — {event.detail}", level
            )

    def has_process_permission(self, request):
        return request.user.has_perm("billing.change_webhookevent")


@admin.register(PolarOrder)
@_readonly
class PolarOrderAdmin(admin.ModelAdmin):
    list_display = ("created_at", "polar_order_id", "user", "pack", "status", "total_amount", "refunded_amount",
                    "credits", "credits_taken_back")
    list_filter = ("status", "pack")
    search_fields = ("polar_order_id", "customer_email", "user__email", "checkout_id")
    list_select_related = ("user", "pack")
    readonly_fields = [f.name for f in PolarOrder._meta.fields] + ["ledger"]

    @admin.display(description="Ledger entries")
    def ledger(self, obj):
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (f"{e.created_at:%Y-%m-%d %H:%M}", e.get_kind_display(), f"{e.amount:+d}", e.reference, e.reason)
                for e in obj.ledger_entries()
            ),
        )
        return format_html("<table>{}</table>", rows) if rows else "—"
