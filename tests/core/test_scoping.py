"""The scoping matrix: a justice office sees its own subtree; the bureau leader sees the district."""

import pytest

from sifa.core import selectors
from sifa.core.models import Party, Unit, UnitKind, User

ID_CAOYANG = "310107199001011232"
ID_CHANGSHOU = "110101199003077758"


@pytest.fixture
def two_offices(make_party):
    return {
        "caoyang": make_party("PT-SFS-CYXC", "曹杨当事人", id_number=ID_CAOYANG, phone="13912345678"),
        "changshou": make_party("PT-SFS-CSL", "长寿当事人", id_number=ID_CHANGSHOU),
        "mediation": make_party("PT-TWH-CSL", "调委会当事人"),  # below the 长寿路 office in the tree
    }


def fresh(user):
    """The user as the next request reads them (access stamp included), with nothing cached on the object."""
    return User.objects.get(pk=user.pk)


def test_visible_to_covers_the_users_subtree_only(users, two_offices):
    seen = set(Party.objects.visible_to(users["changshou"]).values_list("name", flat=True))
    assert seen == {"长寿当事人", "调委会当事人"}
    assert Party.objects.visible_to(users["leader"]).count() == 3
    assert not Party.objects.visible_to(users["handler"]).exists()  # 行政复议科 registered none


def test_a_user_without_units_sees_nothing(district, two_offices, django_user_model):
    loner = django_user_model.objects.create(username="loner")
    assert not Party.objects.visible_to(loner).exists()
    assert not Unit.objects.visible_to(loner).exists()


def test_unit_tree_is_the_users_subtree(users):
    codes = set(Unit.objects.visible_to(users["changshou"]).values_list("code", flat=True))
    assert codes == {"PT-SFS-CSL", "PT-TWH-CSL", "PT-JFZX-CSL"}


def test_office_user_does_not_see_another_office_in_the_party_list(users, login, two_offices):
    body = login(users["changshou"]).get("/parties/").content.decode()
    assert "长寿当事人" in body
    assert "曹杨当事人" not in body


def test_office_user_gets_404_for_another_offices_party(users, login, two_offices):
    client = login(users["changshou"])
    assert client.get(f"/parties/{two_offices['caoyang'].pk}/").status_code == 404
    assert client.get(f"/parties/{two_offices['caoyang'].pk}/edit/").status_code == 404
    assert client.post(f"/parties/{two_offices['caoyang'].pk}/reveal/").status_code in (403, 404)
    assert client.get(f"/parties/{two_offices['changshou'].pk}/").status_code == 200


def test_office_user_cannot_find_another_offices_party_by_id_number(users, two_offices):
    assert not selectors.party_search(user=users["changshou"], q=ID_CAOYANG).exists()
    assert selectors.party_search(user=users["caoyang"], q=ID_CAOYANG).get() == two_offices["caoyang"]


def test_office_user_cannot_reach_another_offices_party_in_admin(users, client, two_offices):
    user = users["changshou"]
    user.is_staff = True
    user.save()
    client.force_login(user, backend="sifa.core.auth.RoleBackend")
    changelist = client.get("/admin/core/party/")
    assert changelist.status_code == 200
    body = changelist.content.decode()
    assert "长寿当事人" in body and "曹杨当事人" not in body
    other = client.get(f"/admin/core/party/{two_offices['caoyang'].pk}/change/")
    assert other.status_code == 302  # "does not exist": the admin redirects to its index
    assert client.get(f"/admin/core/party/{two_offices['changshou'].pk}/change/").status_code == 200


def test_bureau_leader_reaches_every_offices_party(users, login, two_offices):
    client = login(users["leader"])
    body = client.get("/parties/").content.decode()
    assert "长寿当事人" in body and "曹杨当事人" in body
    assert client.get(f"/parties/{two_offices['caoyang'].pk}/").status_code == 200
    assert selectors.party_search(user=users["leader"], q=ID_CAOYANG).get() == two_offices["caoyang"]


def test_object_permissions_carry_the_unit_scope(users, two_offices):
    caoyang_party = two_offices["caoyang"]
    assert users["changshou"].has_perm("core.view_party")            # the role grants the model permission
    assert not users["changshou"].has_perm("core.view_party", caoyang_party)  # but not this record
    assert users["caoyang"].has_perm("core.view_party", caoyang_party)
    assert users["leader"].has_perm("core.view_party", caoyang_party)
    assert not users["admin"].has_perm("core.view_party", caoyang_party)  # no role grant, whatever the unit


def test_a_unit_created_in_a_subtree_is_seen_by_its_members_at_once(users, units):
    changshou = fresh(users["changshou"])
    assert not Party.objects.visible_to(changshou).filter(name="新单位当事人").exists()  # the scope is cached now
    new = Unit.objects.create(code="PT-SFS-CSL-NEW", name="长寿路新调解室", kind=UnitKind.MEDIATION_COMMITTEE,
                              parent=units["PT-SFS-CSL"])
    Party.objects.create(name="新单位当事人", unit=new)
    assert Party.objects.visible_to(fresh(users["changshou"])).filter(name="新单位当事人").exists()
    assert Party.objects.visible_to(fresh(users["leader"])).filter(name="新单位当事人").exists()
    assert not Party.objects.visible_to(fresh(users["caoyang"])).filter(name="新单位当事人").exists()


def test_a_unit_moved_to_another_subtree_leaves_the_old_ones_scope(users, units, two_offices):
    changshou, caoyang = fresh(users["changshou"]), fresh(users["caoyang"])
    assert Party.objects.visible_to(changshou).filter(name="调委会当事人").exists()
    assert not Party.objects.visible_to(caoyang).filter(name="调委会当事人").exists()
    committee = units["PT-TWH-CSL"]
    committee.parent = units["PT-SFS-CYXC"]
    committee.save()
    assert not Party.objects.visible_to(fresh(users["changshou"])).filter(name="调委会当事人").exists()
    assert Party.objects.visible_to(fresh(users["caoyang"])).filter(name="调委会当事人").exists()
