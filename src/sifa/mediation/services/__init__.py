"""The only writers of the dispute-resolution line, each in one transaction.

The steps of a dispute and of a centre's reception are taken through their tables in `workflow.py`
(`WORKFLOW.run(dispute, "agree", by=, on=, data=, expected_version=)`): the runner checks the state, the
permission and the guards, applies the writes particular to the step (the effects in `disputes`, `agreements`
and `receptions`), the state, the clocks, and the audit event, and saves through optimistic locking. A refusal
is a `sifa.core.workflow.StepError` on the field it concerns. Registration and the other records are written here.

One module per subject: `organisations` (mediators, training, agencies at a centre), `disputes`, `agreements`
(and their judicial confirmation), `prelitigation` (court referrals), `receptions` (a centre's joint reception,
whose state `reception_state` derives), `campaigns` (screening), `excellent_cases`, and `records`, the batch
writer (earlier systems' records, the demo's year, a campaign's findings). Callers import from this package.
"""

from .campaigns import campaign_create, campaign_findings_to_disputes, campaign_record_finding
from .common import NUMBERS
from .disputes import AGREEMENT_FORMS, REFERRAL_KINDS, PartyInput, dispute_register
from .excellent_cases import case_publish, case_select, case_submit
from .organisations import centre_station_agency, mediator_save, training_record
from .prelitigation import prelitigation_receive
from .reception_state import _reception_sync
from .receptions import reception_register
from .records import OUTCOME_STEP, DisputeRecord, _validate_record, disputes_import

__all__ = [
    "AGREEMENT_FORMS", "NUMBERS", "OUTCOME_STEP", "REFERRAL_KINDS", "DisputeRecord", "PartyInput",
    "_reception_sync", "_validate_record", "campaign_create", "campaign_findings_to_disputes",
    "campaign_record_finding", "case_publish", "case_select", "case_submit", "centre_station_agency",
    "dispute_register", "disputes_import", "mediator_save", "prelitigation_receive", "reception_register",
    "training_record",
]
