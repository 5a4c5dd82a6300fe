from django import forms


class LowBalanceForm(forms.Form):
    threshold = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1_000_000,
        label="Email me when my balance falls below",
        widget=forms.NumberInput(attrs={"placeholder": "off", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter a whole number of credits, or leave it empty to turn the email off.",
            "min_value": "Enter at least 1 credit, or leave it empty to turn the email off.",
            "max_value": "Enter at most 1,000,000 credits.",
        },
    )
