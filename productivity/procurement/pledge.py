"""The procurement pledge's commitments, and each organisation's checklist against them.

The commitments are those of the draft Procurement Pledge (Appendix 2 of the 2012/13 productivity work
programme paper in the seed board papers), in its own words, shortened to one line each.
"""

from dataclasses import dataclass

from productivity.procurement.models import EvidenceStatus, PledgeRecord, PledgeStance


@dataclass(frozen=True)
class Commitment:
    key: str
    heading: str  # which of the pledge's five commitments it serves
    text: str


_CERTAINTY = "1. Provide industry with greater certainty"
_OPEN_DOOR = "2. Operate an open door policy for business"
_SIMPLICITY = "3. Provide industry with greater simplicity"
_CAPABILITY = "4. Identify capability gaps in supply chains"
_EXPORTS = "5. Back business when bidding for contracts overseas"

COMMITMENTS = (
    Commitment("pipelines", _CERTAINTY, "Publish future procurement pipelines over the medium term, each with a "
                                        "confidence rating"),
    Commitment("pipelines-with-industry", _CERTAINTY, "Develop the pipelines with industry so that they hold "
                                                      "meaningful information, presented coherently"),
    Commitment("supplier-relationships", _OPEN_DOOR, "A more strategic relationship with suppliers: supply chain "
                                                     "management and strategic dialogue with the supply base"),
    Commitment("pre-procurement", _OPEN_DOOR, "Engage the market before a major procurement, with outcome-based "
                                              "specifications"),
    Commitment("smaller-contracts", _OPEN_DOOR, "Use the pipelines with industry to decide which contracts to break "
                                                "into smaller ones"),
    Commitment("120-days", _SIMPLICITY, "Complete all but the biggest and most complex procurements within 120 "
                                        "working days from the OJEU notice to contract award"),
    Commitment("competitive-dialogue", _SIMPLICITY, "Avoid lengthy and costly processes such as competitive "
                                                    "dialogue unless their use can be justified"),
    Commitment("capabilities", _CAPABILITY, "Work with industry to establish the skills, technologies and "
                                            "knowledge future demand needs"),
    Commitment("export-potential", _EXPORTS, "Consider how best to optimise the export potential of the goods it "
                                             "procures"),
    Commitment("export-opportunities", _EXPORTS, "Help suppliers reach high value export opportunities through "
                                                 "UKTI"),
)
KEYS = {commitment.key for commitment in COMMITMENTS}


@dataclass(frozen=True)
class ChecklistLine:
    commitment: Commitment
    status: str
    status_label: str
    evidence: str
    url: str


def checklist(record: PledgeRecord | None) -> list[ChecklistLine]:
    """Every commitment with what the organisation shows for it ("Not yet" where it shows nothing)."""
    given = {item.commitment: item for item in record.evidence.all()} if record else {}
    lines = []
    for commitment in COMMITMENTS:
        item = given.get(commitment.key)
        status = item.status if item else EvidenceStatus.NOT_YET
        lines.append(ChecklistLine(commitment, status, EvidenceStatus(status).label,
                                   item.evidence if item else "", item.url if item else ""))
    return lines


def met_count(record: PledgeRecord | None) -> int:
    return sum(1 for line in checklist(record) if line.status == EvidenceStatus.MET)


def stance_label(record: PledgeRecord | None) -> str:
    return (record.get_stance_display() if record else PledgeStance.NOT_SIGNED.label)
