"""A paper's charts as inline SVG: the renderer lives in core.charts, shared with the domains' pages."""

from productivity.core.charts.svg import render

__all__ = ["render"]
