from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm

from productivity.accounts import services
from productivity.accounts.models import Role
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


ROLE_HELP = ("Viewers see the organisation's unpublished records. Editors also create and change them. "
             "Organisation admins also add and remove people and change their roles")


class PersonForm(GovukForm):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off"}),
                             help_text="If they already have an account, they keep their own password")
    full_name = forms.CharField(label="Full name", max_length=150)
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect, help_text=ROLE_HELP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com")


class RoleForm(GovukForm):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect, help_text=ROLE_HELP)


class ConfirmForm(GovukForm):
    """No fields: a refused action is shown as the form's error."""


class ChangePasswordForm(GovukForm, PasswordChangeForm):
    """Django's password change, in the words of the GOV.UK design system."""

    error_messages = {
        "password_incorrect": "Your current password is not right. Enter it again",
        "password_mismatch": "The new passwords do not match. Enter the same new password twice",
    }

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        _label_new_password_fields(self)


NEW_PASSWORD_HELP = "At least 10 characters. Do not use a common password or one like your email address"


def _label_new_password_fields(form) -> None:
    form.fields["new_password1"].label = "New password"
    form.fields["new_password1"].help_text = NEW_PASSWORD_HELP
    form.fields["new_password2"].label = "Confirm new password"
    form.fields["new_password2"].help_text = ""
    form.fields["new_password1"].error_messages["required"] = "Enter a new password"
    form.fields["new_password2"].error_messages["required"] = "Enter your new password again"


class PasswordResetRequestForm(GovukForm, PasswordResetForm):
    """Ask for a link to choose a new password, sent to the account's email address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].help_text = "The address you sign in with"
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["email"].error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com")

    def save(self, **kwargs) -> None:
        """Ask the background worker to email each account with this address a link; the page that follows is
        the same whether there is one or not."""
        from productivity.accounts.tasks import send_password_reset

        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset.enqueue(user.pk)


class NewPasswordForm(GovukForm, SetPasswordForm):
    """Choose a new password from a reset link: it replaces a temporary one and lifts a sign-in lock-out."""

    error_messages = {"password_mismatch": "The new passwords do not match. Enter the same new password twice"}

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        _label_new_password_fields(self)

    def save(self, commit=True):
        return services.reset_password(self.user, self.cleaned_data["new_password1"])
