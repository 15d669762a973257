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
    unreadable: list[Problem] = field(default_factory=list)
    """Files that could not be read at all (malformed YAML, not UTF-8): listed first, since
    what follows from them not loading is not real."""

    def error(self, loc: Loc, message: str) -> None:
        self.items.append(Problem(loc, message))

    def unreadable_file(self, loc: Loc, message: str) -> None:
        """A file that could not be parsed: an error, listed before every other one."""
        problem = Problem(loc, message)
        self.items.append(problem)
        self.unreadable.append(problem)

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
        first = {p: i for i, p in enumerate(self.unreadable)}
        n = len(first)
        key = lambda p: (first.get(p, n), p.loc.path, p.loc.line, p.message)  # noqa: E731
        for p in sorted(self.items, key=key):
            if p not in seen:
                seen.add(p)
                out.append(p)
        return out


class ContentError(Exception):
    """Raised with every problem when content cannot be built."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class BuildError(Exception):
    """A build step failed for a reason that is not in the content (WeasyPrint or MkDocs
    failed, the disk is full, an output is not the generator's). ``message`` is one line;
    every output is as it was."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def report_lines(problems: list[Problem]) -> list[str]:
    """The lines that report a failed check: every problem, then the count."""
    lines = [str(p) for p in problems]
    n_err = sum(1 for p in problems if p.severity == "error")
    n_warn = len(problems) - n_err
    parts = [f"{n_err} error(s)"] + ([f"{n_warn} warning(s) (--strict)"] if n_warn else [])
    lines.append(f"explainer: {', '.join(parts)}; nothing was written")
    return lines
