from . import navigation as nav
from .models.scoping import reads_case_contents


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": nav.items_for(user), "can_search": reads_case_contents(user)}
