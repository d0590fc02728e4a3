"""What an evaluation returns, and how ``make eval`` prints it."""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from typing import Callable, Optional

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
}


@dataclass(frozen=True)
class Bar:
    """A figure's pass mark, e.g. ``Bar(">=", 0.97)``."""

    op: str
    value: float

    def met_by(self, figure: float) -> bool:
        return _OPS[self.op](figure, self.value)

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    bar: Optional[Bar] = None
    unit: str = ""

    @property
    def passed(self) -> Optional[bool]:
        return None if self.bar is None else self.bar.met_by(self.value)

    def formatted(self) -> str:
        if self.unit:
            return f"{self.value:.2f} {self.unit}"
        return f"{self.value:.3f}" if isinstance(self.value, float) else str(self.value)


@dataclass
class StageReport:
    """One stage's figures on one labelled set, plus any detail worth printing."""

    stage: str
    dataset: str
    figures: list[Figure] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    def add(self, name: str, value: float, bar: Optional[Bar] = None, unit: str = "") -> None:
        self.figures.append(Figure(name, value, bar, unit))

    def figure(self, name: str) -> Figure:
        return next(f for f in self.figures if f.name == name)

    @property
    def failures(self) -> list[Figure]:
        return [f for f in self.figures if f.passed is False]


def render(reports: list[StageReport]) -> str:
    """A plain-text table: stage, figure, value, bar, verdict; then each stage's details."""
    rows = [("stage", "figure", "value", "bar", "")]
    for report in reports:
        for figure in report.figures:
            verdict = {None: "", True: "ok", False: "FAIL"}[figure.passed]
            bar = str(figure.bar) if figure.bar else ""
            rows.append((report.stage, figure.name, figure.formatted(), bar, verdict))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for report in reports:
        lines.append("")
        lines.append(f"## {report.stage}: {report.dataset}")
        lines.extend(report.details)
    return "\n".join(lines)


def to_json(reports: list[StageReport]) -> dict[str, object]:
    return {
        r.stage: {
            "dataset": r.dataset,
            "figures": {
                f.name: {"value": f.value, "bar": str(f.bar) if f.bar else None, "passed": f.passed}
                for f in r.figures
            },
        }
        for r in reports
    }
