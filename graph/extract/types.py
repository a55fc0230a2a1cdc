"""The plain data the extraction rules hand each other.

Nothing here knows the document, the index or a rule: a ``Mention`` is a span of text
and the entity it stands for, ``Recent`` the mentions a reader still has in mind, a
``Line`` what a trigger phrase means and ``Pending`` a list a colon has announced.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

RECENT = 60  # how many entity mentions back a generic reference may look


@dataclass
class Mention:
    """A name in the text and the entity it stands for."""

    start: int
    end: int
    text: str
    kind: str  # entity | post | person
    id: str
    new: bool
    certainty: float  # 1.0 exact link, 0.9 fuzzy or new, less when resolved from context
    head: str = ""
    organisation: str | None = None  # a post's organisation when the text names it

    @property
    def section(self) -> str:
        return {"post": "posts", "person": "people"}.get(self.kind, "")


class Recent:
    """The entity mentions the text made lately, the last ``size`` of them."""

    def __init__(self, size: int = RECENT):
        self.size = size
        self._mentions: list[Mention] = []

    def add(self, mention: Mention) -> None:
        self._mentions.append(mention)
        del self._mentions[: -self.size]

    def clear(self) -> None:
        self._mentions.clear()

    def latest(self) -> Iterator[Mention]:
        """Newest first."""
        return reversed(self._mentions)

    def last(self, n: int) -> list[Mention]:
        """The ``n`` newest, oldest first."""
        return self._mentions[-n:]


# A relation trigger of ``lexicon.LINES``. Read "LEFT ... RIGHT": "active" is LEFT kind
# RIGHT ("A reports to B"); "passive" RIGHT kind LEFT ("A is overseen by B": B oversees
# A); "adjectival" is an agent written before a noun ("a Council wholly owned company",
# "our DfE funded partners, Essex Children's Services"). ``near``: the right-hand name
# follows at most a determiner away ("responsible for the Panel", not "responsible for
# ensuring that the Panel ..."); ``adjacent``: the left-hand name is right before the
# trigger ("The Panel is a sub-group of ...", not "... as part of"); ``people``: the
# manager side is a person or a post ("managed by the Head of Service"); ``document``:
# what is handed over is a document, so without a name before it ("The report is
# submitted to ...") it is the document's own author's.
class Line(NamedTuple):
    pattern: str
    kind: str
    direction: str
    near: bool = False
    adjacent: bool = False
    people: bool = False
    document: bool = False


@dataclass
class Pending:
    """A line announced by a colon (or a heading) whose other side is the bullets or
    lines that follow ("The Panel reports to:" / "- the Partnership Board")."""

    fixed: list[Mention]
    line: Line
    items_are_subjects: bool
    start: int  # where the quote starts: the announcing sentence says what the list is
    end: int
    lines: bool = False  # a heading announced it: its items may be plain lines, one name each
