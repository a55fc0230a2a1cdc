"""govgraph extract: rules, linking, evidence, the candidates file and the command."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from graph.cli import cli
from graph.dates import find_dates
from graph.extract import Extraction, chunks, extract, extract_document
from graph.extract.acronyms import fits
from graph.extract.candidates import Candidate, dump, load
from graph.extract.index import EntityIndex, index_from_facts
from graph.extract.lexicon import CHAIR_WORDS, LINES, ROLE_TRIGGERS
from graph.extract.text import sentences, tokenize
from graph.files import file_mode
from graph.model.load import load_facts
from graph.model.schema import CHAIR_ROLES, RELATION_KINDS, ROLES
from graph.names import normalise
from graph.project import Project
from graph.sources.corpus import Document, load_corpus
from tests.support.projects import REPO, copy_project

NORTHSHIRE = Path(__file__).parent / "fixtures" / "extract" / "northshire"


@pytest.fixture(scope="module")
def northshire(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(NORTHSHIRE / "data", tmp_path_factory.mktemp("northshire"))


@pytest.fixture(scope="module")
def northshire_extraction(northshire: Project) -> Extraction:
    return extract(northshire.root, "partnership-minutes")


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(REPO / "tests" / "fixtures" / "mini" / "data", tmp_path_factory.mktemp("mini-extract"))


def by_name(result: Extraction, project: Project) -> dict[str, list[Any]]:
    """Candidates in the shape of expected.yaml: entities by printed name, not id."""
    facts, _ = load_facts(project.facts)
    names = {r.id: r.data.get("name") for r in facts.entities.values() if r.is_entity}
    names.update({c.data["id"]: c.data["name"] for c in result.candidates if c.is_entity})
    posts = {c.data["id"]: c.data for c in result.candidates if c.section == "posts"}
    out: dict[str, list[Any]] = {k: [] for k in ("acronyms", "appointments", "memberships", "relations", "changes")}
    for c in result.candidates:
        d = c.data
        if c.is_entity:
            out["acronyms"] += [[a, d["name"]] for a in d.get("acronyms", [])]
        elif c.section == "appointments":
            post = posts[d["post"]]
            out["appointments"].append([names[d["person"]], post["name"], names[post["organisation"]]])
        elif c.section == "memberships":
            out["memberships"].append([names[d["member"]], names[d["body"]], d["role"]])
        elif c.section == "relations":
            out["relations"].append([names[d["subject"]], d["kind"], names[d["object"]]])
        elif c.section == "changes":
            out["changes"].append(
                [
                    d["kind"],
                    d.get("date"),
                    d.get("status"),
                    [names[i] for i in d.get("before", [])],
                    [names[i] for i in d.get("after", [])],
                ]
            )
    return out


# --- the rules on a council they were not written for ---------------------------


@pytest.mark.parametrize("kind", ["acronyms", "appointments", "memberships", "relations", "changes"])
def test_another_councils_minutes_give_exactly_the_expected_facts(
    northshire_extraction: Extraction, northshire: Project, kind: str
) -> None:
    expected = yaml.safe_load((NORTHSHIRE / "expected.yaml").read_text(encoding="utf-8"))[kind]
    found = by_name(northshire_extraction, northshire)[kind]
    key = json.dumps
    assert sorted(map(key, found)) == sorted(map(key, expected))


def test_curated_entities_are_linked_not_proposed_again(northshire_extraction: Extraction) -> None:
    new_names = {c.data["name"] for c in northshire_extraction.candidates if c.is_entity and c.link == "new"}
    assert "Northshire County Council" not in new_names
    hosts = next(c for c in northshire_extraction.candidates if c.data.get("kind") == "hosts")
    assert hosts.data["subject"] == "northshire-cc"


def test_mini_council_facts_link_to_curated_ids(mini: Project) -> None:
    result = extract(mini.root, "minutes")
    facts = {(c.section, json.dumps(c.data, sort_keys=True)) for c in result.candidates if not c.is_entity}
    assert (
        "memberships",
        json.dumps({"body": "cdrp", "member": "sam-patel", "role": "chair"}, sort_keys=True),
    ) in facts
    assert (
        "relations",
        json.dumps({"kind": "reports-to", "object": "executive-group", "subject": "cdrp"}, sort_keys=True),
    ) in facts
    merger = next(c for c in result.candidates if c.section == "changes" and c.data["kind"] == "merged")
    assert (merger.data["before"], merger.data["after"], merger.data["date"]) == (
        ["north-ccg", "south-ccg"],
        ["anytown-ccg"],
        "2018-04-01",
    )
    replaced = next(c for c in result.candidates if c.section == "changes" and c.data["kind"] == "replaced")
    assert (replaced.data["before"], replaced.data["after"], replaced.data["status"]) == (
        ["alscb"],
        ["ascp"],
        "planned",
    )
    linked = [c for c in result.candidates if not c.is_entity and c.link == "linked"]
    assert linked, "facts already curated are marked link: linked"


def test_fuzzy_linking_finds_a_misspelt_name() -> None:
    from graph.extract.index import Known

    index = EntityIndex([Known("mohammed-aikhlaq", "people", "Mohammed Aikhlaq")])
    assert index.fuzzy("Mohammed Aikhlag", ("people",)) == "mohammed-aikhlaq"
    assert index.fuzzy("Mohammed Ali", ("people",)) is None


def test_the_vocabulary_speaks_the_schema() -> None:
    """Every role and line kind the rules can propose is one the curated format knows."""
    assert {line.kind for line in LINES} <= set(RELATION_KINDS)
    assert set(CHAIR_WORDS.values()) <= set(CHAIR_ROLES)
    assert {role for _, role, _ in ROLE_TRIGGERS} <= set(ROLES)


def test_the_index_keeps_acronyms_as_printed_and_generic_names_apart() -> None:
    from graph.extract.index import Known

    index = EntityIndex(
        [
            Known("cas", "bodies", "Children's Advice Service", acronyms=["CAS"]),
            Known("nsb", "bodies", "Northshire Safeguarding Board", aliases=["the Board"]),
        ]
    )
    assert index.lookup("CAS") == {"cas"} and index.lookup("Cas") == set()
    assert index.lookup("childrens advice  service") == {"cas"}
    assert index.lookup("the Board") == set() and index.generic == {"board": {"nsb"}}
    assert index.fuzzy("Board", ("bodies",)) is None


def test_tokens_are_keyed_as_the_index_keys_names() -> None:
    """A name's tokens make the key ``graph.names.normalise`` files it under, even with
    a PDF ligature ("ﬁ") or a typographic apostrophe in it."""
    printed = "Children’s Safeguarding Oﬃce & Staﬀ Panel"
    tokens = [t.norm for t in tokenize(printed)]
    assert " ".join(tokens) == normalise(printed) == "childrens safeguarding office and staff panel"


# --- evidence --------------------------------------------------------------------


def _corpus_extractions() -> list[Extraction]:
    corpus = load_corpus(REPO / "data" / "sources")
    return [extract_document(doc, EntityIndex([])) for doc in corpus.documents.values()]


def test_every_quote_occurs_exactly_in_its_source(northshire_extraction: Extraction, mini: Project) -> None:
    results = [
        northshire_extraction,
        extract(mini.root, "minutes"),
        extract(mini.root, "letter"),
        *_corpus_extractions(),
    ]
    quotes = 0
    for result in results:
        for c in result.candidates:
            assert c.source == result.document.id
            for q in c.quotes:
                assert result.document.find(q) >= 0, (c.section, q)
                assert 0 < len(q) <= 300
                quotes += 1
    assert quotes > 300


@pytest.mark.parametrize(
    "quote",
    [
        "plain",
        "tab\tand\nnewline",
        'quote " and \\ backslash',
        "Zoë Ó Briain",
        "line\u2028separator",
        "form\x0cfeed",
        "nul-free \x7f del",
        "yes",
        "2018-04-01",
        "#not a comment",
        "key: value",
        "- dash",
    ],
)
def test_candidates_file_round_trips_any_quote(tmp_path: Path, quote: str) -> None:
    item = Candidate(
        "bodies",
        {"id": "cdop", "name": quote, "kind": "panel", "acronyms": [quote]},
        [quote],
        0.875,
        "new",
        "acronym-after-name",
        "doc",
    )
    path = tmp_path / "c.yaml"
    path.write_text(dump("doc", "A title: with colon", [item]), encoding="utf-8")
    source, items = load(path)
    assert source == "doc"
    assert items[0].quotes == [quote] and items[0].data["name"] == quote and items[0].data["acronyms"] == [quote]
    assert items[0].confidence == 0.88 and items[0].link == "new"


# --- small pieces ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expect"),
    [
        ("formed on 1 April 2018 by", ["2018-04-01"]),
        ("On April 1st 2018, the", ["2018-04-01"]),
        ("by 29th September 2019.", ["2019-09-29"]),
        ("in September 2019", ["2019-09"]),
        ("established in 2016 and", ["2016"]),
        ("the 2017/18 report and £2018", []),
        ("31 February 2019", ["2019-02"]),
    ],
)
def test_dates_as_documents_print_them(text: str, expect: list[str]) -> None:
    assert [d.iso for d in find_dates(text)] == expect


@pytest.mark.parametrize(
    ("short", "long", "expect"),
    [
        ("CDOP", "Child Death Overview Panel", True),
        ("BSOL CCG", "Birmingham & Solihull Clinical Commissioning Group", True),
        ("Ofsted", "Office for Standards in Education", True),
        ("CSE", "Child Sexual Exploitation", True),
        ("CDOP", "Serious Case Review", False),
        ("XYZ", "Child Death Overview Panel", False),
    ],
)
def test_acronym_letters_must_be_readable_from_the_name(short: str, long: str, expect: bool) -> None:
    assert fits(short, long) is expect


def test_sentences_keep_offsets_and_join_broken_pdf_lines() -> None:
    text = "Dr. Sam Patel chairs the Panel. It reports to the\nExecutive Group.\n\nHEADING\nNext line here."
    found = list(sentences(text))
    assert all(text[s.start : s.end] == s.text for s in found)
    assert [s.text for s in found][:2] == ["Dr. Sam Patel chairs the Panel.", "It reports to the\nExecutive Group."]
    assert "HEADING" in [s.text for s in found]


def test_chunks_cover_the_text_and_cut_at_blank_lines() -> None:
    text = ("para " * 50 + "\n\n") * 400
    spans = list(chunks(text, size=4096))
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in pairwise(spans))
    assert all(text[a - 2 : a] == "\n\n" for a, _ in spans[1:])


def test_holdout_index_forgets_what_only_one_document_says(mini: Project) -> None:
    facts, _ = load_facts(mini.facts)
    corpus = load_corpus(mini.sources)
    full = index_from_facts(facts)
    without_minutes = index_from_facts(facts, exclude_source="minutes", other_texts=[corpus["letter"].text])
    without_letter = index_from_facts(facts, exclude_source="letter", other_texts=[corpus["minutes"].text])
    assert "cdrp" in full and "cdrp" not in without_minutes and "cdrp" in without_letter
    assert full.lookup("the Council") == set()  # a bare head word is resolved in context, never globally


# --- the command -------------------------------------------------------------------


def test_extract_command_writes_a_candidates_file(mini_project: Project, tmp_path: Path) -> None:
    out = tmp_path / "candidates.yaml"
    result = CliRunner().invoke(
        cli, ["--project", str(mini_project.root), "extract", "minutes", "-o", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert sum(r["candidates"] for r in rows) == len(load(out)[1]) > 5
    assert load(out)[0] == "minutes"
    assert out.stat().st_mode & 0o777 == file_mode()  # not the private mode of a temporary file


def test_extract_prints_yaml_when_no_output_file(mini_project: Project) -> None:
    result = CliRunner().invoke(
        cli, ["--project", str(mini_project.root), "extract", "minutes", "--min-confidence", "0.8"]
    )
    assert result.exit_code == 0
    data = yaml.safe_load(result.stdout)
    assert data["source"] == "minutes"
    assert all(item["confidence"] >= 0.8 for section, items in data.items() if section != "source" for item in items)


def test_extract_prints_json_with_format_json_and_no_output_file(mini_project: Project) -> None:
    """The same candidates as the YAML a reviewer reads, for a program to read."""
    args = ["--project", str(mini_project.root), "extract", "minutes"]
    as_json = CliRunner().invoke(cli, [*args, "--format", "json"])
    as_yaml = CliRunner().invoke(cli, args)
    assert as_json.exit_code == as_yaml.exit_code == 0
    assert json.loads(as_json.stdout) == yaml.safe_load(as_yaml.stdout)


def test_unknown_source_is_not_found_with_suggestions(mini_project: Project) -> None:
    result = CliRunner().invoke(cli, ["--project", str(mini_project.root), "extract", "minute"])
    assert result.exit_code == 1
    assert "no document 'minute'" in result.stderr and "minutes" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"   \n\n", "is empty: nothing to extract"),
        ("caf\u00e9 \u2019".encode("cp1252"), "is not UTF-8"),
    ],
)
def test_a_registered_document_that_cannot_be_read_is_refused(mini_project: Project, data: bytes, message: str) -> None:
    (mini_project.sources / "letter.txt").write_bytes(data)
    result = CliRunner().invoke(cli, ["--project", str(mini_project.root), "extract", "letter"])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_long_document_shows_progress_on_stderr(mini_project: Project) -> None:
    block = (mini_project.sources / "minutes.txt").read_text(encoding="utf-8")
    (mini_project.sources / "minutes.txt").write_text((block + "\n\n") * 100, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--project", str(mini_project.root), "extract", "minutes", "-o", str(mini_project.root / "c.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert "Extracting minutes" in result.stderr
    assert "Extracting" not in result.stdout


# --- the evaluation behind scripts/eval-extract -----------------------------------


def test_evaluation_scores_the_mini_council_against_its_curated_facts(mini_project: Project) -> None:
    from benchmarks.eval_extract import evaluate, format_report, roundtrip

    linked = evaluate(mini_project.root, holdout=False)
    chairs = linked.scores["chairs"]
    assert (chairs.gold, chairs.found) == (2, 2)  # sam-patel chairs cdrp; Zoë chairs the ASCP (letter)
    assert linked.scores["changes"].recall == 1.0
    # all 4 lines, "accountable to the three safeguarding partners: Anytown Borough Council" too (a list after a colon)
    assert (linked.scores["lines"].gold, linked.scores["lines"].found) == (4, 4)
    # the rest are true but uncurated (Zoë's appointment, the two attendees of the "Present:" line, the
    # Partnership accountable to the police and the CCG of that colon list, the three of that list as
    # its safeguarding partners, the Council funding it)
    assert linked.overall.precision is not None and linked.overall.precision >= 0.55
    held = evaluate(mini_project.root, holdout=True)
    assert held.scores["chairs"].found == 2  # found again by name, without the curated entities
    assert "people-with-posts" in format_report(held) and held.bytes > 0
    trip = roundtrip(mini_project.root, 0.8)
    assert trip.accepted > 0 and trip.reproduced > 0 and trip.findings_in_written == []


def test_evaluation_skips_a_facts_file_being_edited(mini_project: Project) -> None:
    from benchmarks.eval_extract import load_readable_facts

    (mini_project.facts / "half-typed.yaml").write_text("bodies:\n  - id: x\n    name: [unclosed\n", encoding="utf-8")
    facts, skipped = load_readable_facts(mini_project.facts)
    assert "cdrp" in facts.entities
    assert len(skipped) == 1 and skipped[0].startswith("half-typed.yaml")


def _acronyms_of(text: str) -> dict[str, list[str]]:
    """The acronyms each new body or organisation gets from ``text``, by name."""
    doc = Document("doc", "Minutes", "2019-11-14", "Wyvern Council", "minutes", Path("doc.txt"), text=text)
    result = extract_document(doc, EntityIndex([]))
    return {c.data["name"]: c.data.get("acronyms", []) for c in result.candidates if c.is_entity}


def test_an_acronym_never_spelled_out_is_the_one_body_whose_initials_it_is() -> None:
    found = _acronyms_of(
        "Jo Bell, Independent Chair of the Wyvern Safeguarding Adults Board, opened the meeting.\n"
        "The WSAB agreed its business plan for the year."
    )
    assert found["Wyvern Safeguarding Adults Board"] == ["WSAB"]


def test_an_acronym_spelled_out_as_something_else_is_not_read_from_initials() -> None:
    found = _acronyms_of(
        "Jo Bell, Independent Chair of the Wyvern Safeguarding Adults Board, opened the meeting.\n"
        "Partners completed the Wyvern Self-Assessment Bundle (WSAB) again this year."
    )
    assert "WSAB" not in found.get("Wyvern Safeguarding Adults Board", [])


def test_a_chair_in_a_row_ending_with_an_acronym_chairs_the_board_the_minutes_are_of() -> None:
    """ "Jo Bell, Independent Chair, WSAB": the seat is on the board named, not on a new
    body called "WSAB"; an officer's row ending "..., WCC" is that organisation's post."""
    text = (
        "Wyvern Safeguarding Adults Board\nMinutes of the meeting of 3 May 2019\n\nPresent:\n"
        "Jo Bell, Independent Chair, WSAB\nTom Kell, Deputy Head of Legal Services, WCC\n"
    )
    doc = Document("doc", "Minutes", "2019-05-03", "Wyvern Council", "minutes", Path("doc.txt"), text=text)
    result = extract_document(doc, EntityIndex([]))
    names = {c.data["id"]: c.data["name"] for c in result.candidates if c.is_entity}
    chairs = {
        (names[c.data["member"]], names[c.data["body"]])
        for c in result.candidates
        if c.section == "memberships" and c.data["role"] == "chair"
    }
    assert chairs == {("Jo Bell", "Wyvern Safeguarding Adults Board")}
    posts = {c.data["name"]: names.get(c.data.get("organisation")) for c in result.candidates if c.section == "posts"}
    assert posts["Deputy Head of Legal Services"] == "WCC"
