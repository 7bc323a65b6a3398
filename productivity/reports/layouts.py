"""Report templates: the kinds of board paper the platform writes, their sections and scopes.

(Named layouts, not templates, so as not to be confused with the Jinja templates folder.)
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A narrative section: editable text kept with the report."""

    key: str
    heading: str
    hint: str
    default: str = ""


@dataclass(frozen=True)
class Layout:
    slug: str
    name: str
    description: str
    scopes: tuple[str, ...]
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section:
        return next(section for section in self.sections if section.key == key)

    @property
    def section_keys(self) -> list[str]:
        return [section.key for section in self.sections]


PURPOSE = Section("purpose", "Purpose", "What the Board is asked to do with the paper.",
                  "For discussion and direction.")
SUMMARY = Section("summary", "Summary", "A short summary. The computed figures are added before it.")
RECOMMENDATIONS = Section(
    "recommendations", "Recommendations",
    "One recommendation a line. Start a line with '- ' or '1. ' to make a list.",
    "The Board is asked to:\n1. note the progress made in the delivery of the programme.",
)
BACKGROUND = Section("background", "Background", "How the programme came to be and what it is for.")
DISCUSSION = Section("discussion", "Discussion", "Commentary on progress, risks and proposals.")
FINANCIAL = Section(
    "financial_implications", "Financial implications",
    "Budgets and resources. The funding table computed from the records follows this text.",
)
# The contact officer is no longer free text: it is the report's contact fields (name, position, phone, email).

PROGRAMME_UPDATE = Layout(
    slug="programme-update",
    name="Programme update",
    description="An update to the Improvement Programme Board in the shape of its papers: summary, "
    "recommendations, background, progress by workstream and initiative, financial implications, and an "
    "appendix on progress made on the current work programme.",
    scopes=("programme", "workstream", "initiative", "council"),
    sections=(PURPOSE, SUMMARY, RECOMMENDATIONS, BACKGROUND, DISCUSSION, FINANCIAL),
)

INITIATIVE_PROGRESS = Layout(
    slug="initiative-progress",
    name="Initiative progress",
    description="Progress of a single initiative: its projects, funding, savings and their evidence.",
    scopes=("initiative",),
    sections=(PURPOSE, SUMMARY, RECOMMENDATIONS, DISCUSSION),
)

LAYOUTS = {layout.slug: layout for layout in (PROGRAMME_UPDATE, INITIATIVE_PROGRESS)}
LAYOUT_CHOICES = [(layout.slug, layout.name) for layout in LAYOUTS.values()]


def get_layout(slug: str) -> Layout:
    """The layout named ``slug``; raises KeyError for an unknown one."""
    return LAYOUTS[slug]
