"""Statistics pages, the quarterly bulletin and the annual report. Views call selectors and services only."""

from __future__ import annotations

import difflib

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sifa.core import documents, exports, metrics, template_sandbox
from sifa.core.cases import ConflictError
from sifa.core.inputs import query_int

from . import annual, bulletin, phrasing, selectors, services, stats
from .forms import (
    PeriodForm,
    QuarterForm,
    ReportCreateForm,
    ReportHeaderForm,
    SectionForm,
    TemplateUploadForm,
    default_unit,
)
from .models import SectionLevel
from .placeholders import PlaceholderError

# The command that installs LibreOffice, shown as code (a command, not text to translate).
INSTALL_HINT = format_html("<code>{}</code>", documents.INSTALL_HINT)

STATS_PERM = "core.view_statistics"


def _period(request):
    """The period and unit asked for; a field in error falls back to its default (shown with its error)."""
    form = PeriodForm(request.GET, user=request.user)
    form.is_valid()
    data = form.cleaned_data
    return form, data["start"], data["end"], data["unit"]


def _export(request, st: stats.LineStats, start, end, unit):
    which = request.GET.get("export")
    name = f"{st.metric_set.label}-{start:%Y%m%d}-{end:%Y%m%d}"
    if which == "figures":
        headers = [_("Key"), _("Figure"), _("Value"), _("Unit"), _("Definition")]
        rows = [[r.key, r.label, r.raw if not r.is_rate else (float(r.raw) if r.raw is not None else None),
                 r.unit_label, r.definition] for r in st.rows]
        rows += [[_("Equation"), e.equation.describe(), e.left, e.right, "✓" if e.holds else "✗"] for e in st.equations]
    elif which == "trend":
        headers = [_("Figure"), *st.months]
        rows = [[r.label, *[st.trend.get(r.key, {}).get(mo, 0) for mo in st.months]] for r in st.counts]
    elif which and which.startswith("breakdown-"):
        try:
            b = st.breakdowns[int(which.split("-", 1)[1])]
        except (ValueError, IndexError) as exc:
            raise Http404 from exc
        headers, rows = b["headers"], b["rows"]
        name += f"-{b['label']}"
    else:
        raise Http404
    return exports.export_response(rows=rows, headers=headers, filename=name, fmt="xlsx", user=request.user,
                                   action="reports.statistics.exported", summary=name)


@login_required
@permission_required(STATS_PERM, raise_exception=True)
def district_stats(request):
    form, start, end, unit = _period(request)
    if unit is None:
        raise PermissionDenied
    blocks = [stats.line_stats(s, start, end, unit, detail=False, user=request.user) for s in metrics.sets()]
    if request.GET.get("export"):
        line = request.GET.get("line")
        st = next((b for b in blocks if b.line == line), None)
        if st is None:
            raise Http404
        return _export(request, st, start, end, unit)
    charts = [spec for b in blocks for spec in stats.chart_specs(b)]
    return render(request, "reports/stats_district.html", {
        "form": form, "blocks": blocks, "charts": charts, "start": start, "end": end, "unit": unit,
        "query": request.GET.urlencode()})


@login_required
@permission_required(STATS_PERM, raise_exception=True)
def line_stats(request, line: str):
    try:
        metric_set = metrics.get_set(line)
    except KeyError as exc:
        raise Http404 from exc
    form, start, end, unit = _period(request)
    if unit is None:
        raise PermissionDenied
    st = stats.line_stats(metric_set, start, end, unit, user=request.user)
    if request.GET.get("export"):
        return _export(request, st, start, end, unit)
    trend_rows = [(r.label, [st.trend.get(r.key, {}).get(mo, 0) for mo in st.months]) for r in st.counts]
    return render(request, "reports/stats_line.html", {
        "form": form, "st": st, "charts": stats.chart_specs(st), "start": start, "end": end, "unit": unit,
        "trend_rows": trend_rows, "query": request.GET.urlencode()})


@login_required
@permission_required(STATS_PERM, raise_exception=True)
def index(request):
    reports = selectors.report_list(user=request.user)
    today = timezone.localdate()
    quarter_form = QuarterForm(initial={"year": today.year, "quarter": (today.month - 1) // 3 + 1, "fmt": "docx"})
    create_form = ReportCreateForm(user=request.user, initial={"year": today.year, "through": today})
    return render(request, "reports/index.html", {
        "reports": reports, "quarter_form": quarter_form, "create_form": create_form, "sets": metrics.sets(),
        "can_create": request.user.has_perm("reports.add_annualreport"),
        "can_templates": request.user.has_perm("reports.manage_templates"),
        "can_figures": request.user.has_perm("core.manage_figures"),
        "pdf_available": documents.pdf_available(), "install_hint": INSTALL_HINT})


def _send(request, spec: documents.OfficialDocument, *, fmt: str, filename: str, obj=None, action: str):
    content = documents.render_docx(spec)
    if fmt == "pdf":
        try:
            pdf = documents.render_pdf(content)
        except documents.PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
        return documents.pdf_response(pdf, filename=filename, user=request.user, obj=obj, action=action)
    return documents.docx_response(content, filename=filename, user=request.user, obj=obj, action=action)


@login_required
@permission_required(STATS_PERM, raise_exception=True)
def quarterly(request):
    form = QuarterForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Choose a year and a quarter."))
        return redirect("reports:index")
    year, quarter, fmt = form.cleaned_data["year"], form.cleaned_data["quarter"], form.cleaned_data["fmt"]
    unit = default_unit(request.user)
    with translation.override("zh-hans"):
        b = bulletin.build(year, quarter, unit)
        spec = bulletin.document(b, unit=unit)
    return _send(request, spec, fmt=fmt, filename=spec.title, action="reports.bulletin.downloaded")


@login_required
@require_POST
def annual_create(request):
    if not request.user.has_perm("reports.add_annualreport"):
        raise PermissionDenied
    form = ReportCreateForm(request.POST, user=request.user)
    if form.is_valid():
        d = form.cleaned_data
        try:
            report = services.report_create(year=d["year"], unit=d["unit"], through=d["through"],
                                            title=d["title"], signer=d["signer"], by=request.user)
        except ValidationError as exc:
            for msg in exc.messages:
                messages.error(request, msg)
        else:
            return redirect("reports:annual_detail", pk=report.pk)
    else:
        _form_errors_as_messages(request, form)
    return redirect("reports:index")


def _require_view(request):
    if not request.user.has_perm("reports.view_annualreport"):
        raise PermissionDenied


@login_required
def annual_detail(request, pk: int):
    _require_view(request)
    report = selectors.report_get(user=request.user, pk=pk)
    sections = list(report.sections.all())
    res = annual.figures(report)
    rendered, problems = [], annual.problems(report, res.values)
    bad = {p.where for p in problems}
    for section in sections:
        where = section.heading or str(section)
        if where in bad:
            rendered.append((section, None))
        else:
            rendered.append((section, annual.filled_text_section(section, res.values)))
    return render(request, "reports/annual_detail.html", {
        "report": report, "rendered": rendered, "problems": problems, "res": res,
        "can_edit": request.user.has_perm("reports.change_reportsection"),
        "can_number": request.user.has_perm("reports.change_annualreport") and not report.number,
        "pdf_available": documents.pdf_available(), "install_hint": INSTALL_HINT,
        "header_form": ReportHeaderForm(instance=report, user=request.user)
        if request.user.has_perm("reports.change_annualreport") else None})


@login_required
@require_POST
def annual_header(request, pk: int):
    if not request.user.has_perm("reports.change_annualreport"):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    # The form validates a copy: a ModelForm writes into its instance, and the service compares against the stored one.
    form = ReportHeaderForm(request.POST, instance=selectors.report_get(user=request.user, pk=pk), user=request.user)
    if form.is_valid():
        fields = {k: form.cleaned_data[k] for k in ReportHeaderForm.Meta.fields}
        try:
            services.report_update(report=report, by=request.user, expected_version=form.cleaned_data["version"],
                                   **fields)
            messages.success(request, _("The report's header was saved."))
        except (ConflictError, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        _form_errors_as_messages(request, form)
    return redirect("reports:annual_detail", pk=pk)


@login_required
@require_POST
def annual_number(request, pk: int):
    if not request.user.has_perm("reports.change_annualreport"):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        services.report_number(report=report, by=request.user, expected_version=query_int(request, "version", default=0))
        messages.success(request, _("The report is numbered %(number)s.") % {"number": report.number})
    except (ConflictError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    return redirect("reports:annual_detail", pk=pk)


@login_required
def annual_download(request, pk: int, fmt: str):
    _require_view(request)
    if fmt not in ("docx", "pdf"):
        raise Http404
    report = selectors.report_get(user=request.user, pk=pk)
    try:
        spec = annual.document(report)
    except PlaceholderError as exc:
        return HttpResponse(_("The report cannot be rendered:") + "\n" + str(exc), status=409,
                            content_type="text/plain; charset=utf-8")
    return _send(request, spec, fmt=fmt, filename=annual.filename(report), obj=report,
                 action="reports.annual.downloaded")


def _line_choices():
    return [(s.line, str(s.label)) for s in metrics.sets()]


def _section_context(request, report, form, section=None):
    res = annual.figures(report)
    figures = [(m.key, str(m.label), metrics.format_value(m, res.values.get(m.key)))
               for s in metrics.sets() for m in s.metrics]
    return {"report": report, "form": form, "section": section, "figures": figures,
            "offers": phrasing.offers(report.through)}


@login_required
def section_edit(request, pk: int, section_pk: int):
    if not request.user.has_perm("reports.change_reportsection"):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    section = selectors.section_get(user=request.user, report=report, pk=section_pk)
    if request.method == "POST":
        form = SectionForm(request.POST, instance=section, lines=_line_choices())
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.section_update(section=section, by=request.user,
                                        expected_version=d.get("version") or 0, heading=d["heading"],
                                        body=d["body"], level=d["level"], line=d["line"])
            except ConflictError as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                for field, errs in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                messages.success(request, _("Section saved (version %(v)s).") % {"v": section.version})
                return redirect(f"{_detail_url(report)}#section-{section.pk}")
    else:
        form = SectionForm(instance=section, lines=_line_choices())
    return render(request, "reports/section_form.html", _section_context(request, report, form, section))


@login_required
def section_add(request, pk: int):
    if not request.user.has_perm("reports.add_reportsection"):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    after = None
    if query_int(request, "after") is not None:
        after = selectors.section_get(user=request.user, report=report, pk=query_int(request, "after"))
    if request.method == "POST":
        form = SectionForm(request.POST, lines=_line_choices())
        if form.is_valid():
            d = form.cleaned_data
            section = services.section_add(report=report, by=request.user, after=after, level=d["level"],
                                           heading=d["heading"], body=d["body"], line=d["line"])
            return redirect(f"{_detail_url(report)}#section-{section.pk}")
    else:
        form = SectionForm(lines=_line_choices(), initial={"level": SectionLevel.SECTION})
    ctx = _section_context(request, report, form)
    ctx["after"] = after
    return render(request, "reports/section_form.html", ctx)


@login_required
@require_POST
def section_delete(request, pk: int, section_pk: int):
    if not request.user.has_perm("reports.delete_reportsection"):
        raise PermissionDenied
    report = selectors.report_get(user=request.user, pk=pk)
    section = selectors.section_get(user=request.user, report=report, pk=section_pk)
    try:
        services.section_delete(section=section, by=request.user,
                                expected_version=query_int(request, "version", default=0))
        messages.success(request, _("Section deleted; it stays in the history."))
    except ConflictError as exc:
        messages.error(request, str(exc))
    return redirect("reports:annual_detail", pk=pk)


@login_required
def section_history(request, pk: int, section_pk: int):
    _require_view(request)
    report = selectors.report_get(user=request.user, pk=pk)
    section = selectors.section_get(user=request.user, report=report, pk=section_pk)
    if request.method == "POST":
        if not request.user.has_perm("reports.change_reportsection"):
            raise PermissionDenied
        history_id = query_int(request, "history_id")
        if history_id is None or not section.history.filter(history_id=history_id).exists():
            raise Http404
        try:
            services.section_restore(section=section, by=request.user,
                                     expected_version=query_int(request, "version", default=0),
                                     history_id=history_id)
            messages.success(request, _("The earlier version was restored as version %(v)s.") % {"v": section.version})
        except ConflictError as exc:
            messages.error(request, str(exc))
        return redirect("reports:section_history", pk=pk, section_pk=section_pk)
    versions = list(section.history.select_related("history_user").order_by("-history_date", "-history_id")[:50])
    entries = []
    for i, v in enumerate(versions):
        older = versions[i + 1] if i + 1 < len(versions) else None
        diff = list(difflib.ndiff((older.body if older else "").splitlines(), v.body.splitlines()))
        entries.append({"v": v, "diff": [d for d in diff if d[:1] in "+-"], "current": i == 0})
    return render(request, "reports/section_history.html", {
        "report": report, "section": section, "entries": entries,
        "can_edit": request.user.has_perm("reports.change_reportsection")})


@login_required
def templates(request):
    if not request.user.has_perm("reports.manage_templates"):
        raise PermissionDenied
    if request.GET.get("download") in documents.KINDS:
        kind = request.GET["download"]
        return documents.docx_response(documents.default_template_bytes(kind), filename=f"sifa-{kind}",
                                       user=request.user, action="reports.template.downloaded")
    form = TemplateUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.template_upload(kind=d["kind"], content=d["file"].read(), unit=d["unit"], by=request.user)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, _("The template was stored; documents of this kind now use it."))
            return redirect("reports:templates")
    return render(request, "reports/templates.html", {"form": form, "kinds": documents.KINDS,
                                                     "number_field": "{{ number }}", "body_field": "{{ body }}",
                                                     "fields": "、".join(template_sandbox.FIELDS),
                                                     "filters": "、".join(template_sandbox.FILTERS)})


def _form_errors_as_messages(request, form) -> None:
    """For forms posted from another page: each error as a message naming its field."""
    for field, errs in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{' '.join(errs)}" if label else " ".join(errs))


def _detail_url(report):
    from django.urls import reverse

    return reverse("reports:annual_detail", args=[report.pk])


# --- derived figure definitions (core.figures) -------------------------------------------------------------

FIGURES_PERM = "core.manage_figures"


def _figure_entry(d: dict) -> dict:
    entry = {k: d.get(k) for k in ("key", "label", "label_en", "definition", "formula", "kind", "decimals",
                                   "unit_label", "valid_from")}
    return {k: v for k, v in entry.items() if v not in (None, "")}


@login_required
@permission_required(FIGURES_PERM, raise_exception=True)
def figures(request):
    """The district's derived figure definitions, and a new one."""
    from sifa.core.models import FigureDefinition

    from .forms import FigureDefinitionForm

    form = FigureDefinitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        from sifa.core import figures as core_figures

        try:
            row = core_figures.save(_figure_entry(form.cleaned_data), by=request.user)
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, f"指标定义“{row.label}”已保存。")
            return redirect("reports:figures")
    rows = FigureDefinition.objects.order_by("key", "valid_from")
    return render(request, "reports/figures.html", {"rows": rows, "form": form, "keys": metrics.all_keys()})


@login_required
@permission_required(FIGURES_PERM, raise_exception=True)
def figure_edit(request, pk: int):
    from django.shortcuts import get_object_or_404

    from sifa.core import figures as core_figures
    from sifa.core.models import FigureDefinition

    from .forms import FigureDefinitionForm

    row = get_object_or_404(FigureDefinition, pk=pk)
    initial = {f: getattr(row, f) for f in core_figures.FIELDS} | {"version": row.version}
    if row.valid_from == core_figures.EARLIEST:
        initial["valid_from"] = None
    form = FigureDefinitionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("delete"):
                core_figures.delete(row, by=request.user, expected_version=form.cleaned_data.get("version"))
                messages.success(request, f"指标定义“{row.label}”已删除。")
                return redirect("reports:figures")
            core_figures.save(_figure_entry(form.cleaned_data), by=request.user, instance=row,
                              expected_version=form.cleaned_data.get("version"))
        except ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            for field, errs in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errs)
        else:
            messages.success(request, f"指标定义“{row.label}”已保存（第 {row.version} 版）。")
            return redirect("reports:figures")
    return render(request, "reports/figure_form.html", {"row": row, "form": form, "keys": metrics.all_keys()})


@login_required
@permission_required(FIGURES_PERM, raise_exception=True)
def figure_check(request):
    """The formula being typed, checked: {"ok": true, "text": "…"} or {"ok": false, "message": "…"}."""
    from django.http import JsonResponse

    from sifa.core import figures as core_figures
    from sifa.core import formula

    entry = {"key": request.GET.get("key", ""), "label": "-", "formula": request.GET.get("formula", "")}
    errors = core_figures.check(entry)
    message = errors.get("formula") or (errors.get("key") if entry["key"] else "")
    if message:
        return JsonResponse({"ok": False, "message": message})
    tree = formula.parse(entry["formula"])
    return JsonResponse({"ok": True, "text": formula.text(tree, lambda k: str(metrics.metric(k).label))})
