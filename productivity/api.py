"""The JSON API: one NinjaAPI, one router per domain, the same permissions as the pages.

Wiring only: the API's edge and its error answers are core.api's, each router its domain's.
"""

from productivity.accounts.api import router as accounts_router
from productivity.accounts.api_auth import TokenOrSession
from productivity.core.api.edge import PlatformApi
from productivity.estate.api import router as estate_router
from productivity.imports.api import router as imports_router
from productivity.organisations.api import router as organisations_router
from productivity.procurement.api import router as procurement_router
from productivity.programme.api import router as programme_router
from productivity.reports.api import router as reports_router

api = PlatformApi(
    title="Productivity Platform API",
    version="1",
    description=(
        "Read the programme's records and, with a personal API token (create one under 'Your account'), change them. "
        "Send the token as `Authorization: Bearer <token>`. Anonymous callers see only published records. "
        "Money is returned as strings of pounds and pence."
    ),
    auth=TokenOrSession(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/organisations", organisations_router, tags=["Organisations"])
# Each programme resource tags its own operations (Projects, Savings, Figures...).
api.add_router("/programme", programme_router)
api.add_router("/accounts", accounts_router)
api.add_router("/reports", reports_router, tags=["Board reports"])
api.add_router("/imports", imports_router)
api.add_router("/procurement", procurement_router)
api.add_router("/estate", estate_router)
