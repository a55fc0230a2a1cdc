"""Extraction on other councils' layouts, and the evaluation that scores it against hand gold.

tests/fixtures/extract/councils/ holds short texts written for these tests, one per
construction met in other councils' public papers (an attendance block run together
on one line, a table whose cells a PDF joined with " / ", the line phrases of minutes
and arrangements), each with the facts a reader takes from it in the hand-gold format
of benchmarks/councils/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from benchmarks.eval_extract import (
    COUNCIL_GOLD,
    COUNCIL_KINDS,
    Named,
    Seat,
    _council_match,
    evaluate_texts,
    format_councils,
    main,
)
from graph.extract import extract_document
from graph.extract.discourse import UNATTRIBUTED
from graph.extract.index import EntityIndex
from graph.sources.corpus import Document

FIXTURES = Path(__file__).parent / "fixtures" / "extract" / "councils"
TEXTS = sorted(p.stem for p in FIXTURES.glob("*.txt"))


@pytest.fixture(scope="module")
def results() -> dict[str, object]:
    return {r.id: r for r in evaluate_texts(FIXTURES, FIXTURES)}


def _document(name: str) -> Document:
    path = FIXTURES / f"{name}.txt"
    prov = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))["provenance"]
    return Document(name, prov["title"], "", prov["publisher"], prov["kind"], path, text=path.read_text("utf-8"))


@pytest.mark.parametrize("name", TEXTS)
@pytest.mark.parametrize("kind", COUNCIL_KINDS)
def test_each_layout_gives_exactly_its_expected_facts(results: dict, name: str, kind: str) -> None:
    result = results[name]
    strict = result.strict[kind]
    if strict.gold == 0:
        assert strict.candidates == 0, result.wrong[kind]
    else:
        assert (strict.precision, strict.recall) == (1.0, 1.0), (result.misses[kind], result.wrong[kind])


@pytest.mark.parametrize("name", TEXTS)
def test_every_quote_is_a_slice_of_the_text(results: dict, name: str) -> None:
    assert results[name].quotes > 0 and results[name].verbatim == results[name].quotes


def test_a_post_the_text_gives_no_organisation_is_proposed_without_one_and_says_so() -> None:
    candidates = extract_document(_document("westmere-minutes"), EntityIndex([])).candidates
    post = next(c for c in candidates if c.section == "posts" and c.data["name"] == "Business Manager")
    assert "organisation" not in post.data and post.data["note"] == UNATTRIBUTED
    appointment = next(c for c in candidates if c.section == "appointments" and c.data["post"] == post.data["id"])
    assert appointment.confidence < 0.8  # review --accept-all-above 0.8 leaves it to a person


def test_a_row_run_on_from_the_one_before_keeps_its_columns_apart() -> None:
    candidates = extract_document(_document("westmere-minutes"), EntityIndex([])).candidates
    names = {c.data["name"] for c in candidates if c.section == "people"}
    assert "Grace Adeyemi" in names and not any(n.startswith("Westmere Borough") for n in names)
    orgs = {c.data["name"] for c in candidates if c.section == "organisations"}
    assert "Westmere Borough Council" in orgs  # the organisation cell ends where the next name starts


def test_apologies_are_not_attendance() -> None:
    candidates = extract_document(_document("westmere-minutes"), EntityIndex([])).candidates
    ruth = next(c.data["id"] for c in candidates if c.section == "people" and c.data["name"] == "Ruth Bell")
    assert not [c for c in candidates if c.section == "memberships" and c.data["member"] == ruth]


@pytest.mark.parametrize(
    "sentence",
    ["is to be replaced by a new partnership", "is being replaced by a new partnership", "will be replaced by"],
)
def test_a_body_to_be_replaced_is_what_the_change_ends(tmp_path: Path, sentence: str) -> None:
    path = tmp_path / "news.txt"
    path.write_text(f"The Ravenmoor Local Safeguarding Children Board {sentence} next year.\n", encoding="utf-8")
    doc = Document("news", "Ravenmoor news", "", "Ravenmoor Council", "news", path, text=path.read_text("utf-8"))
    change = next(c for c in extract_document(doc, EntityIndex([])).candidates if c.section == "changes")
    assert change.data["before"] == ["ravenmoor-local-safeguarding-children-board"] and not change.data.get("after")


def test_strict_needs_the_organisation_lenient_does_not() -> None:
    person = Named("people", ["Jane Smith"])
    council = Named("organisations", ["Anytown Borough Council"])
    post = Named("posts", ["Head of Housing"], organisation=council)
    bare = Named("posts", ["Head of Housing"])
    gold = ["Jane Smith", "Head of Housing", "Anytown Borough Council"]
    assert _council_match("people-with-posts", (person, post), gold, strict=True)
    assert not _council_match("people-with-posts", (person, bare), gold, strict=True)
    assert _council_match("people-with-posts", (person, bare), gold, strict=False)
    unsaid = ["Jane Smith", "Head of Housing", None]  # the text does not say whose post it is
    assert _council_match("people-with-posts", (person, bare), unsaid, strict=True)
    assert not _council_match("people-with-posts", (person, post), unsaid, strict=True)


def test_a_chairs_seat_answers_for_the_appointment_the_gold_writes() -> None:
    """ "Jo Bell, Chair, Anytown Board" in the gold; a chair's membership in the graph."""
    person = Named("people", ["Jo Bell"])
    board = Named("bodies", ["Anytown Safeguarding Board"])
    assert _council_match(
        "people-with-posts",
        (person, Seat(board, "chair")),
        ["Jo Bell", "Chair", "Anytown Safeguarding Board"],
        strict=True,
    )
    assert _council_match(
        "people-with-posts",
        (person, Seat(board, "chair")),
        ["Jo Bell", "Interim Chair", "Anytown Safeguarding Board"],
        strict=True,
    )
    assert _council_match(
        "people-with-posts",
        (person, Seat(board, "vice-chair")),
        ["Jo Bell", "Deputy Chair", "Anytown Safeguarding Board"],
        strict=True,
    )
    assert not _council_match(
        "people-with-posts",
        (person, Seat(board, "vice-chair")),
        ["Jo Bell", "Chair", "Anytown Safeguarding Board"],
        strict=True,
    )
    assert not _council_match(
        "people-with-posts", (person, Seat(board, "chair")), ["Jo Bell", "Chair", "Other Board"], strict=True
    )
    assert not _council_match(
        "people-with-posts", (person, Seat(board, "chair")), ["Jo Bell", "Head of Housing", None], strict=False
    )


def test_the_command_prints_a_table_per_split(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--texts", str(FIXTURES), "--gold", str(FIXTURES), "--split", "all"]) == 0
    out = capsys.readouterr().out
    assert f"split: all ({len(TEXTS)} texts)" in out and "lenient P" in out and "people-with-posts" in out
    with pytest.raises(SystemExit, match="not a folder"):
        main(["--texts", str(FIXTURES / "missing")])
    assert "split: dev (0 texts)" in format_councils([], ["dev"])


def test_committed_gold_says_where_each_text_is_and_quotes_none_of_it() -> None:
    files = sorted(COUNCIL_GOLD.glob("*.yaml"))
    assert len(files) >= 6
    for path in files:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert gold["split"] in ("dev", "test"), path.name
        assert all(gold["provenance"].get(k) for k in ("title", "publisher", "address")), path.name
        comments = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip().startswith("#")]
        assert not [c for c in comments if '"' in c or "“" in c], path.name  # no sentence of the text
    assert {yaml.safe_load(p.read_text(encoding="utf-8"))["split"] for p in files} == {"dev", "test"}
