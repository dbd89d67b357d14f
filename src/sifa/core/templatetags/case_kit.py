"""Template tags of the line kit, for a line's case page:

    {% load case_kit %}{% case_appointments case %}   the case's appointments, with their actions
    {% correction_url case %}                          the page that corrects its registration (更正)
"""

from django import template
from django.urls import reverse

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
