"""Lines between entities (graph/extract/lines.py): one short made-up sentence per rule.

Each sentence is read as a new document of an imaginary council ("Wyvern") whose only
curated entities are listed in KNOWN, so every other name must be found by the rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.extract import extract_document
from graph.extract.index import EntityIndex, Known
from graph.sources.corpus import Document

KNOWN = [
    Known("wyvern-council", "organisations", "Wyvern Council", kind="council"),
    Known("wpb", "bodies", "Wyvern Partnership Board", kind="board"),
    Known("jo-bloggs", "people", "Jo Bloggs"),
    Known("wpb-chair", "posts", "Independent Chair", organisation="wpb", role="chair"),
]

Line = tuple[str, str, str]


def lines(text: str, author: str = "Wyvern Council") -> set[Line]:
    """The lines extracted from ``text``, as (subject name, kind, object name)."""
    doc = Document("doc", "Minutes", "2019-11-14", author, "minutes", Path("doc.txt"), text=text)
    result = extract_document(doc, EntityIndex(KNOWN))
    names = {k.id: k.name for k in KNOWN} | {c.data["id"]: c.data["name"] for c in result.candidates if c.is_entity}
    for c in result.candidates:
        for quote in c.quotes:
            assert quote in text  # evidence is a slice of the document
    return {
        (names[c.data["subject"]], c.data["kind"], names[c.data["object"]])
        for c in result.candidates
        if c.section == "relations"
    }


BOARD = "Wyvern Partnership Board"
HWB = "Wyvern Health and Wellbeing Board"
PARTNERS = (
    "The Wyvern Partnership Board is accountable to the statutory partners: Wyvern Council, Wyvern Police and "
    "the Wyvern Integrated Care Board."
)


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        # reports-to, in its forms
        ("The Audit Panel reports to the Wyvern Partnership Board.", {("Audit Panel", "reports-to", BOARD)}),
        ("The Audit Panel reports into the Wyvern Partnership Board.", {("Audit Panel", "reports-to", BOARD)}),
        (
            "The Audit Panel, which reports to the Wyvern Partnership Board, met in May.",
            {("Audit Panel", "reports-to", BOARD)},
        ),
        (
            "The Audit Panel, reporting to the Wyvern Partnership Board, met in May.",
            {("Audit Panel", "reports-to", BOARD)},
        ),
        ("The Audit Panel reports quarterly via the Wyvern Partnership Board.", {("Audit Panel", "reports-to", BOARD)}),
        # a plural verb: every name of the subject list
        (
            "The Audit Panel and the Training Group report to the Wyvern Partnership Board.",
            {("Audit Panel", "reports-to", BOARD), ("Training Group", "reports-to", BOARD)},
        ),
        # a list announced by a colon, on the same line or in the bullets that follow
        (
            PARTNERS,
            {
                (BOARD, "accountable-to", "Wyvern Council"),
                (BOARD, "accountable-to", "Wyvern Police"),
                (BOARD, "accountable-to", "Wyvern Integrated Care Board"),
            },
        ),
        (
            "The Audit Panel reports to:\n- the Wyvern Partnership Board\n- the Wyvern Health and Wellbeing Board\n\nAny other business.",
            {("Audit Panel", "reports-to", BOARD), ("Audit Panel", "reports-to", HWB)},
        ),
        # accountable-to
        (
            "The Youth Justice Board is accountable through the Wyvern Community Safety Partnership.",
            {("Youth Justice Board", "accountable-to", "Wyvern Community Safety Partnership")},
        ),
        (
            "The Missing Children Panel works under the governance of the Wyvern Partnership Board.",
            {("Missing Children Panel", "accountable-to", BOARD)},
        ),
        # oversees, scrutinises: active and passive
        (
            "The Exploitation Hub is overseen by the Wyvern Partnership Board.",
            {(BOARD, "oversees", "Exploitation Hub")},
        ),
        ("The Wyvern Partnership Board oversees the Exploitation Hub.", {(BOARD, "oversees", "Exploitation Hub")}),
        (
            "The performance of the Exploitation Hub is monitored through the Wyvern Partnership Board.",
            {(BOARD, "oversees", "Exploitation Hub")},
        ),
        (
            "The Wyvern Partnership Board is scrutinised by the Children's Scrutiny Committee.",
            {("Children's Scrutiny Committee", "scrutinises", BOARD)},
        ),
        (
            "The Children's Scrutiny Committee scrutinises the Wyvern Partnership Board.",
            {("Children's Scrutiny Committee", "scrutinises", BOARD)},
        ),
        # hosts
        ("The Business Unit is hosted by Wyvern Council.", {("Wyvern Council", "hosts", "Business Unit")}),
        ("Wyvern Council hosts the Business Unit.", {("Wyvern Council", "hosts", "Business Unit")}),
        # line-manages: a manager is a person or a post
        (
            "The Business Manager is line managed by the Director of Children's Services.",
            {("Director of Children's Services", "line-manages", "Business Manager")},
        ),
        (
            "The Director of Children's Services line manages the Business Manager.",
            {("Director of Children's Services", "line-manages", "Business Manager")},
        ),
        ("The Business Unit is managed by Wyvern Council.", set()),
        # owns: passive, active and adjectival
        (
            "Wyvern Homes Trust, a company wholly owned by Wyvern Council, runs the homes.",
            {("Wyvern Council", "owns", "Wyvern Homes Trust")},
        ),
        ("Wyvern Council owns Wyvern Homes Trust.", {("Wyvern Council", "owns", "Wyvern Homes Trust")}),
        ("Wyvern Homes Trust is a Council wholly owned company.", {("Wyvern Council", "owns", "Wyvern Homes Trust")}),
        # commissions, funds; "jointly ... by A and B" is both
        (
            "The Advocacy Service is commissioned by Wyvern Council.",
            {("Wyvern Council", "commissions", "Advocacy Service")},
        ),
        ("Wyvern Council commissions the Advocacy Service.", {("Wyvern Council", "commissions", "Advocacy Service")}),
        (
            "The Advocacy Service is jointly commissioned by Wyvern Council and the Wyvern Integrated Care Board.",
            {
                ("Wyvern Council", "commissions", "Advocacy Service"),
                ("Wyvern Integrated Care Board", "commissions", "Advocacy Service"),
            },
        ),
        (
            "The Advocacy Service is funded by the Wyvern Police and Crime Commissioner.",
            {("Wyvern Police and Crime Commissioner", "funds", "Advocacy Service")},
        ),
        ("Wyvern Council funds the Advocacy Service.", {("Wyvern Council", "funds", "Advocacy Service")}),
        (
            "We worked with our Wyvern Council funded partner, Wyvern Advocacy Trust, on training.",
            {("Wyvern Council", "funds", "Wyvern Advocacy Trust")},
        ),
        # supports
        ("The Wyvern Partnership Board is supported by the Business Unit.", {("Business Unit", "supports", BOARD)}),
        ("The Business Unit supports the Wyvern Partnership Board.", {("Business Unit", "supports", BOARD)}),
        # presents-to: what is handed over is a document
        (
            "The Wyvern Partnership Board presents its annual report to the Wyvern Health and Wellbeing Board.",
            {(BOARD, "presents-to", HWB)},
        ),
        (
            "The findings of the Audit Panel are presented to the Wyvern Health and Wellbeing Board.",
            {("Audit Panel", "presents-to", HWB)},
        ),
        # part-of
        (
            "The Youth Justice Board is part of the Wyvern Community Safety Partnership.",
            {("Youth Justice Board", "part-of", "Wyvern Community Safety Partnership")},
        ),
        ("The Audit Panel is a sub-group of the Wyvern Partnership Board.", {("Audit Panel", "part-of", BOARD)}),
        ("Wyvern Police visited schools as part of the Wyvern Community Safety Partnership.", set()),
        (
            "The Wyvern Partnership Board's sub-groups are the Audit Panel, the Training Group and the Missing Children Panel.",
            {
                ("Audit Panel", "part-of", BOARD),
                ("Training Group", "part-of", BOARD),
                ("Missing Children Panel", "part-of", BOARD),
            },
        ),
        (
            "She attends the key Wyvern Partnership Board sub-groups: the Audit Panel; the Training Group.",
            {("Audit Panel", "part-of", BOARD), ("Training Group", "part-of", BOARD)},
        ),
        (
            "The sub-groups of the Wyvern Partnership Board are the Audit Panel and the Training Group.",
            {("Audit Panel", "part-of", BOARD), ("Training Group", "part-of", BOARD)},
        ),
        (
            "The Wyvern Partnership Board has three sub-groups:\n- Audit Panel\n- Training Group\n- Missing Children Panel",
            {
                ("Audit Panel", "part-of", BOARD),
                ("Training Group", "part-of", BOARD),
                ("Missing Children Panel", "part-of", BOARD),
            },
        ),
        # what is not a line
        ("Wyvern Police has decided that the plan will be submitted to the Wyvern Partnership Board.", set()),
        ("A training event held in January 2019, hosted by the Wyvern Partnership Board, was well attended.", set()),
    ],
)
def test_a_line_in_a_sentence(text: str, expect: set[Line]) -> None:
    assert lines(text) == expect


def test_a_unit_named_after_its_organisation_is_that_organisations() -> None:
    text = "The Advocacy Hub is hosted within the Safeguarding Team of Wyvern Council."
    assert lines(text) == {("Safeguarding Team of Wyvern Council", "hosts", "Advocacy Hub")}
    doc = Document("doc", "Minutes", "2019-11-14", "Wyvern Council", "minutes", Path("doc.txt"), text=text)
    team = next(
        c
        for c in extract_document(doc, EntityIndex(KNOWN)).candidates
        if c.data.get("name", "").startswith("Safeguarding")
    )
    assert team.data["parent"] == "wyvern-council"


def test_the_report_itself_is_its_authors() -> None:
    assert lines(
        "The published report is submitted to the Wyvern Health and Wellbeing Board.", author="Wyvern Partnership Board"
    ) == {(BOARD, "presents-to", HWB)}


def test_the_author_speaks_in_the_capacity_the_document_is_signed_in() -> None:
    signed = "Jo Bloggs, Independent Chair, Wyvern Partnership Board"
    assert lines("I now report to the Wyvern Health and Wellbeing Board.", author=signed) == {
        ("Independent Chair", "reports-to", HWB)
    }
    assert lines("As Independent Chair, I am supported by the Business Unit.", author=signed) == {
        ("Business Unit", "supports", "Independent Chair")
    }


def test_a_first_name_is_the_person_the_text_just_named() -> None:
    found = lines("Sam Patel, Business Manager, joined in May. Sam's line manager is Dr Ann Lee.")
    assert ("Ann Lee", "line-manages", "Sam Patel") in found


def test_two_posts_share_the_organisation_printed_after_the_last() -> None:
    text = (
        "The Wyvern Partnership Board presents its annual report to the Chief Executive and Leader of Wyvern Council."
    )
    doc = Document("doc", "Minutes", "2019-11-14", "Wyvern Council", "minutes", Path("doc.txt"), text=text)
    result = extract_document(doc, EntityIndex(KNOWN))
    posts = {c.data["id"]: c.data for c in result.candidates if c.section == "posts"}
    objects = [posts[c.data["object"]] for c in result.candidates if c.section == "relations"]
    assert sorted((p["name"], p["organisation"]) for p in objects) == [
        ("Chief Executive", "wyvern-council"),
        ("Leader of Wyvern Council", "wyvern-council"),
    ]


def test_a_bullet_is_quoted_with_the_sentence_that_announced_it() -> None:
    text = "The Audit Panel reports to:\n- the Wyvern Partnership Board\n- the Wyvern Health and Wellbeing Board\n"
    doc = Document("doc", "Minutes", "2019-11-14", "Wyvern Council", "minutes", Path("doc.txt"), text=text)
    quotes = sorted(
        q for c in extract_document(doc, EntityIndex(KNOWN)).candidates if c.section == "relations" for q in c.quotes
    )
    assert quotes == [
        "Audit Panel reports to:\n- the Wyvern Partnership Board",
        "Audit Panel reports to:\n- the Wyvern Partnership Board\n- the Wyvern Health and Wellbeing Board",
    ]
