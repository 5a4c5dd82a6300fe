from django import forms


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Key name",
        initial="Default",
        widget=forms.TextInput(attrs={"placeholder": "e.g. Production server"}),
    )
