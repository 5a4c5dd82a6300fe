from django import forms

from photos import outbound
from photos.models import Job

from .models import ApiKey, parse_networks


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Key name",
        initial="Default",
        widget=forms.TextInput(attrs={"placeholder": "e.g. Production server"}),
    )
    test_mode = forms.BooleanField(
        required=False,
        label="Test key (free, watermarked results, magic error prompts)",
    )


class KeySettingsForm(forms.ModelForm):
    webhook_url = forms.URLField(
        required=False, max_length=500, assume_scheme="https", label="Default completion webhook URL"
    )

    class Meta:
        model = ApiKey
        fields = ("monthly_credit_cap", "expires_at", "allowed_ips", "webhook_url")
        labels = {
            "monthly_credit_cap": "Monthly credit cap",
            "expires_at": "Expires at (UTC)",
            "allowed_ips": "Allowed IP ranges",
            "webhook_url": "Default completion webhook URL",
        }
        widgets = {
            "expires_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "allowed_ips": forms.Textarea(attrs={"rows": 2, "placeholder": "203.0.113.0/24, 2001:db8::/32"}),
        }

    def clean_allowed_ips(self):
        text = self.cleaned_data["allowed_ips"]
        networks = parse_networks(text)  # raises ValidationError with the bad entry
        return ", ".join(str(network) for network in networks)

    def clean_webhook_url(self):
        """The same guard as a request's `webhook_url`: a default that can never be
        called would otherwise make every request on this key fail with a 400."""
        url = self.cleaned_data["webhook_url"]
        if url:
            try:
                outbound.check_url(url)
            except outbound.UnsafeURL as exc:
                raise forms.ValidationError(f"Painty can't call this URL: it {exc}.") from None
        return url


class JobFilterForm(forms.Form):
    """The dashboard's jobs table: one key (revoked ones too: their jobs stay) and/or one status."""

    key = forms.ModelChoiceField(
        queryset=ApiKey.objects.none(),
        required=False,
        empty_label="All keys",
        error_messages={"invalid_choice": "That key is not one of yours; showing jobs of all keys."},
    )
    status = forms.ChoiceField(
        choices=[("", "All statuses"), *Job.Status.choices],
        required=False,
        error_messages={"invalid_choice": "Unknown status %(value)s; showing every status."},
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].queryset = ApiKey.objects.filter(user=user)
        self.fields["key"].label_from_instance = lambda key: f"{key.name} ({key.masked})" + (
            "" if key.is_active else " — revoked"
        )

    def filter(self, jobs):
        """`jobs` narrowed by the fields that are valid; a bad field is ignored (its error is shown)."""
        if not self.is_bound:
            return jobs
        self.is_valid()
        key = self.cleaned_data.get("key")
        status = self.cleaned_data.get("status")
        if key:
            jobs = jobs.filter(api_key=key)
        if status:
            jobs = jobs.filter(status=status)
        return jobs
