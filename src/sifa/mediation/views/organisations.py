"""The line's organisations: committees, centres and the agencies stationed there, the mediators."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from .. import selectors


@login_required
@permission_required("mediation.view_mediator", raise_exception=True)
def organisations(request):
    return render(request, "mediation/organisations.html", {
        "committees": selectors.committees(user=request.user), "centres": selectors.centres(user=request.user),
        "agencies": selectors.centre_agencies(user=request.user),
        "mediators": selectors.mediator_directory(user=request.user)[:500]})
