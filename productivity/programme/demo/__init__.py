"""The demo programme: the productivity programme of the 2011 and 2012 board papers, as data.

``data`` declares what the programme holds (workstreams, initiatives, projects, funding, milestones,
risks and savings); ``loader`` writes it through programme.services so the audit trail records it.
Where the papers name councils and figures we use them; where they give only counts or totals we pick
real councils deterministically (``councils``) and mark the records illustrative.
"""
