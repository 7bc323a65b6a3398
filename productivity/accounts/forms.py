from django import forms
from django.contrib.auth import authenticate

from productivity.core.forms import GovukForm


class SignInForm(GovukForm):
    username = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label="Password", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com")

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.user = authenticate(self.request, username=cleaned["username"].lower(), password=cleaned["password"])
        if self.user is None:
            raise forms.ValidationError("Enter a correct email address and password")
        return cleaned


class TokenForm(GovukForm):
    name = forms.CharField(label="Token name", max_length=100,
                           help_text="So you can tell your tokens apart, for example 'Finance spreadsheet'")
