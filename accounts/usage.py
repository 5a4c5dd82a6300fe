"""The dashboard's usage chart: credits spent and jobs per day over the last 30 days,
drawn on the server as an SVG (no chart library, nothing loaded from elsewhere).

Credits spent are the jobs' costs, failed jobs left out (they were refunded), the same
sum that a key's monthly cap counts (ApiKey.credits_spent_this_month). Days are UTC
days, like every date on the dashboard."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone as dt_timezone

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from photos.models import Job

DAYS = 30
# The bars' own units (viewBox): one 10-unit slot per day, 100 units tall. The page
# stretches the drawing to the card's width at a fixed height; the axis labels are
# HTML beside and under it, so their text keeps its size on any screen.
SLOT, PLOT = 10, 100


@dataclass
class Day:
    day: date
    credits: int = 0
    jobs: int = 0
    failed: int = 0


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    title: str


@dataclass
class Chart:
    days: list[Day]
    credits_total: int
    jobs_total: int
    failed_total: int
    top: int  # the y axis' top value
    credit_bars: list[Bar] = field(default_factory=list)
    job_bars: list[Bar] = field(default_factory=list)
    grid: list[tuple[float, int]] = field(default_factory=list)  # (y in the drawing, value), top first
    labels: list[str] = field(default_factory=list)  # one per day, most empty
    width: int = 0
    height: int = PLOT

    @property
    def empty(self) -> bool:
        return self.jobs_total == 0

    @property
    def active_days(self) -> list[Day]:
        return [d for d in self.days if d.jobs]


def nice_top(value: int) -> int:
    """The smallest 1, 2 or 5 × 10ⁿ at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude  # not reached


def daily(user, today: date | None = None, days: int = DAYS) -> list[Day]:
    today = today or timezone.now().astimezone(dt_timezone.utc).date()
    first = today - timedelta(days=days - 1)
    since = datetime.combine(first, time.min, tzinfo=dt_timezone.utc)
    rows = (
        Job.objects.filter(user=user, created_at__gte=since)
        .annotate(day=TruncDate("created_at", tzinfo=dt_timezone.utc))
        .values("day")
        .annotate(
            jobs=Count("id"),
            failed=Count("id", filter=Q(status=Job.Status.FAILED)),
            credits=Sum("cost", filter=~Q(status=Job.Status.FAILED)),
        )
    )
    by_day = {row["day"]: row for row in rows}
    result = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        row = by_day.get(day, {})
        result.append(Day(day, credits=row.get("credits") or 0, jobs=row.get("jobs") or 0, failed=row.get("failed") or 0))
    return result


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def chart(user, today: date | None = None) -> Chart:
    days = daily(user, today)
    result = Chart(
        days=days,
        credits_total=sum(d.credits for d in days),
        jobs_total=sum(d.jobs for d in days),
        failed_total=sum(d.failed for d in days),
        top=nice_top(max([d.credits for d in days] + [d.jobs for d in days] + [1])),
        width=SLOT * len(days),
    )
    bar = SLOT * 0.36
    for index, day in enumerate(days):
        x = index * SLOT + SLOT * 0.12
        label = f"{day.day:%b} {day.day.day}"
        for value, bars, offset, text in (
            (day.credits, result.credit_bars, 0, plural(day.credits, "credit") + " spent"),
            (day.jobs, result.job_bars, bar, plural(day.jobs, "job") + (f", {day.failed} failed" if day.failed else "")),
        ):
            height = PLOT * value / result.top
            bars.append(Bar(round(x + offset, 2), round(PLOT - height, 2), round(bar, 2), round(height, 2),
                            f"{label}: {text}"))
        # Every 7th day counted back from today, so the newest day is always named.
        result.labels.append(label if (len(days) - 1 - index) % 7 == 0 else "")
    values = [result.top, result.top // 2, 0] if result.top % 2 == 0 else [result.top, 0]
    result.grid = [(round(PLOT * (1 - value / result.top), 2), value) for value in values]
    return result
