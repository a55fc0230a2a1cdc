"""The only place IRIs are minted.

Ids come from hand-edited YAML, so they are checked against a strict pattern before
they are ever turned into an IRI: ``x> } ;`` or ``Leeds City Council`` is refused here,
which keeps hostile or careless text out of every Turtle file and SPARQL query.
"""

from __future__ import annotations

import hashlib
import json
import re

BASE = "https://w3id.org/govgraph/"
ID = BASE + "id/"
STATEMENT = BASE + "statement/"
SOURCE = BASE + "source/"
DEF = BASE + "def#"
AREA = BASE + "area/"

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID = 80


def is_valid_id(text: object) -> bool:
    """True for a lower-case slug such as ``bscb`` or ``penny-thompson``."""
    return isinstance(text, str) and len(text) <= MAX_ID and bool(_ID.fullmatch(text))


def check_id(text: str) -> str:
    """Return ``text`` if it is a valid id, else raise ValueError saying why."""
    if not is_valid_id(text):
        raise ValueError(
            f"invalid id {text!r}: use lower-case letters, digits and single hyphens"
            f" (at most {MAX_ID} characters), e.g. 'leeds-city-council'"
        )
    return text


def entity_iri(entity_id: str) -> str:
    return ID + check_id(entity_id)


def source_iri(doc_id: str) -> str:
    return SOURCE + check_id(doc_id)


def area_iri(area: str) -> str:
    """An area (Birmingham, national) as an IRI; the name is made a slug first."""
    from graph.names import slug

    return AREA + slug(area)


def term_iri(local: str) -> str:
    """An ontology term; ``local`` is a CamelCase or camelCase name we control."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", local):
        raise ValueError(f"invalid term name {local!r}")
    return DEF + local


def statement_id(section: str, identity: dict[str, object]) -> str:
    """A stable id for a statement from what it asserts (not its evidence).

    The same fact curated twice gets the same id, so its evidence merges; any change
    to what it asserts gives a new id.
    """
    canonical = json.dumps([section, identity], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:12]
    return f"{section[:-1] if section.endswith('s') else section}-{digest}"


def statement_iri(stmt_id: str) -> str:
    return STATEMENT + check_id(stmt_id)
