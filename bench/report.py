"""Collects the figures of a run, prints them as one table and writes them as JSON."""

from __future__ import annotations

import json
import operator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
}


@dataclass(frozen=True)
class Target:
    """A bound a figure should meet, e.g. ``Target("<=", 1.10)``."""

    op: str
    bound: float

    def met(self, value: float) -> bool:
        return _OPS[self.op](value, self.bound)

    def __str__(self) -> str:
        return f"{self.op} {self.bound:g}"


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: Any
    unit: str = ""
    target: Optional[Target] = None

    def shown(self) -> str:
        value = self.value
        if isinstance(value, float):
            digits = 3 if abs(value) < 10 else 1 if abs(value) < 1000 else 0
            value = f"{value:,.{digits}f}"
        elif isinstance(value, int):
            value = f"{value:,}"
        return f"{value} {self.unit}".rstrip()

    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "met" if self.target.met(float(self.value)) else "MISSED"


class Report:
    """Figures (printed and written) and details (written only), by section."""

    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self.details: dict[str, dict[str, Any]] = {}

    def add(
        self,
        section: str,
        name: str,
        value: Any,
        unit: str = "",
        target: Optional[Target] = None,
    ) -> None:
        figure = Figure(section, name, value, unit, target)
        self.figures.append(figure)
        mark = f"  (target {target}: {figure.verdict()})" if target else ""
        print(f"  {section}.{name} = {figure.shown()}{mark}", flush=True)

    def detail(self, section: str, name: str, value: Any) -> None:
        self.details.setdefault(section, {})[name] = value

    def table(self) -> str:
        width = max((len(f"{f.section}.{f.name}") for f in self.figures), default=10)
        lines = [f"{'figure':<{width}}  {'value':>16}  {'target':>8}  verdict"]
        lines.append("-" * len(lines[0]))
        for f in self.figures:
            target = str(f.target) if f.target else ""
            lines.append(
                f"{f.section + '.' + f.name:<{width}}  {f.shown():>16}  {target:>8}  {f.verdict()}"
            )
        return "\n".join(lines)

    def as_json(self, meta: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"meta": meta}
        for section, details in self.details.items():
            out.setdefault(section, {}).update(details)
        for f in self.figures:
            out.setdefault(f.section, {})[f.name] = f.value
        out["targets"] = {
            f"{f.section}.{f.name}": {
                "target": str(f.target),
                "value": f.value,
                "met": f.verdict() == "met",
            }
            for f in self.figures
            if f.target is not None
        }
        return out

    def write(self, path: Path, meta: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_json(meta), indent=2) + "\n")
