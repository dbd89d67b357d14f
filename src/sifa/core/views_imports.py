"""The import pages, one set for every registered importer: upload a file, download the template, follow the job
(an htmx fragment polls it until it ends), download the error report."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import imports
from .exports import export_response
from .models import ImportJob


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (.xlsx or .csv)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if Path(f.name).suffix.lower() not in imports.EXTENSIONS:
            raise forms.ValidationError(_("Only .xlsx and .csv files can be imported."))
        if f.size > imports.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)s MB; split it into several files.") % {
                "mb": imports.MAX_BYTES // (1024 * 1024)})
        if not f.size:
            raise forms.ValidationError(_("The file is empty."))
        return f


def _importer(request, kind: str) -> imports.Importer:
    try:
        imp = imports.importer(kind)
    except LookupError:
        raise Http404 from None
    if not request.user.has_perm(imp.permission):
        raise PermissionDenied
    return imp


@login_required
def import_new(request, kind: str):
    imp = _importer(request, kind)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = imports.job_create(kind=imp.kind, file=form.cleaned_data["file"], by=request.user)
        imports.job_enqueue(job)
        return redirect(job)
    recent = imports.jobs_visible_to(request.user).filter(kind=imp.kind, user=request.user)[:10]
    return render(request, "core/import_new.html", {"importer": imp, "form": form, "recent": recent},
                  status=400 if form.errors else 200)


@login_required
def import_template(request, kind: str):
    imp = _importer(request, kind)
    resp = HttpResponse(imports.template_workbook(imp),
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    from urllib.parse import quote

    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(_('%(what)s template') % {'what': imp.label})}.xlsx"
    return resp


def _job(request, pk: int) -> ImportJob:
    job = imports.jobs_visible_to(request.user).filter(pk=pk).select_related("user", "unit").first()
    if job is None:
        raise Http404
    return job


@login_required
def import_job(request, pk: int):
    job = _job(request, pk)
    try:
        imp = imports.importer(job.kind)
    except LookupError:
        raise Http404 from None
    context = {"job": job, "importer": imp, "stage": imports.STAGES.get(job.stage, job.stage),
               "errors": job.errors[:500]}
    if request.htmx:
        return render(request, "core/_import_status.html", context)
    return render(request, "core/import_job.html", context)


@login_required
def import_errors(request, pk: int):
    job = _job(request, pk)
    return export_response(rows=imports.error_rows(job), headers=[_("Row"), _("Column"), _("Problem")],
                           filename=_("Import errors %(file)s") % {"file": Path(job.filename).stem}, fmt="xlsx",
                           user=request.user, action="core.import.errors_downloaded", summary=job.filename)
