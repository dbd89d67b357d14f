"""Template tags of the line kit, for a line's case page:

    {% load case_kit %}{% case_appointments case %}   the case's appointments, with their actions
    {% correction_url case %}                          the page that corrects its registration (更正)

and for a list's column headers:

    {% sort_header _("Received on") "received" "-received" %}   a link that sorts the list by the column
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from .. import appointments

register = template.Library()


@register.inclusion_tag("core/_appointments.html", takes_context=True)
def case_appointments(context, case):
    opts = case._meta
    user = context.get("user")
    can_change = bool(user and user.has_perm(f"{opts.app_label}.change_{opts.model_name}"))
    return {"case": case, "appointments": appointments.for_case(case), "can_change": can_change,
            "case_type": (opts.app_label, opts.model_name), "form": None}


@register.simple_tag
def correction_url(case) -> str:
    return reverse("core:case_correct", args=[case._meta.app_label, case._meta.model_name, case.pk])


@register.simple_tag(takes_context=True)
def sort_header(context, label, asc: str, desc: str, first: str = "desc"):
    """A column header that sorts the list: the list's sort keys for the column ascending and descending (the
    same key twice for a column sorted one way only). A click on the sorted column turns the order round; the
    filters stay, the paging starts again. The view names the current key `sort` in the context."""
    request, current = context["request"], context.get("sort")
    if current == desc:
        target, mark, state = asc, "▼", _("sorted descending")
    elif current == asc:
        target, mark, state = desc, "▲", _("sorted ascending")
    else:
        target, mark, state = (desc if first == "desc" else asc), "", ""
    params = request.GET.copy()
    params.pop("after", None)
    params["sort"] = target
    if mark:
        return format_html('<a class="sort sorted" href="?{}" title="{}">{} <span aria-hidden="true">{}</span></a>',
                           params.urlencode(), state, label, mark)
    return format_html('<a class="sort" href="?{}" title="{}">{}</a>', params.urlencode(), _("Sort by this column"),
                       label)
