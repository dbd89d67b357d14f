"""Make the upgrade test's fixture: a database as the previous release left it (docs/upgrade.md).

Run it with the *previous release's* code, so that its schema and its data are that release's own:

    git archive <release commit> src | tar -x -C /tmp/prev
    PYTHONPATH=/tmp/prev/src .venv/bin/python tests/ops/make_upgrade_fixture.py tests/ops/upgrade_fixture <commit>

It migrates a new SQLite database, loads the demo district (units, users, holidays) and a few records of each line
through that release's services (a party with ID and mobile numbers, a reconsideration application with its
clocks and documents, a dispute with an agreement, a suit), and writes to the folder:

- `previous.sql.gz`: the database as SQL text (SQLite's dump);
- `keys.json`: the test keys it was made with (data, audit, secret: made for this fixture, guarding nothing);
- `expected.json`: the release's commit, each app's last migration, the row count of every table, the official
  figures (`sifa metrics`) and a few values read back through the services (the party's decrypted numbers).
"""

from __future__ import annotations

import gzip
import json
import os
import secrets
import sys
import tempfile
from pathlib import Path


def main(out: Path, commit: str) -> None:
    var = Path(tempfile.mkdtemp(prefix="sifa-upgrade-fixture-"))
    keys = {"SIFA_DATA_KEY": secrets.token_hex(16), "SIFA_AUDIT_KEY": secrets.token_hex(32),
            "SIFA_SECRET_KEY": secrets.token_urlsafe(50)}
    os.environ.update(SIFA_VAR_DIR=str(var), SIFA_DATABASE_URL=f"sqlite:///{var / 'sifa.sqlite3'}",
                      DJANGO_SETTINGS_MODULE="sifa.settings", **keys)
    import django

    django.setup()
    from django.core.management import call_command

    import sifa

    print("sifa from", Path(sifa.__file__).parent, file=sys.stderr)
    call_command("migrate", verbosity=0)
    values = load()
    from io import StringIO

    figures = StringIO()
    call_command("metrics", "--from", "2000-01-01", "--to", "2030-12-31", "--json", stdout=figures)
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("id").values_list("app", "name"):
        applied[app] = max(applied.get(app, ""), name)
    tables = sorted(connection.introspection.table_names())
    with connection.cursor() as cursor:
        counts = {}
        for t in tables:
            cursor.execute(f'SELECT COUNT(*) FROM "{t}"')
            counts[t] = cursor.fetchone()[0]
    out.mkdir(parents=True, exist_ok=True)
    raw = connection.connection
    with gzip.open(out / "previous.sql.gz", "wt", encoding="utf-8", compresslevel=9) as f:
        for line in raw.iterdump():
            f.write(line + "\n")
    (out / "keys.json").write_text(json.dumps(keys, indent=1) + "\n")
    (out / "expected.json").write_text(json.dumps({
        "commit": commit, "migrations": applied, "counts": counts, "figures": json.loads(figures.getvalue()),
        "values": values}, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


def load() -> dict:
    """The demo district and a few records of each line, through the release's services."""
    from datetime import date

    from sifa.core import services as core_services
    from sifa.core.models import Party, Unit, User
    from sifa.demo import district, holidays
    from sifa.litigation import services as lit
    from sifa.mediation import services as med
    from sifa.mediation.models import AgreementForm, DisputeType, Mediator, PartyRole
    from sifa.mediation.services import PartyInput
    from sifa.reconsideration import services as rec
    from sifa.reconsideration.models import SubjectArea

    units, _ = district.load()
    holidays.load()
    users = {u.username: u for u in User.objects.all()}
    u = {code: Unit.objects.get(code=code) for code in ("PT-SFS-CSL", "PT-SFJ-FY", "PT-SFJ-YS", "PT-TWH-CSL",
                                                        "PT-GAFJ-JJ", "PT", "PT-FY")}
    party = core_services.party_save(party=Party(name="升级甲", unit=u["PT-SFS-CSL"]), by=users["leader"],
                                     id_number="11010519491231002X", phone="13812345678")
    app = rec.application_register(
        unit=u["PT-SFJ-FY"], respondent=u["PT-GAFJ-JJ"], act_description="罚款200元的行政处罚决定",
        request="撤销该行政处罚决定", received_on=date(2024, 3, 4), act_kind="penalty",
        subject_area=SubjectArea.objects.get(code="traffic"), act_number="沪公交决字〔2024〕1号",
        applicants=[rec.PartyData(name="升级乙", id_number="110101199003077774", phone="13912345678")],
        handler=users["handler"], by=users["handler"], reasons="执法程序违法")
    rec.application_accept(application=app, by=users["handler"], on=date(2024, 3, 8))
    suit = lit.suit_register(by=users["yingsu"], unit=u["PT-SFJ-YS"], court=u["PT-FY"],
                             court_case_number="（2024）沪0107行初1号", defendant=u["PT"], agency=u["PT-GAFJ-JJ"],
                             challenged_act="房屋征收补偿决定", new_plaintiffs=[{"name": "原告甲"}], on=date(2024, 3, 4))
    neighbours = DisputeType.objects.get(code="neighbourhood")
    mediator = users["mediator"]
    mediators = [med.mediator_save(mediator=Mediator(unit=u["PT-TWH-CSL"], name="钱调解", is_chief=True), by=mediator)]
    dispute = med.dispute_register(on=date(2024, 3, 1), unit=u["PT-TWH-CSL"], dispute_type=neighbours, by=mediator,
                                   parties=[PartyInput("王甲"), PartyInput("李乙", role=PartyRole.RESPONDENT)],
                                   summary="楼上漏水，双方就维修费用发生争执。")
    med.dispute_accept(dispute=dispute, by=mediator, on=date(2024, 3, 1))
    med.dispute_hold_session(dispute=dispute, by=mediator, on=date(2024, 3, 2), place="调解室", mediators=mediators,
                             record="双方陈述意见。")
    dispute.refresh_from_db()
    med.dispute_record_agreement(dispute=dispute, form=AgreementForm.WRITTEN, terms="赔偿八百元。", by=mediator,
                                 on=date(2024, 3, 3))
    app.refresh_from_db()
    dispute.refresh_from_db()
    suit.refresh_from_db()
    return {"party": {"pk": party.pk, "name": party.name}, "application": {"pk": app.pk, "number": app.number,
                                                                            "state": app.state},
            "dispute": {"pk": dispute.pk, "number": dispute.number, "state": dispute.state},
            "suit": {"pk": suit.pk, "state": suit.state}, "id_number": "11010519491231002X",
            "phone": "13812345678"}


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve(), sys.argv[2] if len(sys.argv) > 2 else "")
