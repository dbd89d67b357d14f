"""The only writers of the dispute-resolution line: one function per user action, each in one transaction.

Each action takes `on`, the legal date of the act (default today), which drives the clocks; runs its transition
from `workflow.py` (an illegal one raises TransitionNotAllowed saying why); saves the case through
`core.cases.save_case` (a stale `expected_version` raises ConflictError); takes numbers from `core.numbering`;
moves the clocks; and records an audit event. Bad input raises ValidationError on the field it concerns.

One module per subject: `organisations` (mediators, training, agencies at a centre), `disputes`, `agreements`
(and their judicial confirmation), `prelitigation` (court referrals), `receptions` (a centre's joint reception,
whose state `reception_state` derives), `campaigns` (screening), `excellent_cases`, and `records`, the batch
writer (earlier systems' records, the demo's year, a campaign's findings). Callers import from this package.
"""

from .agreements import (
    dispute_apply_confirmation,
    dispute_record_agreement,
    dispute_record_confirmation,
    dispute_record_performance,
    dispute_remediate,
)
from .campaigns import campaign_create, campaign_findings_to_disputes, campaign_record_finding
from .common import NUMBERS
from .disputes import (
    AGREEMENT_FORMS,
    REFERRAL_KINDS,
    PartyInput,
    dispute_accept,
    dispute_extend_period,
    dispute_fail,
    dispute_hold_session,
    dispute_refuse,
    dispute_register,
    dispute_report_to_police,
    dispute_return_to_court,
    dispute_withdraw,
)
from .excellent_cases import case_publish, case_select, case_submit
from .organisations import centre_station_agency, mediator_save, training_record
from .prelitigation import prelitigation_receive
from .reception_state import _reception_sync
from .receptions import (
    reception_register,
    reception_route,
    routing_accept,
    routing_decline,
    routing_record_result,
)
from .records import OUTCOME_STEP, DisputeRecord, _validate_record, disputes_import

__all__ = [
    "AGREEMENT_FORMS", "NUMBERS", "OUTCOME_STEP", "REFERRAL_KINDS", "DisputeRecord", "PartyInput",
    "_reception_sync", "_validate_record", "campaign_create", "campaign_findings_to_disputes",
    "campaign_record_finding", "case_publish", "case_select", "case_submit", "centre_station_agency",
    "dispute_accept", "dispute_apply_confirmation", "dispute_extend_period", "dispute_fail",
    "dispute_hold_session", "dispute_record_agreement", "dispute_record_confirmation", "dispute_record_performance",
    "dispute_refuse", "dispute_register", "dispute_remediate", "dispute_report_to_police", "dispute_return_to_court",
    "dispute_withdraw", "disputes_import", "mediator_save", "prelitigation_receive", "reception_register",
    "reception_route", "routing_accept", "routing_decline", "routing_record_result", "training_record",
]
