from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sifa.core import documents
from sifa.core.forms import ModelChoiceField
from sifa.core.models import Unit
from sifa.core.models.scoping import user_unit_paths

from .models import AnnualReport, ReportSection, SectionLevel
from .placeholders import check


def visible_units(user):
    return Unit.objects.visible_to(user).order_by("path")


def default_unit(user):
    """The top of the user's first unit subtree: what the statistics count by default."""
    paths = user_unit_paths(user)
    if not paths:
        return None
    return Unit.objects.filter(path=paths[0]).first()


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    unit = ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none(), to_field_name="code", required=False)

    def __init__(self, data=None, *, user, **kwargs):
        if data is not None:  # ?from=&to= in the URL, as the lines' list views take them
            data = data.copy()
            for src, dst in (("from", "start"), ("to", "end")):
                if src in data and dst not in data:
                    data[dst] = data[src]
            today = timezone.localdate()
            unit = default_unit(user)
            for name, value in (("start", date(today.year, 1, 1)), ("end", today), ("unit", unit and unit.code)):
                if not data.get(name) and value:
                    data[name] = value
        super().__init__(data, **kwargs)
        self.user = user
        self.fields["unit"].queryset = visible_units(user)
        self.fields["unit"].label_from_instance = lambda u: ("　" * max(u.depth - 1, 0)) + u.name

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        data["start"] = data.get("start") or date(today.year, 1, 1)
        data["end"] = data.get("end") or today
        if data["start"] > data["end"]:
            self.add_error("end", _("The end of the period is before its start."))
            data["end"] = data["start"]
        data["unit"] = data.get("unit") or default_unit(self.user)
        return data


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(label=_("Quarter"), coerce=int,
                                     choices=[(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))])
    fmt = forms.ChoiceField(label=_("Format"), choices=[("docx", "Word (.docx)"), ("pdf", "PDF")], initial="docx")


class ReportCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    unit = ModelChoiceField(label=_("Issuing unit"), queryset=Unit.objects.none())
    through = forms.DateField(label=_("Figures through"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    title = forms.CharField(label=_("Title"), required=False, max_length=200,
                            help_text=_("Leave empty for the usual title. Use | to break it into lines."))
    signer = forms.CharField(label=_("Signing officer"), required=False, max_length=30)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user)


class ReportHeaderForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = AnnualReport
        fields = ["title", "issuer_mark", "signer", "addressee", "through", "scope", "signature", "dated"]
        field_classes = {"scope": ModelChoiceField}
        widgets = {"through": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "dated": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = visible_units(user)
        self.fields["version"].initial = self.instance.version


class SectionForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReportSection
        fields = ["level", "heading", "body", "line"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18, "class": "report-body"})}

    def __init__(self, *args, lines: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"] = forms.ChoiceField(label=_("Statistics of"), required=False,
                                                choices=[("", "—"), *lines])
        self.fields["level"].choices = SectionLevel.choices
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def _clean_text(self, name):
        text = self.cleaned_data.get(name) or ""
        problems = check(text)
        if problems:
            raise forms.ValidationError([str(p) for p in problems])
        return text

    def clean_heading(self):
        return self._clean_text("heading")

    def clean_body(self):
        return self._clean_text("body")


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document kind"), choices=[(k, k) for k in documents.KINDS])
    unit = ModelChoiceField(label=_("For unit"), queryset=Unit.objects.none(), required=False,
                                  help_text=_("Empty: for every unit of this installation."))
    file = forms.FileField(label=_("Template (.docx)"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = visible_units(user)

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("A template is a Word .docx file."))
        return f


class FigureDefinitionForm(forms.Form):
    """A derived figure's definition (core.figures), edited by a statistics administrator. The formula is
    checked as it is typed (reports:figure_check) and again on saving, by core.figures."""

    from sifa.core.forms import VersionedFormMixin as _V  # noqa: N814

    version = _V.base_fields["version"]
    key = forms.CharField(label="指标键", max_length=80, help_text="写作 条线.指标，如 reconsideration.comprehensive_rate")
    label = forms.CharField(label="中文名称", max_length=100)
    label_en = forms.CharField(label="英文名称", max_length=100, required=False)
    definition = forms.CharField(label="定义说明", max_length=500, required=False,
                                 help_text="统计页、报告和接口中显示的口径说明")
    formula = forms.CharField(label="公式", widget=forms.Textarea(attrs={"rows": 3, "class": "formula-input"}),
                              help_text="已登记指标的键，+ − × ÷（或 - * /）、括号和常数；比率写 × 100")
    kind = forms.ChoiceField(label="类型", choices=[("count", "计数"), ("amount", "金额"), ("rate", "比率（%）")])
    decimals = forms.IntegerField(label="小数位数", min_value=0, max_value=6, initial=1,
                                  help_text="四舍五入（逢五进一）")
    unit_label = forms.CharField(label="计量单位", max_length=10, required=False, help_text="空：件、元或 %")
    valid_from = forms.DateField(label="施行日期", required=False,
                                 help_text="自此日起的统计期使用本定义；空：一直适用")
