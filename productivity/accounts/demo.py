"""Demo accounts for demo mode: one per role, with passwords printed on start-up and the sign-in page."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    name: str
    organisation_slug: str
    role: str
    description: str


DEMO_ACCOUNTS = [
    DemoAccount("programme@demo.local", "demo-programme-2012", "Pat Programme", "lga", "editor",
                "Programme team: changes anything across the programme"),
    DemoAccount("editor@demo.local", "demo-editor-2012", "Eddie Editor", "E10000014", "editor",
                "Editor at Hampshire County Council: changes Hampshire's projects and savings"),
    DemoAccount("viewer@demo.local", "demo-viewer-2012", "Vic Viewer", "E10000014", "viewer",
                "Viewer at Hampshire County Council: sees Hampshire's unpublished projects, changes nothing"),
]


def demo_accounts() -> list[DemoAccount]:
    return DEMO_ACCOUNTS if settings.DEMO_MODE else []
