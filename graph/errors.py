"""One small hierarchy of user-facing errors.

Every error a user can cause carries a rule id and, where there is one, the place
(file and line) so the CLI can print one line such as
``data/facts/bodies.yaml:14: missing-evidence: body 'cdop' has no evidence quote``.
Exit codes follow click: 2 for unusable input or usage, 1 for "not found" or findings.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """Where a problem is: a file and, when known, a 1-based line."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


class GovgraphError(Exception):
    """Base of every error meant for a user rather than a developer."""

    exit_code = 2
    rule = "error"

    def __init__(self, message: str, *, place: Place | None = None, rule: str | None = None):
        super().__init__(message)
        self.message = message
        self.place = place
        if rule:
            self.rule = rule

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        return f"{where}{self.rule}: {self.message}"


class InputError(GovgraphError):
    """The input (YAML, manifest, source, argument) cannot be used at all."""


class ValidationFailed(GovgraphError):
    """Validation produced findings of error severity; the build was not written."""

    exit_code = 1
    rule = "validation"

    def __init__(self, findings: list[Finding]):
        errors = [f for f in findings if f.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the curated facts")
        self.findings = findings


class NotFound(GovgraphError):
    """A name, id or answer that does not exist; may carry suggestions."""

    exit_code = 1
    rule = "not-found"

    def __init__(self, message: str, *, candidates: list[str] | None = None):
        super().__init__(message)
        self.candidates = candidates or []


class Ambiguous(NotFound):
    """A name that matches several entities equally well: never guess."""

    rule = "ambiguous"


class QueryError(GovgraphError):
    """A SPARQL query that is malformed, refused, or ran out of time."""

    rule = "query"


class EndpointError(GovgraphError):
    """A remote SPARQL endpoint that cannot be reached or refuses the request."""

    exit_code = 1
    rule = "endpoint"


@dataclass(frozen=True)
class Finding:
    """One validation result; ``severity`` is ``error`` or ``warning``."""

    rule: str
    message: str
    place: Place | None = None
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.place}: " if self.place else ""
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}{tag}{self.rule}: {self.message}"
