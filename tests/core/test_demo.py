"""`sifa demo`: the district's units and users, loaded twice without any change."""

from io import StringIO

from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from sifa.core.models import AuditEvent, HolidayOverride, Membership, Role, Unit, User
from sifa.demo import district as demo_district


def _snapshot():
    return {
        "units": list(Unit.objects.order_by("code").values_list("code", "name", "short_name", "kind", "path", "sort")),
        "users": list(User.objects.order_by("username").values_list("username", "password", "is_staff")),
        "memberships": sorted(Membership.objects.values_list("user__username", "unit__code", "role__code")),
        "roles": sorted(Role.objects.values_list("code", "name", "permissions__codename")),
        "audit": AuditEvent.objects.count(),
        "holidays": list(HolidayOverride.objects.order_by("date").values_list("date", "is_workday", "name")),
    }


def test_demo_command_twice_changes_nothing(db):
    out = StringIO()
    call_command("demo", only=["district"], stdout=out)  # the district alone: the lines have their own tests
    first = _snapshot()
    call_command("demo", only=["district"], stdout=StringIO())
    assert _snapshot() == first
    assert "Putuo@2022demo" in out.getvalue()


def test_demo_keeps_a_password_a_demo_user_changed(db):
    demo_district.load()
    user = User.objects.get(username="handler")
    user.set_password("Changed#2026x")
    user.save()
    demo_district.load()
    user.refresh_from_db()
    assert user.check_password("Changed#2026x")


def test_demo_district_has_an_office_for_every_street_and_town(units):
    offices = Unit.objects.filter(kind="justice_office")
    assert offices.count() == 10
    for office in offices:
        assert office.parent.code == "PT-SFJ"
        kinds = set(office.children.values_list("kind", flat=True))
        assert kinds == {"mediation_committee", "dispute_centre"}, office.name
    for code in ("PT-WLJ", "PT-SCJG", "PT-FGJ", "PT-GAFJ", "PT-RSJ", "PT-WJW", "PT-FL", "PT-MZJ", "PT-XFB",
                 "PT-JYJ", "PT-FY", "PT-JCY", "SH-TLFY"):
        assert code in units


def test_every_demo_user_logs_in_with_the_published_password(district):
    request = RequestFactory().post("/login/")
    for username, *_ in demo_district.USERS:
        assert authenticate(request, username=username, password=demo_district.DEMO_PASSWORD), username


def test_every_seeded_role_has_a_demo_user(users):
    held = set(Membership.objects.values_list("role__code", flat=True))
    assert held == set(Role.objects.values_list("code", flat=True))
