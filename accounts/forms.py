from django import forms

from photos import outbound

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
