"""The programme's JSON API: one small router per resource, mounted at /api/programme/."""

from ninja import Router

from productivity.programme.api import (
    amounts,
    double_counts,
    evidence,
    figures,
    funding,
    initiatives,
    milestones,
    participants,
    projects,
    risks,
    savings,
    withdrawals,
    workstreams,
)

router = Router()
for module in (workstreams, initiatives, projects, participants, funding, milestones, risks, savings, amounts, evidence,
               double_counts, figures, withdrawals):
    router.add_router("", module.router)
