import logging
from urllib.parse import urlencode

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from productivity.accounts import reset_limits, services
from productivity.accounts.api_auth import require_programme_team
from productivity.accounts.demo import demo_accounts
from productivity.accounts.forms import (
    ChangePasswordForm,
    NewPasswordForm,
    PasswordResetRequestForm,
    SignInForm,
    TokenForm,
)
from productivity.accounts.tasks import link_hours

log = logging.getLogger(__name__)


def _landing() -> str:
    """Where people go after signing in when they were not on their way somewhere: their own work."""
    return reverse(settings.LOGIN_REDIRECT_URL)


def sign_in(request):
    form = SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.user, backend="django.contrib.auth.backends.ModelBackend")
        target = request.POST.get("next") or request.GET.get("next") or _landing()
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = _landing()
        if form.user.must_change_password:
            # A temporary password was passed on by someone else: replace it before anything else.
            messages.info(request, "You signed in with a temporary password. Choose your own password to carry on.")
            return redirect(f"{reverse('accounts:password')}?{urlencode({'next': target})}")
        return redirect(target)
    return render(request, "accounts/sign_in.html", {
        "title": "Sign in", "form": form, "form_has_errors": bool(form.errors),
        "demo_accounts": demo_accounts(), "next": request.GET.get("next", ""),
    })


def locked_out(request, credentials=None, *args, **kwargs):
    return render(request, "core/error.html", {
        "title": "Too many attempts to sign in",
        "detail": "You entered the wrong email address or password too many times. Wait 15 minutes and try again, "
                  "reset your password by email, or ask an organisation admin to unlock your account.",
    }, status=429)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("home")


def sign_out_page(request):
    if not request.user.is_authenticated:
        return redirect("home")
    return render(request, "accounts/sign_out.html", {"title": "Sign out"})


@login_required
def profile(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        new_token = services.issue_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return render(request, "accounts/profile.html", {
        "title": "Your account", "form": form, "new_token": new_token, "form_has_errors": bool(form.errors),
        "memberships": request.user.memberships.select_related("organisation"),
        "tokens": request.user.api_tokens.filter(revoked_at__isnull=True),
        "token_lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
    })


@login_required
@require_POST
def revoke_token(request, token_id: int):
    if services.revoke_token(request.user, token_id):
        messages.success(request, "Token revoked. Programs using it can no longer reach the API.")
    return redirect("accounts:profile")


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request):
    form = ChangePasswordForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = services.change_password(request.user, form.cleaned_data["new_password1"])
        # A new password signs out every other session; this one stays signed in.
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed")
        target = request.POST.get("next") or ""
        if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            return redirect(target)
        return redirect("accounts:profile")
    return render(request, "accounts/password.html", {
        "title": "Change your password", "form": form, "form_has_errors": bool(form.errors),
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "breadcrumbs": [{"text": "Home", "href": "/"}, {"text": "Your account", "href": reverse("accounts:profile")}],
    })


# Forgotten passwords: Django's reset-by-email flow, in the platform's words. The worker sends the email
# (accounts.tasks), with a link on settings.SITE_URL, never the request's Host header.

class _PasswordReset(auth_views.PasswordResetView):
    form_class = PasswordResetRequestForm
    template_name = "accounts/password_reset.html"
    success_url = reverse_lazy("accounts:password-reset-sent")
    extra_context = {"title": "Reset your password"}

    def form_valid(self, form):
        refused = reset_limits.refusal(self.request, form.cleaned_data["email"])
        if refused:
            form.add_error("email", refused)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        return {**context, "form_has_errors": bool(context["form"].errors)}


class _PasswordResetSent(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": "Check your email", "link_hours": link_hours()}


password_reset = _PasswordReset.as_view()
password_reset_sent = _PasswordResetSent.as_view()
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    form_class=NewPasswordForm,
    template_name="accounts/password_reset_confirm.html",
    success_url=reverse_lazy("accounts:password-reset-complete"),
    extra_context={"title": "Choose a new password"},
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="accounts/password_reset_complete.html", extra_context={"title": "Your password has been changed"})


# Sign-in lock-outs, for the programme team: every locked username and address, each unlockable. -----------------

@login_required
def lockouts(request):
    require_programme_team(request.user, "see every sign-in lock-out")
    return render(request, "accounts/lockouts.html", {
        "title": "Sign-in lock-outs", "attempts": services.locked_out_attempts()[:200],
        "unlocks": services.recent_unlocks(),
        "limit": services.lockout_threshold(),
        "breadcrumbs": [{"text": "Home", "href": "/"}],
    })


@login_required
@require_POST
def lockout_unlock(request, pk: int):
    require_programme_team(request.user, "unlock sign-ins")
    attempt = get_object_or_404(AccessAttempt, pk=pk)
    services.unlock_for(attempt.username, attempt.ip_address)
    log.info("%s unlocked sign-in for %s from %s", request.user, attempt.username, attempt.ip_address)
    messages.success(request, f"{attempt.username} can sign in from {attempt.ip_address} again")
    return redirect("accounts:lockouts")
