"""The security administrator's page of the API's machine clients: the list, issuing a token (shown once, on the
answer to the POST, never again) and revoking one. Thin: `core.api_clients` writes and audits."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import api_clients
from .forms import date_field
from .models import ApiClient, User


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


class IssueForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Client"), max_length=100,
                           help_text=gettext_lazy("The system that uses the token, e.g. 区法院案件系统."))
    user = forms.ModelChoiceField(label=gettext_lazy("Acts as"), queryset=User.objects.none(),
                                  help_text=gettext_lazy("The service account whose roles and units decide what the "
                                                         "client may see and do."))
    expires_on = date_field(gettext_lazy("Last day of validity"), required=False)
    allowed_ips = forms.CharField(label=gettext_lazy("Allowed client addresses"), max_length=500, required=False,
                                  help_text=gettext_lazy("Addresses or networks, separated by spaces or commas; "
                                                         "empty: any address."))

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = api_clients.service_accounts().exclude(pk=by.pk).order_by("username")
        self.fields["user"].label_from_instance = lambda u: f"{u.username}（{u}）" if str(u) != u.username else u.username


@login_required
@never_cache
def api_client_list(request):
    _require(request, api_clients.VIEW)
    rows = ApiClient.objects.select_related("user", "created_by", "revoked_by").order_by("revoked_at", "name")
    return render(request, "core/api_clients.html", {"clients": rows, "may_issue": api_clients.may_issue(request.user)})


@login_required
@never_cache
def api_client_issue(request):
    _require(request, api_clients.ISSUE)
    form = IssueForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client, token = api_clients.issue(by=request.user, name=data["name"], user=data["user"],
                                              expires_on=data["expires_on"], allowed_ips=data["allowed_ips"])
        except ValidationError as exc:
            for name, errors in exc.error_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                form.add_error(name if name in form.fields else None, errors)
        else:
            # The token is in this answer only (no-store): it is not stored and cannot be shown again.
            return render(request, "core/api_client_issued.html", {"client": client, "token": token})
    return render(request, "core/api_client_issue.html", {"form": form})


@login_required
@require_POST
def api_client_revoke(request, pk: int):
    _require(request, api_clients.REVOKE)
    client = get_object_or_404(ApiClient, pk=pk)
    try:
        api_clients.revoke(by=request.user, client=client)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The token of %(client)s is revoked.") % {"client": client.name})
    return redirect("api_clients")
