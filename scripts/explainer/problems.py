"""Problems found in content, reported as ``path:line: message`` all at once."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Loc:
    """A place in a content file."""

    path: str
    """Path of the file, relative to the project root when possible."""
    line: int = 1
    """1-based line number."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content."""

    loc: Loc
    message: str
    severity: str = "error"
    """``error`` always fails the build; ``warning`` fails it only under ``--strict``."""

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "warning: "
        return f"{self.loc}: {prefix}{self.message}"


@dataclass
class Problems:
    """Collects problems; stages add to it and go on, so one run reports everything."""

    items: list[Problem] = field(default_factory=list)

    def error(self, loc: Loc, message: str) -> None:
        self.items.append(Problem(loc, message))

    def warning(self, loc: Loc, message: str) -> None:
        self.items.append(Problem(loc, message, "warning"))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def fatal(self, strict: bool) -> list[Problem]:
        """The problems that stop the build."""
        return [p for p in self.items if p.severity == "error" or strict]

    def sorted(self) -> list[Problem]:
        seen: set[Problem] = set()
        out: list[Problem] = []
        for p in sorted(self.items, key=lambda p: (p.loc.path, p.loc.line, p.message)):
            if p not in seen:
                seen.add(p)
                out.append(p)
        return out


class ContentError(Exception):
    """Raised with every problem when content cannot be built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
