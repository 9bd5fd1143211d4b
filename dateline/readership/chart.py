"""The dashboard's chart of views per day, drawn on the server as SVG (no script, no chart library)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WIDTH = 720
HEIGHT = 200
MARGIN_TOP = 10
MARGIN_BOTTOM = 24
MARGIN_START = 48


@dataclass
class Bar:
    day: date
    views: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Chart:
    bars: list[Bar]
    peak: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM
    start: int = MARGIN_START

    @property
    def total(self) -> int:
        return sum(bar.views for bar in self.bars)

    @property
    def first_day(self) -> date | None:
        return self.bars[0].day if self.bars else None

    @property
    def last_day(self) -> date | None:
        return self.bars[-1].day if self.bars else None


def daily_chart(totals: list[tuple[date, int]]) -> Chart:
    """One bar per day, scaled to the busiest day."""
    peak = max((n for _day, n in totals), default=0)
    plot_height = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    slot = (WIDTH - MARGIN_START) / max(len(totals), 1)
    bars = []
    for i, (day, n) in enumerate(totals):
        height = round(plot_height * n / peak, 1) if peak else 0
        bars.append(
            Bar(
                day=day,
                views=n,
                x=round(MARGIN_START + i * slot + slot * 0.1, 1),
                y=round(HEIGHT - MARGIN_BOTTOM - height, 1),
                width=round(slot * 0.8, 1),
                height=height,
            )
        )
    return Chart(bars=bars, peak=peak)
