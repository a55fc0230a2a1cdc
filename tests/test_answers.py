"""The governance questions on the mini council: answers, citations, time, bad input."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

from graph.build.index import load_index
from graph.cli import cli
from graph.errors import Ambiguous, InputError, NotFound
from graph.project import Project
from graph.questions.ask import parse
from graph.questions.governance import Governance
from graph.questions.resolve import Resolver


@pytest.fixture(scope="module")
def gov(mini_built: Project) -> Governance:
    return Governance.from_build(mini_built.out)


def run(project: Project, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["--project", str(project.root), *args])


def test_chairs_are_cited(gov: Governance) -> None:
    rows = gov.chairs("CDRP").rows
    assert [(r["role"], r["holder"]) for r in rows] == [("chair", "Sam Patel")]
    citation = rows[0]["citations"][0]
    assert citation["quote"] == "The Child Death Review Panel (CDRP) is chaired by Dr Sam Patel"
    assert citation["title"].startswith("Anytown Safeguarding Children Partnership minutes")
    assert citation["line"] == 7


def test_members_and_roles(gov: Governance) -> None:
    assert [r["holder"] for r in gov.members("ASCP").rows] == ["Zoë Ó Briain"]
    roles = {(r["role"], r["of"]) for r in gov.roles("Sam Patel").rows}
    assert roles == {("holds post", "Director of Public Health"), ("chair", "Child Death Review Panel")}


def test_reports_to_and_chain(gov: Governance) -> None:
    lines = [(r["line"], r["to_id"]) for r in gov.reports_to("executive-group").rows]
    assert lines == [("reports-to", "ascp"), ("part-of", "ascp")]
    chain = gov.chain("CDRP").rows
    assert [h["to_id"] for h in chain[0]["hops"]] == ["executive-group", "ascp", "anytown-council"]
    assert all(h["citations"] for h in chain[0]["hops"])


def test_explain_cites_every_hop(gov: Governance) -> None:
    rows = gov.explain("Sam Patel", "Anytown Borough Council").rows
    hops = rows[0]["hops"]
    assert hops[0]["from_id"] == "sam-patel" and hops[-1]["to_id"] == "anytown-council"
    assert all(h["citations"] for h in hops)


def test_explain_without_a_path(gov: Governance) -> None:
    with pytest.raises(NotFound):
        gov.explain("Anytown Police", "North Anytown CCG")


def test_as_of_across_the_merger(mini_built: Project) -> None:
    before = Governance.from_build(mini_built.out, date(2018, 3, 31))
    after = Governance.from_build(mini_built.out, date(2018, 4, 1))
    assert "north-ccg" in before.entities and "anytown-ccg" not in before.entities
    assert "anytown-ccg" in after.entities and "north-ccg" not in after.entities


def test_diff_across_the_merger(gov: Governance) -> None:
    rows = gov.diff(date(2018, 3, 31), date(2018, 4, 1)).rows
    assert {(r["change"], r["id"]) for r in rows if r["type"] == "organisation"} == {
        ("removed", "north-ccg"),
        ("removed", "south-ccg"),
        ("added", "anytown-ccg"),
    }


def test_planned_change_is_listed_but_not_in_force(gov: Governance, mini_built: Project) -> None:
    planned = [r for r in gov.changes().rows if r["status"] == "planned"]
    assert [r["id"] for r in planned] == ["ascp-replaces-alscb"]
    later = Governance.from_build(mini_built.out, date(2020, 1, 1))
    assert "alscb" in later.entities  # a planned replacement ends nothing


def test_changes_between_dates(gov: Governance) -> None:
    assert [r["id"] for r in gov.changes(date(2018, 4, 1), date(2018, 4, 1)).rows] == ["ccg-merger"]
    with pytest.raises(NotFound):
        gov.changes(date(2017, 1, 1), date(2017, 12, 31))


def test_changes_of_one_kind(gov: Governance) -> None:
    assert [r["id"] for r in gov.changes(kind="merged").rows] == ["ccg-merger"]
    assert {r["change"] for r in gov.changes(kind="replaced").rows} == {"replaced"}
    with pytest.raises(NotFound, match="no change events of kind renamed"):
        gov.changes(kind="renamed")


def test_conflicts_keep_both_claims(gov: Governance) -> None:
    rows = gov.conflicts().rows
    assert [(r["value"], r["citations"][0]["document"]) for r in rows] == [
        ("2019-06-30", "letter"),
        ("2019-09", "minutes"),
    ]


@pytest.mark.parametrize(
    ("name", "expect"),
    [
        ("CDRP", "cdrp"),
        ("child death review pannel", "cdrp"),
        ("Zoe O Briain", "zoe-o-briain"),
        ("the Council", "anytown-council"),
        ("anytown police", "anytown-police"),
    ],
)
def test_resolver(gov: Governance, name: str, expect: str) -> None:
    assert gov.resolver.resolve(name).id == expect


def test_ambiguous_name_lists_candidates(gov: Governance) -> None:
    with pytest.raises(Ambiguous) as caught:
        gov.chairs("CCG")
    assert len(caught.value.candidates) >= 2


@pytest.mark.parametrize(
    ("question", "command"),
    [
        ("who chairs the CDRP?", "govgraph chairs CDRP --role chair"),
        ("Who is the chair of the Executive Group?", 'govgraph chairs "Executive Group" --role chair'),
        ("who does the CDRP report to?", "govgraph reports-to CDRP"),
        ("who does CDRP ultimately report to?", "govgraph chain CDRP"),
        ("what roles does Sam Patel hold?", 'govgraph roles "Sam Patel"'),
        ("who sits on the ASCP?", "govgraph members ASCP --seated"),
        ("what changed on 1 April 2018?", "govgraph changes --from 2018-04-01 --to 2018-04-01"),
        ("what changed between March 2018 and May 2018?", "govgraph changes --from 2018-03-01 --to 2018-05-31"),
        ("how is the CDRP connected to the council?", "govgraph explain CDRP council"),
        ("who chaired the ASCP before April 2018?", "govgraph chairs ASCP --role chair --as-of 2018-03-31"),
        ("where do the sources disagree?", "govgraph conflicts"),
        ("what is the difference between 2018-03-31 and 2018-04-01", "govgraph diff 2018-03-31 2018-04-01"),
    ],
)
def test_ask_maps_questions(mini_built: Project, question: str, command: str) -> None:
    assert parse(question, load_index(mini_built.out))[0][0].as_command() == command


def test_ask_refuses_what_it_cannot_map(mini_built: Project) -> None:
    with pytest.raises(NotFound) as caught:
        parse("tell me a joke", load_index(mini_built.out))
    assert caught.value.candidates


@pytest.mark.parametrize("question", ["x" * 10_000, "who chairs \x00\x07 the CDOP?"])
def test_ask_refuses_hostile_questions(mini_built: Project, question: str) -> None:
    result = run(mini_built, "ask", question)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    with pytest.raises(InputError):
        parse(question, load_index(mini_built.out))


def test_injection_text_is_just_not_found(mini_built: Project) -> None:
    result = run(mini_built, "chairs", 'x" } UNION { ?s ?p ?o } #')
    assert result.exit_code == 1
    assert "Error: not-found" in result.output


def test_ask_says_what_it_ran(mini_built: Project) -> None:
    result = run(mini_built, "ask", "who chairs the CDRP?")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("→ govgraph chairs CDRP --role chair\n")
    assert "Sam Patel" in result.output and "↳ “The Child Death Review Panel (CDRP)" in result.output


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_non_ascii_round_trips(mini_built: Project, fmt: str) -> None:
    result = run(mini_built, "members", "ASCP", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "Zoë Ó Briain" in result.output
    if fmt == "json":
        assert json.loads(result.output)["rows"][0]["holder"] == "Zoë Ó Briain"
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(result.output)))
        assert rows[0]["holder"] == "Zoë Ó Briain" and "Zoë Ó Briain, Chair" in rows[0]["evidence"]


def test_no_cite_hides_evidence(mini_built: Project) -> None:
    result = run(mini_built, "chairs", "CDRP", "--no-cite")
    assert "↳" not in result.output and "Sam Patel" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["chairs", "Nonexistent Panel"], 1, "no organisation or body matches"),
        (["diff", "2018-13-01", "2019-01-01"], 2, "invalid date '2018-13-01'"),
        (["members", "ASCP", "--as-of", "yesterday"], 2, "invalid date 'yesterday'"),
        (
            ["members", "NHS Anytown CCG", "--as-of", "2018-03-01"],
            1,
            "the documents do not say who sits on NHS Anytown CCG",
        ),
        (["explain", "CDRP", ""], 2, "B is empty"),
    ],
)
def test_errors_are_one_line(mini_built: Project, args: list[str], code: int, message: str) -> None:
    result = run(mini_built, *args)
    assert result.exit_code == code, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_without_a_build(mini_project: Project) -> None:
    result = run(mini_project, "chairs", "CDRP")
    assert result.exit_code == 2
    assert "no built graph: run `govgraph build` first" in result.output


def test_before_and_after_a_change(gov: Governance) -> None:
    answer = gov.around("Anytown Safeguarding Children Partnership")
    assert answer.subject is not None and answer.subject["id"] == "ascp-replaces-alscb"
    sides = {(r["side"], r["what"]) for r in answer.rows}
    assert ("after", "Anytown Safeguarding Children Partnership accountable to Anytown Borough Council") in sides
    assert ("after", "Zoë Ó Briain is chair of Anytown Safeguarding Children Partnership") in sides
    assert all(r["citations"] for r in answer.rows)


def test_ask_before_and_after(mini_built: Project) -> None:
    intent = parse("who was accountable to whom before and after the move to the ASCP?", load_index(mini_built.out))[0][
        0
    ]
    assert intent.as_command() == "govgraph diff --change ASCP"


def test_diff_needs_dates_or_a_change(mini_built: Project) -> None:
    result = run(mini_built, "diff", "2018-03-31")
    assert result.exit_code == 2
    assert "give two dates, or --change CHANGE" in result.output


def test_a_name_with_every_word_typed_wins_among_close_guesses(corpus_built: Project) -> None:
    """ "Director of Planning & Performance": one post has all those words, many some."""
    result = run(corpus_built, "roles", "Director of Planning & Performance", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["subject"]["id"] == "bsol-ccg-director-planning-performance"


def test_the_safeguarding_partners_of_arrangements_are_its_members(corpus_built: Project) -> None:
    result = run(corpus_built, "members", "Multi-Agency Safeguarding Arrangements", "--format", "json")
    rows = json.loads(result.output)["rows"]
    assert {r["holder"] for r in rows if r["role"] == "safeguarding-partner"} == {
        "Birmingham City Council",
        "NHS Birmingham and Solihull Clinical Commissioning Group",
        "West Midlands Police",
    }
    # each partner once, with every passage that names it
    assert len(rows) == 3 and all(len(r["citations"]) >= 2 for r in rows)


def test_a_post_in_a_unit_represents_the_organisation_the_unit_is_part_of(corpus_built: Project) -> None:
    """The Head of PPU's post is in the Public Protection Unit, a unit of West Midlands Police."""
    board = "Organisational Learning & Risk Board"
    result = run(corpus_built, "members", board, "--represents", "West Midlands Police", "--format", "json")
    assert result.exit_code == 0 and "Head of PPU (WMP)" in {r["holder"] for r in json.loads(result.output)["rows"]}
    assert run(corpus_built, "members", board, "--represents", "Birmingham City Council").exit_code == 1


def test_diff_of_a_change_names_what_it_ended_began_and_moved(corpus_built: Project) -> None:
    """A service that moved is found by the change that moved it, whose row names both sides."""
    result = run(corpus_built, "diff", "--change", "Looked after Children Service", "--format", "json")
    event = json.loads(result.output)["rows"][0]
    assert result.exit_code == 0 and event["side"] == "change"
    assert event["before"] == ["Sandwell and West Birmingham Clinical Commissioning Group"]
    assert event["after"] == ["Sandwell & West Birmingham Hospitals NHS Trust"]


def test_an_undated_change_is_known_by_the_day_a_document_states_it(corpus_built: Project) -> None:
    """LACES's rename has no date: the documents of October 2018 know it, a window cannot place it."""
    by = run(corpus_built, "changes", "--of", "LACES", "--to", "2018-10-17", "--format", "json")
    assert by.exit_code == 0 and {r["change"] for r in json.loads(by.output)["rows"]} == {"renamed"}
    assert run(corpus_built, "changes", "--of", "LACES", "--to", "2016-01-01").exit_code == 1
    assert run(corpus_built, "changes", "--of", "LACES", "--from", "2018-01-01").exit_code == 1


def test_the_organisations_that_run_a_service_are_its_members(corpus_built: Project) -> None:
    """ "the partners running the service - BCHC, Barnardo's, ...": who the service is made of."""
    result = run(corpus_built, "members", "Early Years Health and Wellbeing Service", "--format", "json")
    rows = json.loads(result.output)["rows"]
    assert result.exit_code == 0 and {r["role"] for r in rows} == {"delivers"}
    assert {"Barnardo's", "Spurgeons", "Springfield Project"} <= {r["holder"] for r in rows}
    # a board's members are still only its members, not what it delivers
    board = json.loads(run(corpus_built, "members", "BSCB", "--format", "json").output)["rows"]
    assert "delivers" not in {r["role"] for r in board}


def test_a_plan_has_its_lines_both_ways(corpus_built: Project) -> None:
    """The SEND strategy is a plan: approved by Cabinet on a date, carried out and
    overseen by named groups; Cabinet's own card says what it approved."""
    result = run(corpus_built, "about", "SEND and Inclusion Strategy", "--format", "json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["subject"]["type"] == "plan"
    lines = {(r["section"], r["what"], r.get("start")) for r in answer["rows"]}
    assert ("approved by", "Cabinet of Birmingham City Council", "2017-12-12") in lines
    assert ("recommended by", "Inclusion Commission", None) in lines
    # the two documents name different overseers: both are kept
    assert {w for s, w, _ in lines if s == "overseen by"} == {"Inclusion Commission", "SEND & Inclusion Steering Group"}
    cabinet = json.loads(run(corpus_built, "about", "bcc-cabinet", "--line", "approves", "--format", "json").output)
    assert [r["what_id"] for r in cabinet["rows"]] == ["send-inclusion-strategy"]


def test_a_plan_is_no_agent(corpus_built: Project) -> None:
    """A plan chairs nothing and sits on nothing: it is not offered where a body is asked."""
    result = run(corpus_built, "chairs", "Written Statement of Action")
    assert result.exit_code == 1 and "no organisation or body matches" in result.output


def test_a_post_asked_in_a_capacity_is_held_in_it(corpus_built: Project) -> None:
    """The Ofsted letter says a new interim DCS will be in post, but not who: the
    substantive DCS is not the answer. An acting holder is found by the capacity."""
    interim = run(corpus_built, "roles", "interim Director of Children's Services")
    assert interim.exit_code == 1
    assert "no interim holder of Director of Children's Services" in interim.output
    assert "Colin Diamond" not in interim.output
    acting = json.loads(run(corpus_built, "roles", "Acting AD for SEND", "--format", "json").output)
    assert [(r["role"], r["of"]) for r in acting["rows"]] == [("held by (acting)", "Sharon Scott")]


def test_roles_rows_carry_ids(corpus_built: Project) -> None:
    """JSON rows name what they point to by id too, so a reader can join on it."""
    rows = json.loads(run(corpus_built, "roles", "Simon Cross", "--format", "json").output)["rows"]
    co_chair = next(r for r in rows if r["role"] == "co-chair")
    assert co_chair["of_id"] == "regional-lscb-business-managers-forum"
    post = next(r for r in rows if r["role"] == "holds post")
    assert post["in_id"] == "bscb"


def test_a_name_typed_with_its_words_in_another_order_is_found() -> None:
    """When no name is close as a whole, one name holding every content word typed is
    meant; two such names are ambiguous, and one word alone is never enough."""
    entities = {
        "team": {"type": "body", "name": "Ofsted/CQC joint area inspection team, Anytown, May 2019"},
        "forum": {"type": "body", "name": "Anytown Inspection Forum"},
        "panel": {"type": "body", "name": "Anytown Joint Review Panel"},
    }
    resolver = Resolver(entities)
    assert resolver.resolve("the joint area inspection in Anytown").id == "team"
    with pytest.raises(Ambiguous):
        resolver.resolve("Anytown joint")
    with pytest.raises(NotFound):
        resolver.resolve("inspection regime")


def test_members_gives_the_number_the_documents_state(corpus_built: Project) -> None:
    """The graph names one of the nine LSCBs in the regional group; `members` says both:
    the one it names, and the nine the documents state, with its quote."""
    answer = json.loads(
        run(corpus_built, "members", "Regional Safeguarding Procedures Group", "--format", "json").output
    )
    assert [r["holder_id"] for r in answer["rows"]] == ["bscb"]
    assert [(s["property"], s["value"]) for s in answer["stated"]] == [("member-lscbs", "9")]
    assert "nine LSCBs" in answer["stated"][0]["citations"][0]["quote"]
    # a narrowed list is not the whole body: the stated number is left out
    narrowed = json.loads(
        run(
            corpus_built, "members", "Regional Safeguarding Procedures Group", "--role", "member", "--format", "json"
        ).output
    )
    assert "stated" not in narrowed


def test_roles_says_who_appointed_a_person(corpus_built: Project) -> None:
    rows = json.loads(run(corpus_built, "roles", "Jon Glasby", "--format", "json").output)["rows"]
    assert ("appointed by", "bcc") in {(r["role"], r["of_id"]) for r in rows}
