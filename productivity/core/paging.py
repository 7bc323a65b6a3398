"""Page-number pagination for the JSON API with a bounded page number.

An unbounded ``page`` lets a caller ask for an offset no database integer can hold (a 500, not a 400).
"""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000_000


class BoundedPages(PageNumberPagination):
    """Ninja's page-number pagination, refusing page numbers past ``MAX_PAGE`` with a 400.

    Fifty rows a page unless the caller asks for up to ``max_page_size`` (500 unless the list says otherwise).
    """

    def __init__(self, page_size: int = 50, max_page_size: int = 500, **kwargs):
        super().__init__(page_size=page_size, max_page_size=max_page_size, **kwargs)

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, description="Rows a page, up to the list's largest page size")
