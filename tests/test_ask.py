"""ask: questions read from their parts (entities, dates, relation words) on the corpus."""

from __future__ import annotations

import json
import shlex
from datetime import date
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from graph.build.index import load_index
from graph.cli import cli
from graph.errors import InputError, NotFound
from graph.model.schema import WITHOUT_SEAT
from graph.project import Project
from graph.questions.ask import ask, parse, split_parts
from graph.questions.governance import Governance
from graph.questions.mentions import QuestionIndex, find, tokens
from graph.questions.when import find_when
from tests.support.projects import REPO

DEV = yaml.safe_load((REPO / "tests" / "questions" / "dev.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(corpus_built: Project) -> dict[str, Any]:
    return load_index(corpus_built.out)


def commands(question: str, index: dict[str, Any]) -> list[str]:
    return [readings[0].as_command() for readings in parse(question, index)]


@pytest.mark.parametrize(
    ("text", "as_of", "start", "end"),
    [
        ("who chaired it in 2017/18?", date(2017, 9, 30), date(2017, 4, 1), date(2018, 3, 31)),
        ("during 2018-19", date(2018, 9, 30), date(2018, 4, 1), date(2019, 3, 31)),
        ("before April 2018", date(2018, 3, 31), date.min, date(2018, 3, 31)),
        ("after 1 April 2018", date(2018, 4, 2), date(2018, 4, 2), date.max),
        ("in early 2018", date(2018, 3, 1), date(2018, 1, 1), date(2018, 4, 30)),
        ("between July and October 2018", date(2018, 10, 31), date(2018, 7, 1), date(2018, 10, 31)),
        ("on April 1st 2018", date(2018, 4, 1), date(2018, 4, 1), date(2018, 4, 1)),
        ("at the time of the inspection letter", date(2018, 9, 3), date(2018, 9, 3), date(2018, 9, 3)),
    ],
)
def test_dates_anywhere_in_a_question(index: dict[str, Any], text: str, as_of: date, start: date, end: date) -> None:
    rest, when = find_when(f"who chairs the CDOP {text}", index["documents"])
    assert when is not None and (when.as_of, when.start, when.end) == (as_of, start, end)
    assert rest.startswith("who chairs the CDOP")


@pytest.mark.parametrize("text", ["in 2017/19", "on 2018-02-29", "after 9999-12-31", "before 0001-01-01"])
def test_impossible_dates_are_one_line_errors(index: dict[str, Any], text: str) -> None:
    with pytest.raises(InputError):
        parse(f"who chairs the CDOP {text}?", index)


@pytest.mark.parametrize(
    ("question", "entity"),
    [
        ("Who is Simon Cross's line manager?", "simon-cross"),  # possessive
        ("Who does the safeguarding team at West Midlands Ambulance Service report to?", "wmas-safeguarding-team"),
        ("who does the YOS gangs Strategic Board report to?", "gangs-strategic-board"),  # the whole phrase
        ("who chairs the panel that reviews child deaths?", "cdop"),  # a description
        ("what roles does Penny Thomson hold?", "penny-thompson"),  # a typo
        ("who is the chair of the qio sub group?", "qio-sub-group"),  # hyphens and case
    ],
)
def test_entities_are_found_inside_the_question(index: dict[str, Any], question: str, entity: str) -> None:
    intent = parse(question, index)[0][0]
    assert Governance(index).resolver.resolve(str(intent.args[0])).id == entity


def test_tokens_keep_possessives_apart() -> None:
    toks = tokens("Simon Cross's manager")
    assert [(t.key, t.bare) for t in toks][1] == ("crosss", "cross")


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("who reports to the BSCB Executive Board?", ["govgraph below"]),
        ("who does the BSCB Executive Board report to?", ["govgraph reports-to"]),
        ("what does the Birmingham Prevent Executive Board oversee?", ["govgraph below"]),
        ("who oversees the Birmingham Prevent Programme?", ["govgraph reports-to"]),
        ("who owns the Children's Trust?", ["govgraph about", "--line owned-by"]),
        ("what does the City Council own?", ["govgraph about", "--line owns"]),
        ("where is the BSCB Business Support Unit hosted?", ["--line hosted-by"]),
        ("who is Simon Cross's line manager?", ["--line line-managed-by"]),
        ("who commissions the Youth Offending Service?", ["govgraph about", "--line commissioned-by"]),
        ("as part of its duties, who does the CDOP report to?", ["govgraph reports-to CDOP"]),
        ("who line-manages Simon Cross?", ["govgraph about", "--line line-managed-by"]),
        ("what does CDOP stand for?", ["govgraph define CDOP"]),
        ("tell me about the CDOP", ["govgraph about CDOP"]),
        ("how many sub-groups report to the BSCB Executive Board?", ["govgraph below", "--only bodies"]),
        ("who reports to whom during the transition to MASA?", ["govgraph diff --change MASA"]),
        ("show me the structure under the BSCB", ["govgraph tree BSCB"]),
        ("where does the CDOP sit in the structure?", ["govgraph tree CDOP --up"]),
        ("who chairs the BSCB's Serious Case Review Sub-Group?", ['govgraph chairs "Serious Case Review Sub-Group"']),
        ("who is the deputy chair of the Children's Social Care O&S Committee?", ["--role vice-chair"]),
    ],
)
def test_the_relation_and_its_direction(index: dict[str, Any], question: str, expect: list[str]) -> None:
    line = commands(question, index)[0]
    assert all(e in line for e in expect), line


def test_a_line_not_recorded_may_be_a_role_members_hold(index: dict[str, Any]) -> None:
    """No body "supports" the committee by a line, but three officers hold the role
    officer-support on it: the question is answered by them, not "not recorded"."""
    (intent, answer), *_ = ask(
        "who is supporting the Children's Social Care O&S Committee as its officers?", index
    ).answered
    assert (intent.command, intent.options.get("role")) == ("members", "officer-support")
    assert {row["holder"] for row in answer.rows} == {"Rose Kiely", "Amanda Simcox", "Sarah Stride"}


@pytest.mark.parametrize(
    ("text", "question", "entity"),
    [
        ("children's services", "", None),  # not Essex Children's Services: "Essex" is unsaid
        ("Staffordshire and West Midlands", "", None),  # nor the CRC, whose "Rehabilitation" is unsaid
        ("Staffordshire and West Midlands", "who contracts the Staffordshire and West Midlands CRC?", "swm-crc"),
        ("West Midlands Ambulance Service", "", "wmas"),  # "NHS Foundation Trust" are common words
    ],
)
def test_a_phrase_names_an_entity_only_with_its_own_words(
    index: dict[str, Any], text: str, question: str, entity: str | None
) -> None:
    assert QuestionIndex(index).clear_match(text, question) == entity


def test_words_of_a_name_are_not_relation_words(index: dict[str, Any]) -> None:
    """ "clinical commissioning groups" names a kind of body; nobody is asked to commission."""
    assert commands("which clinical commissioning groups came before BSOL CCG?", index) == ['govgraph about "BSOL CCG"']


def test_a_sentence_that_asks_nothing_sets_the_scene(index: dict[str, Any]) -> None:
    """Only the question is answered; what the statement names is what "it" points to."""
    for question in (
        "The Child Death Overview Panel reviews every child death. Who chairs it?",
        "The BSCB had nine sub-groups. Who chairs the Child Death Overview Panel?",
    ):
        lines = commands(question, index)
        assert len(lines) == 1 and lines[0].startswith('govgraph chairs "Child Death Overview Panel"'), lines


def test_which_organisations_lead_an_arrangement_are_its_partners(index: dict[str, Any]) -> None:
    line = commands("Under the Multi-Agency Safeguarding Arrangements, which agencies are leading?", index)[0]
    assert line.startswith("govgraph about") and "--line safeguarding-partner-of" in line


def test_who_sits_on_a_body_leaves_out_those_without_a_seat(index: dict[str, Any], corpus_built: Project) -> None:
    (intent, answer), *_ = ask("how many councillors sit on the Children's Social Care O&S Committee?", index).answered
    assert intent.as_command().endswith("--seated --only people")
    assert answer.rows and not {r["role"] for r in answer.rows} & set(WITHOUT_SEAT)
    everyone = Governance(index).members("cso-committee").rows
    assert {r["role"] for r in everyone} & set(WITHOUT_SEAT)  # the committee has attendees and officers
    shown = CliRunner().invoke(
        cli, ["--project", str(corpus_built.root), "members", "cso-committee", "--seated", "--format", "json"]
    )
    assert shown.exit_code == 0 and len(json.loads(shown.output)["rows"]) == len(answer.rows)


def test_groups_of_a_body_asked_upward_show_their_own_lines(index: dict[str, Any]) -> None:
    """ "who do the BSCB's sub-groups report to?" asks about the groups, not the board:
    each group's line shows in the structure under it, two levels deep."""
    for question in (
        "who do the BSCB sub-groups report to?",
        "To whom are the sub-groups and work streams of the BSCB accountable?",
    ):
        (intent, answer), *_ = ask(question, index).answered
        assert intent.as_command() == "govgraph tree BSCB --depth 2"
        groups = answer.extra["tree"]["children"]
        executive = next(g for g in groups if g["id"] == "bscb-executive-board")
        assert "cdop" in {g["id"] for g in executive["children"]}
    assert commands("who does the BSCB report to?", index) == ["govgraph reports-to BSCB"]


@pytest.mark.parametrize(
    ("question", "command"),
    [
        # a name right after its owner's is that unit; a name that starts another's is it
        (
            "who is the new co-chair of the BSCB Learning & Development Sub-Group?",
            'govgraph chairs "BSCB Learning & Development Sub-Group" --role co-chair',
        ),
        ("when was NHS Birmingham and Solihull CCG formed?", 'govgraph changes --of "NHS Birmingham and Solihull CCG"'),
        # "which trust" asks for a kind of body, it names none
        ("which trust does Michelle McLoughlin work for?", 'govgraph roles "Michelle McLoughlin"'),
        # "whom did X succeed": the seat before X's
        (
            "whom did Jane Middleton succeed on the BSCB Executive Board?",
            'govgraph members "BSCB Executive Board" --before "Jane Middleton"',
        ),
        (
            "who serves as the Lead Member for Children's Services?",
            'govgraph roles "Lead Member for Children\'s Services"',
        ),
        (
            "to which committee does the Children's Trust present its reports?",
            'govgraph reports-to "Children\'s Trust" --kind committee',
        ),
        # a reason before the question sets the scene, it is not asked about
        ("Because the BSCB is being replaced, who will chair the CDOP?", "govgraph chairs CDOP --role chair"),
        ("who was Penny Thompson's vice-chair on the BSCB?", "govgraph chairs BSCB --role vice-chair"),
        ("which sub-group does Michelle McLoughlin help chair?", 'govgraph roles "Michelle McLoughlin"'),
        # "how many councillors ... to X": the seats on X, whatever verb put them there
        (
            "how many councillors did the council appoint to the Children's Social Care O&S Committee?",
            'govgraph members "Children\'s Social Care O&S Committee" --seated --only people',
        ),
        # a service no one is said to deliver is run by the organisation it is part of
        (
            "which organisation ran the Looked after Children Service?",
            'govgraph about "Looked after Children Service" --line delivered-by',
        ),
    ],
)
def test_readings_of_whose_and_which(index: dict[str, Any], question: str, command: str) -> None:
    assert commands(question, index) == [command]


def test_two_posts_of_one_body_are_two_parts(index: dict[str, Any]) -> None:
    lines = commands("Who are BSol CCG's chief executive and its chief medical officer?", index)
    assert len(lines) == 2 and "chief executive" in lines[0].lower() and "chief medical officer" in lines[1].lower()


def test_how_many_merged_counts_the_merger_of_the_things_counted(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask("How many clinical commissioning groups merged in April 2018?", index).answered
    assert intent.command == "changes" and answer.extra["count"] == 3
    assert {r["change"] for r in answer.rows} == {"merged"}  # the month's mergers, not its other changes


def test_a_line_to_a_change_is_shown_with_the_change(index: dict[str, Any]) -> None:
    """NHS England approved the merger, not the CCG it made: the line is to the change
    event, so the change's row says who approved it, with that line's quote."""
    (intent, answer), *_ = ask("Who approved the merger that created BSOL CCG?", index).answered
    assert intent.command == "changes"
    (merger,) = [r for r in answer.rows if r["change"] == "merged"]
    assert merger["by"] == ["approved by NHS England"]
    assert any("approval by NHS England" in c["quote"] for c in merger["citations"])
    quotes = [(c["document"], c["quote"]) for c in merger["citations"]]
    assert len(quotes) == len(set(quotes))


def test_where_a_change_leads_is_not_answered_by_a_change_that_does_not_say(
    index: dict[str, Any], corpus_built: Project
) -> None:
    """The ROH is to transfer its children's surgery, but to where the documents do not
    say: exit 1, not the move with its destination left out."""
    with pytest.raises(NotFound, match="do not say what Paediatric surgery at the ROH became.*--with-result"):
        ask("Where is the Royal Orthopaedic Hospital's paediatric surgery being transferred to?", index)
    (intent, answer), *_ = ask("who took over Heart of England NHS Foundation Trust?", index).answered
    assert intent.options.get("result") and [r["after"] for r in answer.rows] == [
        ["University Hospitals Birmingham NHS Foundation Trust"]
    ]
    shown = CliRunner().invoke(
        cli, ["--project", str(corpus_built.root), "changes", "--of", "Paediatric surgery at the ROH", "--with-result"]
    )
    assert shown.exit_code == 1 and "do not say" in shown.output


def test_how_many_joined_in_a_named_change(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask("How many CCGs were merged into the single CCG in April 2018?", index).answered
    assert intent.command == "changes" and answer.extra["count"] == 3


def test_a_service_is_run_by_the_organisation_it_is_part_of(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask(
        "which organisation ran the Looked after Children Service in January 2018?", index
    ).answered
    assert intent.options == {"line": "part-of"} and {r["what_id"] for r in answer.rows} == {"swbht"}


@pytest.mark.parametrize(
    ("question", "command"),
    [
        # a purpose before the question sets the scene; "inspection" there asks nothing
        (
            "For the purposes of the inspection, who co-chairs the QIO Sub-Group?",
            'govgraph chairs "QIO Sub-Group" --role co-chair',
        ),
        (
            "For our records, please confirm who chairs the CDOP.",
            "govgraph chairs CDOP --role chair",
        ),
        # initials a user made up are read against the words of names, all of them borne out
        (
            "number of councillors on csc o&s committee",
            'govgraph members "Children\'s Social Care Overview and Scrutiny Committee" --seated --only people',
        ),
        # initials typed in capitals are read as initials, vowel or not
        (
            "who chairs the ACS steering group?",
            'govgraph chairs "Adult and Children Safeguarding Steering Group (SWBHT)" --role chair',
        ),
        # a short word with a vowel is a word, not initials ("sit" is not "send inspection team")
        (
            "Which groups sit beneath the Serious Case Review Sub-Group?",
            'govgraph below "Serious Case Review Sub-Group" --only bodies',
        ),
        # a post asked for by name: its holder; one the documents never name is "not found"
        ("who is the head of birmingham probation?", 'govgraph roles "head of birmingham probation" --holders'),
        # a holder asked which boards they belong to: their places, not their lines
        (
            "Which boards does the Head of Birmingham Probation belong to or attend?",
            'govgraph roles "Head of Birmingham Probation"',
        ),
        # "had taken over ... as at": every change by that day
        (
            "As at 1 June 2018, which organisation had taken over HEFT?",
            "govgraph changes --of HEFT --with-result --to 2018-06-01",
        ),
        # "trace the line from X up to ...": the whole chain
        (
            "Trace the line from the Staffordshire & West Midlands Community Rehabilitation Company up to the department.",
            'govgraph chain "Staffordshire & West Midlands Community Rehabilitation Company"',
        ),
        # a cabinet portfolio is the post of the cabinet member who holds it
        (
            "Who held the Children, Families and Schools cabinet portfolio in March 2018?",
            'govgraph roles "Cabinet Member for Children, Families and Schools" --holders --as-of 2018-03-16',
        ),
        (
            "Who was Cabinet Member for Children, Families and Schools before Carl Rice?",
            'govgraph roles "Cabinet Member for Children, Families and Schools" --holders --before "Carl Rice"',
        ),
        (
            "who held the Cabinet Member for Children, Families and Schools post after Brigid Jones?",
            'govgraph roles "Cabinet Member for Children, Families and Schools" --holders --after "Brigid Jones"',
        ),
    ],
)
def test_scenes_initials_and_holders(index: dict[str, Any], question: str, command: str) -> None:
    assert commands(question, index) == [command]


def test_a_post_without_a_named_holder(index: dict[str, Any], corpus_built: Project) -> None:
    """Asked by its title, the answer is that no holder is named (exit 1); asked by a
    description, the post itself answers."""
    with pytest.raises(NotFound, match="name no holder of Head of Birmingham Probation"):
        ask("head of birmingham probation name", index)
    (intent, answer), *_ = ask("Who is SWBHT's executive lead for safeguarding children?", index).answered
    assert intent.options == {} and answer.subject and answer.subject["id"] == "swbht-chief-nurse"
    (_, answer), *_ = ask("Who was Cabinet Member for Children, Families and Schools before Carl Rice?", index).answered
    assert [r["of"] for r in answer.rows] == ["Brigid Jones"]
    shown = CliRunner().invoke(
        cli, ["--project", str(corpus_built.root), "roles", "Head of Birmingham Probation", "--holders"]
    )
    assert shown.exit_code == 1 and "name no holder" in shown.output


def test_a_flag_is_shown_as_a_flag(index: dict[str, Any]) -> None:
    assert commands("show me the structure above the CDOP", index) == ["govgraph tree CDOP --up"]


def test_that_one_may_be_what_the_part_before_answered(index: dict[str, Any]) -> None:
    """ "that manager" is the manager just found; "that panel", when the answer before was
    a person, is still the panel the question named."""
    asked = ask("Who line-manages Simon Cross, and which organisation does that manager work for?", index)
    (first, answer), (second, _) = asked.answered
    (manager,) = {r["what"] for r in answer.rows}
    assert second.command == "roles" and second.args == (manager,)  # named as the answer names it
    asked = ask("Who chairs the CDOP, and who does that panel report to?", index)
    assert [i.as_command() for i, _ in asked.answered][1] == "govgraph reports-to CDOP"


@pytest.mark.parametrize(
    ("question", "second"),
    [
        # "it" is the body named, not the post named after it; "she" the person, not the body
        ("who is the chief executive of the Children's Trust, and who chairs it?", "Children's Trust"),
        ("Penny Thompson chairs the BSCB. What else does she do?", 'govgraph roles "Penny Thompson"'),
        ("what does DCS stand for, and who is it?", "govgraph roles DCS"),  # "it" may be a post
    ],
)
def test_a_pronoun_points_to_what_it_can_mean(index: dict[str, Any], question: str, second: str) -> None:
    last = commands(question, index)[-1]
    assert second in last and "Chief Executive" not in last, last


def test_two_names_joined_by_and_stay_two(index: dict[str, Any]) -> None:
    assert commands("what is the relationship between the CDOP and West Midlands Police?", index) == [
        'govgraph explain CDOP "West Midlands Police"'
    ]
    # a word the lexicon has only as a stem ("connect...") is no part of a name either
    line = commands("how is the YOS gangs strategic board connected to the BSCB?", index)[0]
    assert line.startswith("govgraph explain") and line.endswith(" BSCB")


def test_who_represents_an_organisation_on_a_board(index: dict[str, Any]) -> None:
    line = commands("who represents Birmingham Community Healthcare on the BSCB Executive Board?", index)[0]
    assert line.startswith('govgraph members "BSCB Executive Board"') and "--represents" in line


def test_how_many_finds_a_number_the_documents_state(index: dict[str, Any]) -> None:
    """No member of the CCG is recorded, but the documents state how many GP practices are."""
    (intent, answer), *_ = ask("how many GP practices are members of BSOL CCG?", index).answered
    assert intent.command == "about"
    stated = {x["value"] for x in Governance(index).numbers_stated("bsol-ccg")}
    assert stated and any(r.get("what") in stated for r in answer.rows), answer.rows


def test_a_post_no_document_names_is_not_found_not_the_body_card(index: dict[str, Any]) -> None:
    with pytest.raises(NotFound):
        ask("who is the chief executive of West Midlands Police?", index)
    # a post the documents do name is found the same way
    assert commands("who is the chief executive of the Children's Trust?", index)[0].startswith("govgraph roles")


def test_a_name_that_says_what_the_answer_is_is_not_the_subject(index: dict[str, Any]) -> None:
    """ "which WMP officer": the police say who may answer; the board is what is asked about."""
    assert commands("which WMP officer is vice-chair of the BSCB?", index) == ["govgraph chairs BSCB --role vice-chair"]
    # with nothing else named, the name stays the subject
    assert commands("which WMP officers are there?", index)[0].startswith("govgraph ")
    assert "WMP" in commands("which WMP officers are there?", index)[0]


def test_a_service_is_run_by_whoever_delivers_it(index: dict[str, Any]) -> None:
    lines = commands("Before April 2018, which organisation ran Birmingham's children's social care services?", index)
    assert lines == ['govgraph about "children\'s social care services" --line delivered-by --as-of 2018-03-31']
    (_, answer), *_ = ask(
        "Before April 2018, which organisation ran Birmingham's children's social care?", index
    ).answered
    assert [r["what"] for r in answer.rows] == ["Birmingham City Council"]
    # a body is still run by whoever chairs it
    assert commands("who runs the CDOP?", index)[0].startswith("govgraph chairs CDOP")


def test_two_questions_in_one_and_a_pronoun(index: dict[str, Any]) -> None:
    assert split_parts("Who chairs X, and who is its deputy?") == ["Who chairs X", "who is its deputy?"]
    assert split_parts("X was set up in 2017. Who chairs it?") == ["X was set up in 2017.", "Who chairs it?"]
    assert split_parts("Does Dr. A. Jones chair X?") == ["Does Dr. A. Jones chair X?"]
    lines = commands("Who chairs the Children's Trust, and who is its chief executive?", index)
    assert lines[0].startswith("govgraph chairs") and "Chief Executive of Birmingham Children's Trust" in lines[1]


def test_a_relation_not_recorded_is_said_so(corpus_built: Project) -> None:
    result = CliRunner().invoke(cli, ["--project", str(corpus_built.root), "ask", "who chairs the Channel Panel?"])
    assert result.exit_code == 1
    assert "the documents do not say who chairs" in result.output


def test_nothing_to_read_is_not_found(index: dict[str, Any]) -> None:
    with pytest.raises(NotFound):
        parse("what is the weather like?", index)


def test_names_in_questions_are_found_longest_first(index: dict[str, Any]) -> None:
    qi = QuestionIndex(index)
    found = find("who chairs the BSCB Executive Board?", qi)
    assert [m.id for m in found] == ["bscb-executive-board"]


def _rows(project: Project, argv: list[str]) -> Any:
    result = CliRunner().invoke(cli, ["--project", str(project.root), *argv, "--format", "json", "--no-cite"])
    assert result.exit_code == 0, (argv, result.output)
    return json.loads(result.output)["rows"]


@pytest.mark.parametrize("case", DEV[::3], ids=lambda c: c["id"])
def test_the_command_ask_shows_gives_the_same_answer(corpus_built: Project, case: dict[str, Any]) -> None:
    """Every part of an answer names the structured command it ran; run by hand, that
    command answers the same (so the CLI can be learnt from ask)."""
    result = CliRunner().invoke(
        cli, ["--project", str(corpus_built.root), "ask", case["ask"], "--format", "json", "--no-cite"]
    )
    if result.exit_code != 0:
        return
    for part in json.loads(result.output)["parts"]:
        ran = part["notes"][-1].removeprefix("ran: govgraph ")
        assert _rows(corpus_built, shlex.split(ran)) == part["rows"], ran


def test_now_is_the_newest_documents_day(index: dict[str, Any]) -> None:
    """ "who now represents ...": what ended before the newest document is left out."""
    newest = max(d["date"] for d in index["documents"].values())
    rest, when = find_when("who now sits on it?", index["documents"])
    assert when is not None and when.as_of.isoformat() == newest and rest == "who sits on it?"
    (_, answer), *_ = ask("Who now represents the voluntary sector on the BSCB Executive Board?", index).answered
    holders = {r["holder"] for r in answer.rows}
    assert "Jane Middleton" in holders and "Rob Willoughby" not in holders


def test_before_a_person_asks_for_their_predecessor(index: dict[str, Any]) -> None:
    lines = commands("Who represented the voluntary sector on the BSCB Executive Board before Jane Middleton?", index)
    assert lines == ['govgraph members "BSCB Executive Board" --before "Jane Middleton"']
    (_, answer), *_ = ask("Who was on the BSCB Executive Board before Jane Middleton?", index).answered
    assert [r["holder"] for r in answer.rows] == ["Rob Willoughby"]
    # nobody recorded before her: not stated, and never the person herself
    with pytest.raises(NotFound):
        ask("Who chaired the Learning and Development Sub-Group before Michelle McLoughlin was appointed?", index)


def test_whom_a_person_took_over_from_is_one_of_their_roles(index: dict[str, Any]) -> None:
    rows = Governance(index).roles("Jane Middleton").rows
    assert {"role": "succeeds", "of": "Rob Willoughby"}.items() <= next(
        r for r in rows if r["role"] == "succeeds"
    ).items()


def test_a_post_named_with_its_organisation_is_that_organisations_post(index: dict[str, Any]) -> None:
    """ "the Head of Safeguarding at HEFT": another trust's post of the same name is not meant."""
    lines = commands("Who line-manages the Head of Safeguarding at Heart of England NHS Foundation Trust?", index)
    assert lines == ['govgraph about "Head of Safeguarding (HEFT)" --line line-managed-by']


def test_a_guessed_name_describing_the_answer_is_not_the_subject(index: dict[str, Any]) -> None:
    question = "Which forum of head teachers and designated safeguarding leads is chaired by the Director of Children's Services?"
    assert commands(question, index) == ['govgraph roles "Director of Children\'s Services"']


def test_an_alias_is_not_traded_for_a_guess_that_lacks_its_words(index: dict[str, Any]) -> None:
    lines = commands("Who are the three safeguarding partners for Birmingham's new multi-agency arrangements?", index)
    assert lines[0] == 'govgraph about "three safeguarding partners"'
    # a longer name that has the alias's words may still take it
    (_, answer), *_ = ask("who chairs the children's social care scrutiny committee?", index).answered
    assert answer.subject["id"] == "cso-committee"


def test_a_change_answers_when_it_happened(index: dict[str, Any]) -> None:
    answer = Governance(index).diff(change="Birmingham City Council establishes the Inclusion Commission")
    assert answer.rows[0]["side"] == "change" and answer.rows[0]["what"].startswith("2016-10: ")
    # where the documents give different dates, every one is shown
    row = next(r for r in Governance(index).changes(of="BSCB").rows if r["change"] == "replaced")
    assert {"deadline: 2019-09-29", "deadline: 2020"} <= set(row["said"])


def test_how_many_gives_the_number_the_documents_state_for_what_is_counted(index: dict[str, Any]) -> None:
    (_, answer), *_ = ask("How many child deaths did CDOP review in 2017/18?", index).answered
    assert answer.extra["count"] == "142"
    # a merger counts what came together, not every change the body took part in
    (_, merged), *_ = ask("how many CCGs merged into BSOL CCG", index).answered
    assert merged.extra["count"] == 3


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        (
            "Name the chair of the BSCB and its deputy chair.",
            ["govgraph chairs BSCB --role chair", "govgraph chairs BSCB --role vice-chair"],
        ),
        (
            "Name the chair and the chief executive of Birmingham Children's Trust.",
            [
                'govgraph chairs "Birmingham Children\'s Trust" --role chair',
                'govgraph roles "chief executive of Birmingham Children\'s Trust" --holders',
            ],
        ),
        (
            "children's trust: who chairs it and who is chief exec?",
            [
                'govgraph roles "Chair of the Children\'s Trust"',
                'govgraph roles "Chief Executive of Birmingham Children\'s Trust"',
            ],
        ),
    ],
)
def test_two_roles_asked_together_are_two_questions(index: dict[str, Any], question: str, lines: list[str]) -> None:
    assert commands(question, index) == lines


def test_questions_worded_another_way(index: dict[str, Any]) -> None:
    """Paraphrases of answered questions: counts, passives, possessives, abbreviations."""
    seated = commands("Tell me how many members the Children's Social Care Overview and Scrutiny Committee has.", index)
    assert seated[0].endswith("--seated")  # the seats, not who attended a meeting
    assert commands("tell me the number of ccgs that combined into bsol ccg", index)[0].startswith("govgraph changes")
    assert commands("how many reps from the voluntary sector are on the exec board", index)[0].startswith(
        'govgraph members "BSCB Executive Board"'
    )
    assert commands("the bsol ccg safeguarding assurance group answers to whom", index)[0].startswith(
        "govgraph reports-to"
    )
    (_, answer), *_ = ask("tell me the childrens social care scrutiny committee's chair", index).answered
    assert answer.subject["id"] == "cso-committee"


def test_a_post_answers_through_its_holder(index: dict[str, Any]) -> None:
    """ "Simon's line manager is Debbie Currie": so the Business Manager's is too."""
    rows = Governance(index).reports_to("BSCB Business Manager").rows
    assert {"to": "Debbie Currie", "via": "Simon Cross"}.items() <= rows[0].items()


def test_convening_is_chairing_or_hosting(index: dict[str, Any]) -> None:
    (_, answer), *_ = ask("Who convenes the Safeguarding Leaders' Assembly?", index).answered
    assert answer.rows[0]["section"] == "hosted by"


@pytest.mark.parametrize(
    ("question", "line"),
    [
        # a post named by its organisation's possessive, asked upwards with "to whom"
        (
            "To whom is the BSCB's Independent Chair accountable?",
            'govgraph reports-to "Independent Chair of the Birmingham Safeguarding Children Board"',
        ),
        # the body after "the chair of", not the place named first
        (
            "At SWBHT, who is in the chair of the joint Adult and Children Safeguarding Steering Group?",
            'govgraph chairs "Adult and Children Safeguarding Steering Group" --role chair',
        ),
        # a person first, then what they chair: their roles
        (
            "Dawn Roberts co-chairs which sub-group of the Birmingham Safeguarding Children Board alongside the Independent Chair?",
            'govgraph roles "Dawn Roberts"',
        ),
        # groups that report to a board are below that board
        ("list the bscb sub-groups that regularly report to the exec board", 'govgraph below "BSCB Executive Board"'),
        # a one-word alias after "which" says what kind of answer is wanted
        (
            "Which trust took over Heart of England NHS Foundation Trust?",
            'govgraph changes --of "Heart of England NHS Foundation Trust" --with-result',
        ),
        # an officer's post, whatever words come between it and its body: the body's own post
        (
            "Who is the chief executive responsible for the day-to-day running of Birmingham Children's Trust?",
            'govgraph roles "Chief Executive of Birmingham Children\'s Trust"',
        ),
    ],
)
def test_more_ways_of_asking(index: dict[str, Any], question: str, line: str) -> None:
    assert commands(question, index)[0] == line


def test_a_possessive_before_a_unit_names_the_unit(index: dict[str, Any]) -> None:
    question = "Which post from the SWM CRC has a seat on the Birmingham Safeguarding Children Board's Executive Board?"
    (_, answer), *_ = ask(question, index).answered
    assert answer.subject["id"] == "bscb-executive-board"


def test_after_a_person_asks_for_their_successor(index: dict[str, Any]) -> None:
    lines = commands("who took over from rob willoughby as voluntary sector rep on the bscb exec board", index)
    assert lines == ['govgraph members "BSCB Executive Board" --after "rob willoughby"']
    (_, answer), *_ = ask(
        "Since Rob Willoughby stood down, who represents the voluntary sector on the Executive Board?", index
    ).answered
    assert [r["holder"] for r in answer.rows] == ["Jane Middleton"]
    # a person named first only marks the time
    before = commands(
        "Before Jane Middleton, who was the voluntary sector's representative on the BSCB Executive Board?", index
    )
    assert before == ['govgraph members "BSCB Executive Board" --before "Jane Middleton"']


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        (
            "tell me the safeguarding children board's deputy chair",
            ['govgraph chairs "safeguarding children board" --role vice-chair'],
        ),
        (
            "penny thompson, bscb chair - to whom is she formally accountable for that responsibility?",
            ['govgraph reports-to "Penny Thompson"'],
        ),
        (
            "name the chair of the childrens social care overview and scrutiny committee and the person who deputises in his absence",
            [
                'govgraph chairs "childrens social care overview and scrutiny committee" --role chair',
                'govgraph chairs "childrens social care overview and scrutiny committee" --role vice-chair',
            ],
        ),
        ("list the groups under the scr sub-group", ['govgraph below "scr sub-group" --only bodies']),
        (
            "Which of the Birmingham Safeguarding Children Board's sub-groups give regular reports to its Executive Board?",
            ['govgraph below "Executive Board"'],
        ),
    ],
)
def test_yet_more_ways_of_asking(index: dict[str, Any], question: str, lines: list[str]) -> None:
    assert commands(question, index) == lines


def test_it_after_a_statement_is_its_topic(index: dict[str, Any]) -> None:
    """ "the gangs group working with the exploitation panel - who heads it up?": the group."""
    lines = commands(
        "the gangs operational group working with the criminal exploitation panel - who heads it up?", index
    )
    assert lines == ['govgraph chairs "Operational group (gangs and criminal exploitation)"']


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        # a context clause before "could you ...": what is asked comes after it
        (
            "For our review of the BSCB's governance lines, could you confirm who the Serious Case Review Sub-Group reports to?",
            ['govgraph reports-to "Serious Case Review Sub-Group"'],
        ),
        # terse: two roles of one body
        ("bscb chair and deputy", ["govgraph chairs bscb --role chair", "govgraph chairs bscb --role vice-chair"]),
        # "and who is it?" asks the question before again
        ("Does the BSCB have a vice-chair, and who is it?", ["govgraph chairs BSCB --role vice-chair"]),
        # a typo in a name that ends in a word questions also ask with ("sub-group")
        (
            "Which groups sit beneath the Serious Case Reveiw Sub-Group?",
            ['govgraph below "Serious Case Reveiw Sub-Group" --only bodies'],
        ),
    ],
)
def test_questions_in_other_styles(index: dict[str, Any], question: str, lines: list[str]) -> None:
    assert commands(question, index) == lines


def test_a_bare_it_points_at_the_topic_then_at_what_else_was_named(index: dict[str, Any]) -> None:
    """ "X was approved by Cabinet, and who recommended it?": X. When the topic has no
    such line, the other thing named is the next reading, not "cannot read"."""
    lines = commands(
        "when was the SEND and inclusion strategy approved by cabinet, and which body recommended it?", index
    )
    assert lines[1] == 'govgraph about "SEND and inclusion strategy" --line recommended-by'
    readings = parse(
        "tell me the date cabinet signed off the send & inclusion strategy and who had recommended it", index
    )
    assert [r.args[0] for r in readings[1]][:2] == ["Cabinet of Birmingham City Council", "send & inclusion strategy"]
    asked = ask("tell me the date cabinet signed off the send & inclusion strategy and who had recommended it", index)
    assert asked.answered[-1][1].rows[0]["what"] == "Inclusion Commission"


def test_a_second_question_after_a_preposition_is_split() -> None:
    assert split_parts("Which body recommended X, and on what date did Cabinet approve it?") == [
        "Which body recommended X",
        "on what date did Cabinet approve it?",
    ]


def test_an_interim_post_is_asked_in_its_capacity(index: dict[str, Any]) -> None:
    assert commands("Who is the new interim director of children's services?", index) == [
        'govgraph roles "interim director of children\'s services"'
    ]


def test_what_replaced_something_is_its_recorded_successor(index: dict[str, Any]) -> None:
    """ "the smaller steering group that replaced the Inclusion Commission" is what the
    documents record as replacing it, not the other body named "Steering Group"."""
    assert commands("who chairs the smaller steering group that replaced the inclusion commission?", index) == [
        'govgraph chairs "SEND & Inclusion Steering Group" --role chair'
    ]
    assert commands("who chairs the body that replaced the inclusion commission", index) == [
        'govgraph chairs "SEND & Inclusion Steering Group" --role chair'
    ]


def test_who_appointed_is_a_line_but_newly_appointed_is_a_seat(index: dict[str, Any]) -> None:
    assert commands("which body appointed Jon Glasby?", index) == ['govgraph about "Jon Glasby" --line appointed-by']
    assert commands("who has been newly appointed co-chair of the l&d sub-group", index) == [
        'govgraph chairs "l&d sub-group" --role co-chair'
    ]


def test_what_besides_sets_aside_is_not_asked_about(index: dict[str, Any]) -> None:
    """ "Besides the three safeguarding partners, who else is helping develop X?": X's
    supporters, not the partners."""
    assert commands(
        "Besides the three safeguarding partners, who else is helping develop Birmingham's new multi-agency safeguarding arrangements?",
        index,
    ) == ['govgraph about "new multi-agency safeguarding arrangements" --line supported-by']


def test_the_transition_year_is_a_time_not_a_before_and_after(index: dict[str, Any]) -> None:
    assert commands("During the transition year 2018/19, who is the BSCB there to support?", index) == [
        "govgraph about BSCB --line supports --as-of 2018-09-30"
    ]


def test_a_run_of_names_that_one_name_holds_is_that_name(index: dict[str, Any]) -> None:
    """ "the joint Ofsted and CQC local area SEND inspection of Birmingham" is the
    inspection team, not Ofsted; a word that says what is asked ("line manager") is
    never swallowed into the name."""
    assert commands("Who led the joint Ofsted and CQC local area SEND inspection of Birmingham?", index) == [
        'govgraph chairs "Ofsted/CQC joint local area SEND inspection team, Birmingham, June 2018"'
    ]
    assert (
        "Business Manager"
        in commands("Who is the line manager of the Birmingham Safeguarding Children Board's Business Manager?", index)[
            0
        ]
    )


def test_an_inspector_is_a_person_asked_for_not_a_line(index: dict[str, Any]) -> None:
    lines = commands("name the lead inspector on birmingham's joint ofsted and cqc send inspection", index)
    assert lines[0].startswith('govgraph chairs "Ofsted/CQC joint local area SEND inspection team')


def test_a_holder_followed_by_a_successor_has_left_by_the_successors_first_mention(index: dict[str, Any]) -> None:
    """ "firstly Cllr Brigid Jones and now Cllr Carl Rice" dates neither; a letter of 18
    January 2018 to Cllr Rice as Cabinet Member does. So on 6 February 2018 the post is
    his alone, and in December 2017 it is still hers."""
    post = "Cabinet Member for Children, Families and Schools"
    later = Governance(index, as_of=date(2018, 2, 6)).roles(post, holders=True)
    assert [r["of"] for r in later.rows] == ["Carl Rice"]
    earlier = Governance(index, as_of=date(2017, 12, 1)).roles(post, holders=True)
    assert "Brigid Jones" in [r["of"] for r in earlier.rows]
    (brigid,) = [s for s in index["statements"] if s["type"] == "appointment" and s["person"] == "brigid-jones"]
    assert brigid["superseded_on"] == "2018-01-18"


def test_who_sits_for_an_organisation_includes_those_with_it(index: dict[str, Any]) -> None:
    """Jane Middleton is the voluntary sector's representative and is with Barnardo's."""
    answer = Governance(index).members("BSCB Executive Board", represents="Barnardo's")
    assert [r["holder"] for r in answer.rows] == ["Jane Middleton"]


def test_her_fellow_co_chair_is_beside_her_in_the_seat_the_part_before_found(index: dict[str, Any]) -> None:
    """ "X co-chairs which sub-group" asks (a "which" inside), and "her fellow co-chair"
    is the other co-chair of the one body where she is a co-chair."""
    asked = ask("Dr Jane Armstrong co-chairs which BSCB sub-group, and who is her fellow co-chair?", index)
    (first, _), (second, answer) = asked.answered
    assert first.command == "roles" and second.args == ("Serious Case Review Sub-Group",)
    assert {r["holder"] for r in answer.rows} == {"Debbie Currie", "Jane Armstrong"}


def test_words_before_a_short_name_may_name_a_longer_one(index: dict[str, Any]) -> None:
    """ "Steering Group" is the Children's Trust's steering group; "the SEND steering
    group" is the SEND & Inclusion Steering Group, whose name holds all three words."""
    assert commands("Who was to chair the smaller SEND steering group?", index) == [
        'govgraph chairs "SEND & Inclusion Steering Group" --role chair'
    ]
    assert commands("who sat on the steering group for the Children's Trust?", index)[0].startswith(
        'govgraph members "steering group"'
    )


def test_before_and_after_a_date_asks_the_question_for_each_side() -> None:
    assert split_parts("Before and after 1 April 2018, which organisation ran children's social care?") == [
        "before 1 April 2018, which organisation ran children's social care?",
        "after 1 April 2018, which organisation ran children's social care?",
    ]
    assert split_parts("who reports to whom before and after the move to MASA?") == [
        "who reports to whom before and after the move to MASA?"
    ]


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        # who takes the chair when its holder cannot is the deputy
        (
            "If the chair is away, who chairs the cso committee in her place?",
            ['govgraph chairs "cso committee" --role vice-chair'],
        ),
        ("Through which group is the Children's Trust monitored?", ['govgraph reports-to "Children\'s Trust"']),
        # "the name of" a post asks for its holder, and nothing else will do
        ("What is the name of the DCS?", ["govgraph roles DCS --holders"]),
        # where a thing will move to is what its change results in
        (
            "Which hospital will ROH paediatric surgery move to?",
            ['govgraph changes --of "ROH paediatric surgery" --with-result'],
        ),
        # a clause that says which body is meant is not what is asked
        (
            "Who sat on the commission that approved the strategy's data?",
            ['govgraph members "Inclusion Commission" --seated'],
        ),
        # a change asked with nothing named that changed: the changes of that kind
        ("which CCGs merged?", ["govgraph changes --kind merged"]),
        # "the board", "the committee", "the police": the one the documents say far more about
        ("who chairs the board?", ['govgraph chairs "Birmingham Safeguarding Children Board" --role chair']),
        (
            "who represents the police on the board?",
            ['govgraph members "Birmingham Safeguarding Children Board" --represents "West Midlands Police"'],
        ),
        (
            "who's the chair of the committee?",
            ['govgraph chairs "Children\'s Social Care Overview and Scrutiny Committee" --role chair'],
        ),
        # a person's successor, or when they started: their roles, with dates and successors
        ("who took over from Rob Willoughby?", ['govgraph roles "Rob Willoughby"']),
        ("when did Penny Thompson start?", ['govgraph roles "Penny Thompson"']),
        # elected "at the July 2018 meeting": as things stood at the month's end, so the election is in it
        (
            "What was Diane Donaldson elected to at the July 2018 committee meeting?",
            ['govgraph roles "Diane Donaldson" --as-of 2018-07-31'],
        ),
        ("define LMCS", ["govgraph define LMCS"]),
        # "- the one that does the audits" describes what was named; a name takes its head word
        (
            "Who co-chairs the board's quality, impact and outcomes subgroup - the one that does the audits?",
            ['govgraph chairs "quality, impact and outcomes subgroup" --role co-chair'],
        ),
        # "named person": a person, or a post whose holder is named
        (
            "Which named person sits on the BSCB Executive Board?",
            ['govgraph members "BSCB Executive Board" --seated --only named'],
        ),
        # the organisation printed with the person only says who they are
        (
            "Before Barnardo's Jane Middleton, who represented the voluntary sector on the BSCB executive?",
            ['govgraph members "BSCB Executive Board" --before "Jane Middleton"'],
        ),
        ("Who took over from Rob Willoughby of The Children's Society?", ['govgraph roles "Rob Willoughby"']),
        # "per the cabinet report", "according to ...": the source sets the scene
        (
            "Per the cabinet report, who was to chair the smaller steering group that replaced the Inclusion Commission?",
            ['govgraph chairs "SEND & Inclusion Steering Group" --role chair'],
        ),
        # a body named exactly is not traded for the change event that made it
        (
            "who chairs the dedicated child exploitation Sub-Group set up for 2018/19?",
            ['govgraph chairs "child exploitation Sub-Group" --role chair --as-of 2018-09-30'],
        ),
        # a body's successor named by a description: "the company that took over X"
        (
            "Who chairs the company that took over the council's children's social work?",
            ['govgraph chairs "Birmingham Children\'s Trust" --role chair'],
        ),
        (
            "Which police officer is vice-chair of Birmingham's LSCB?",
            ['govgraph chairs "Birmingham Safeguarding Children Board" --role vice-chair'],
        ),
        (
            "What was meant to replace the Inclusion Commission once cabinet approved the SEND strategy?",
            ['govgraph changes --of "Inclusion Commission" --with-result'],
        ),
        # a named owner's unit whose name holds a relation word ("Support")
        (
            "Where is the Birmingham Safeguarding Children Board's Business Support Unit hosted?",
            ['govgraph about "BSCB Business Support Unit" --line hosted-by'],
        ),
        # a time clause ("once the strategy was approved") is not what is asked either
        (
            "What was the Inclusion Commission to be replaced by once the SEND strategy was approved?",
            ['govgraph changes --of "Inclusion Commission" --with-result'],
        ),
        # "and who were they?" after a count is the count's own list, asked again
        (
            "How many CQC inspectors were on the SEND inspection team, and who were they?",
            ['govgraph roles "CQC Inspector"'],
        ),
        # an agent noun after a name says who it is ("the ... health commissioners"), not a
        # line; and "merged to form the X" is a change, not who forms X
        (
            "Which CCGs merged to form the Birmingham and Solihull health commissioners?",
            ['govgraph changes --of "NHS Birmingham and Solihull Clinical Commissioning Group"'],
        ),
        # but after a possessive it is the line asked: "Simon Cross's manager"
        ("Who is Simon Cross's manager?", ['govgraph about "Simon Cross" --line line-managed-by']),
        # a body's officer found among its posts, "CEO" in the post's name being "chief executive"
        (
            "Who is the chief executive of Birmingham Voluntary Sector Council?",
            ['govgraph roles "CEO, Birmingham Voluntary Sector Council" --holders'],
        ),
        # staff seconded into a team support it
        (
            "Which agency seconds a full-time member of staff into the city's CASS team?",
            ["govgraph about CASS --line supported-by"],
        ),
        # "now called": the rename, whenever it fell before now
        ("What is LACES now called?", ["govgraph changes --of LACES --to 2018-10-17"]),
        # a name that only says whose group is asked for; "it" is the thing named before the dash
        (
            "Learning to Action Group - which BSCB sub-group is it part of?",
            ['govgraph reports-to "Learning to Action Group"'],
        ),
        # "the committee that scrutinises X": the one committee with that line to X
        (
            "Which officers support the council committee that scrutinises children's social care?",
            ['govgraph about "Children\'s Social Care Overview and Scrutiny Committee" --line supported-by'],
        ),
        (
            "who chairs the partnership that oversees the Early Years Health and Wellbeing Service?",
            ['govgraph chairs "Birmingham Early Help and Safeguarding Partnership" --role chair'],
        ),
        # what is ruled out ("not its officer support") is not what is asked
        (
            "List only the seated members of the Children's Social Care O&S Committee, not its officer support.",
            ['govgraph members "Children\'s Social Care O&S Committee" --seated'],
        ),
        # a successor named by "took X's place" or "replacing X"
        (
            "Who is chair of the smaller steering group that took the Inclusion Commission's place?",
            ['govgraph chairs "SEND & Inclusion Steering Group" --role chair'],
        ),
        # a participle that says which body ("formed by merging ...") is not a change asked
        (
            "Who is the Chief Medical Officer at the CCG formed in April 2018 by merging three CCGs?",
            ['govgraph roles "Chief Medical Officer" --as-of 2018-04-15'],
        ),
        # "find the body that oversees X", "find out who funds X": questions, not a name search
        (
            "Find the body that oversees the Birmingham Prevent Programme.",
            ['govgraph reports-to "Birmingham Prevent Programme"'],
        ),
        ("find CDOP", ["govgraph search CDOP"]),
        # "before the new co-chair was appointed": before the one the documents seat there
        (
            "Before the new co-chair was appointed, who was co-chair of the Learning and Development Sub-Group?",
            [
                'govgraph chairs "Learning and Development Sub-Group" --role co-chair --before "Michelle McLoughlin"',
            ],
        ),
        # a short name, a dash, then the question: asked, not said
        (
            "Inclusion Commission - when was it set up, and who chairs it?",
            ['govgraph changes --of "Inclusion Commission"', 'govgraph chairs "Inclusion Commission" --role chair'],
        ),
        # "keeps an eye on", "monitors": oversight, looked at from below
        ("who monitors the Children's Trust's performance?", ['govgraph reports-to "Children\'s Trust"']),
        ("Who keeps an eye on the Children's Trust?", ['govgraph reports-to "Children\'s Trust"']),
        # "which (three) organisations lead X?": its safeguarding partners
        (
            "Which three organisations will jointly lead the arrangements that replace the LSCB?",
            ['govgraph about "Birmingham Multi-Agency Safeguarding Arrangements" --line safeguarding-partner-of'],
        ),
        # "before it moved to Y, who ran X?": X's change, both sides, not who runs it now
        (
            "Before it moved to SWBHT, which organisation ran the Looked after Children Service?",
            ['govgraph diff --change "Looked after Children Service"'],
        ),
        # made-up initials borne out by one name alone, whatever the fuzzy list ranks first
        (
            "who does csc scrutiny hold to account",
            ['govgraph below "Children\'s Social Care Overview and Scrutiny Committee"'],
        ),
        # "which <post> line-manages X?": the post names the kind of answer; the line comes into X
        (
            "Which assistant director line-manages the BSCB Business Manager?",
            ['govgraph about "BSCB Business Manager" --line line-managed-by'],
        ),
        # "X is submitted to": where it goes, upwards
        (
            "Who is the SEND written statement of action submitted to?",
            ['govgraph reports-to "SEND written statement of action"'],
        ),
        (
            "who has to submit the written statement of action?",
            ['govgraph about "written statement of action" --line submitted-by'],
        ),
    ],
)
def test_ways_of_asking_from_the_ninth_round(index: dict[str, Any], question: str, lines: list[str]) -> None:
    assert commands(question, index) == lines


def test_the_other_co_chair_after_a_statement_leaves_out_the_one_it_names(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask(
        "Dr Jane Armstrong is one co-chair of the SCR Sub-Group; who is the other co-chair?", index
    ).answered
    assert intent.as_command() == 'govgraph chairs "SCR Sub-Group" --role co-chair'
    assert {r["holder"] for r in answer.rows} == {"Debbie Currie"}


def test_who_leads_arrangements_with_no_chair_is_answered_by_their_partners(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask("who leads the multi-agency safeguarding arrangements?", index).answered
    assert intent.as_command().endswith("--line safeguarding-partner-of")
    assert {"West Midlands Police", "Birmingham City Council"} <= {r["what"] for r in answer.rows}
    (intent, _), *_ = ask("who leads the CDOP?", index).answered  # a panel with a chair: its chair
    assert intent.command == "chairs"


def test_a_post_held_in_a_capacity_is_named_with_it(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask("What is Sharon Scott's role?", index).answered
    assert intent.command == "roles" and "Acting Assistant Director for SEND" in {r["of"] for r in answer.rows}


def test_below_shows_whom_a_body_holds_to_account(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask(
        "Who does the children's social care scrutiny committee hold to account?", index
    ).answered
    held = {r["below_id"] for r in answer.rows if r["line"] == "held to account by"}
    assert intent.command == "below" and "bcc-lead-member-childrens-services" in held


def test_what_is_set_aside_is_left_out_of_the_answer(index: dict[str, Any]) -> None:
    """ "Besides X, who else ...?": X's rows are left out, and when no one else is named
    the documents do not say."""
    with pytest.raises(NotFound, match="besides Michelle McLoughlin, the documents name no one"):
        ask("Besides Michelle McLoughlin, who else co-chairs the L&D sub-group?", index)
    (intent, answer), *_ = ask("Apart from Penny Thompson, who sits on the BSCB?", index).answered
    assert intent.besides == ("penny-thompson",) and answer.rows
    assert "penny-thompson" not in {r.get("holder_id") for r in answer.rows}


def test_the_organisations_that_run_a_service_deliver_it(index: dict[str, Any]) -> None:
    (intent, answer), *_ = ask("Which organisations run the Early Years Health and Wellbeing Service?", index).answered
    assert intent.options == {"line": "delivered-by"} and "bchc" in {r["what_id"] for r in answer.rows}


def test_a_chairs_seat_with_no_one_named_in_it_is_not_an_answer(index: dict[str, Any]) -> None:
    """The documents name a post "Chair of the Community Safety Partnership" but no one in
    it: "who chairs the BCSP?" is not answered by the seat's own name."""
    with pytest.raises(NotFound, match="do not say who chairs Birmingham Community Safety Partnership"):
        ask("Who chairs the Birmingham Community Safety Partnership?", index)


def test_a_description_that_fits_several_goes_to_the_one_the_documents_dwell_on(index: dict[str, Any]) -> None:
    """ "the O&S committee" fits four committees' names; the pack is about one of them."""
    (intent, _), *_ = ask("Who sits on the O&S committee?", index).answered
    assert intent.args == ("Children's Social Care Overview and Scrutiny Committee",)


def test_how_many_of_a_kind_counts_only_that_kind(index: dict[str, Any]) -> None:
    """ "how many sub-groups": the bodies below that are sub-groups (its panels and groups
    too), not every line in, and a share the documents state ("22%") is no count."""
    (intent, answer), *_ = ask("how many sub-groups does the BSCB have?", index).answered
    assert intent.counting == ("sub-groups",)
    below = {r["below_id"] for r in answer.rows}
    assert {index["entities"][b]["type"] for b in below} == {"body"} and answer.extra["count"] == len(below)
    assert "cdop" in below  # "key BSCB Sub-Groups: the Child Death Overview Panel; ..."
    (intent, answer), *_ = ask("which panels sit under the BSCB?", index).answered
    assert intent.kinds == ("panels",) and {r["below"] for r in answer.rows} >= {"Child Death Overview Panel"}
    assert all("Panel" in r["below"] for r in answer.rows)


def test_a_name_without_the_head_of_an_of_name_is_not_that_name(index: dict[str, Any]) -> None:
    """ "SEND services" is inside the alias "review of SEND services", but names no review."""
    qi = QuestionIndex(index)
    assert qi.clear_match("SEND services", "Who inspected SEND services in Birmingham?") is None
    assert qi.clear_match("review of SEND services") == "send-review"


def test_him_after_a_post_is_the_person_who_holds_it(index: dict[str, Any]) -> None:
    """ "the Board Manager ... who manages him?": the one asked about stands where the
    object pronoun does, and a person's pronoun after a post is its one named holder."""
    _, (intent, answer) = ask("Who is the Board Manager of the BSCB and who manages him?", index).answered
    assert intent.as_command() == 'govgraph about "Simon Cross" --line line-managed-by'
    assert {r["what"] for r in answer.rows} == {"Debbie Currie"}


def test_who_is_a_posts_acronym_asks_for_its_holder(index: dict[str, Any]) -> None:
    (intent, _), *_ = ask("Who was the DCS at the time of the inspection letter?", index).answered
    assert intent.as_command() == "govgraph roles DCS --holders --as-of 2018-09-03"
    (intent, _), *_ = ask("what is the DCS?", index).answered
    assert intent.command == "define"


def test_common_words_of_several_names_name_the_one_the_documents_dwell_on(index: dict[str, Any]) -> None:
    (intent, _), *_ = ask("who was chair of the scrutiny committee in July 2018?", index).answered
    assert intent.args == ("Children's Social Care Overview and Scrutiny Committee",)
    with pytest.raises(NotFound):  # a word no name of theirs has: none of them
        ask("who chairs the scrutiny committee on parks?", index)


def test_a_seat_asked_of_a_month_is_held_by_whoever_took_it_that_month(index: dict[str, Any]) -> None:
    """The deputy chair was elected on 25 July 2018: not yet seated on the month's middle
    day, so the month's last day is asked next."""
    (intent, answer), *_ = ask(
        "Who was deputy chair of the Children's Social Care O&S Committee in July 2018?", index
    ).answered
    assert intent.as_of == date(2018, 7, 31) and {r["holder"] for r in answer.rows} == {"Diane Donaldson"}


def test_he_or_she_is_the_one_person_the_part_before_answered(index: dict[str, Any]) -> None:
    _, (intent, _) = ask("Who chaired the Inclusion Commission and which university is he from?", index).answered
    assert intent.args == ("Geoff Lindsay",)
    _, (intent, _) = ask(
        "Who line manages the BSCB Business Manager, and which organisation does she work for?", index
    ).answered
    assert intent.args == ("Debbie Currie",)
    _, (intent, _) = ask("Who chairs the BSCB and who is her vice chair?", index).answered  # a seat: the body's
    assert intent.command == "chairs" and intent.args == ("BSCB",)


def test_a_named_holder_is_asked_of_chairs_too(index: dict[str, Any]) -> None:
    """The gangs board's co-chairs are posts; the documents name no one in them."""
    with pytest.raises(NotFound, match="record no one by name"):
        ask("Which named Assistant Director co-chairs the Strategic Board on gangs and criminal exploitation?", index)


def test_below_lists_what_advises_a_body_after_its_lines(index: dict[str, Any]) -> None:
    """The Inclusion Commission's six work streams informed its work: below it, as
    people draw it, after the lines of accountability."""
    answer = Governance(index).below("Inclusion Commission")
    lines = [r["line"] for r in answer.rows]
    streams = [r for r in answer.rows if "work stream" in r["below"]]
    assert len(streams) == 6 and {r["line"] for r in streams} == {"advises"}
    assert lines == sorted(lines, key=lambda line: line == "advises")  # the advisers last


def test_what_a_person_chairs_is_their_chairs_seats_only(index: dict[str, Any]) -> None:
    _, (intent, answer) = ask("who is Penny Thompson and what does she chair?", index).answered
    assert intent.as_command() == 'govgraph roles "Penny Thompson" --role chair'
    assert {r["role"] for r in answer.rows} <= {"holds post", "chair", "co-chair"}
    assert "Quality Impact and Outcomes Sub-Group" in {r["of"] for r in answer.rows}
    with pytest.raises(NotFound, match="no vice chair seat of Penny Thompson"):
        Governance(index).roles("Penny Thompson", role="vice-chair")


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("where does the CDOP report?", "govgraph reports-to CDOP"),
        ("what sits above the CDOP?", "govgraph reports-to CDOP"),
        ("what is above the QIO sub-group?", 'govgraph reports-to "QIO sub-group"'),
        ("when does the BSCB end?", "govgraph changes --of BSCB"),
        # a report named after a body is a noun, not the line
        (
            "Who is the AD, Children in Care Provider Services, who presents the Corporate Parenting Board report?",
            'govgraph roles "AD, Children in Care Provider Services"',
        ),
    ],
)
def test_bare_report_above_and_end(index: dict[str, Any], question: str, line: str) -> None:
    assert commands(question, index)[0] == line


@pytest.mark.parametrize(
    ("question", "line"),
    [
        ("scr sub group co-chiars?", 'govgraph chairs "scr sub group" --role co-chair'),
        ("who chiars the cdop?", "govgraph chairs cdop --role chair"),
        ("who are the memebrs of the executive board?", 'govgraph members "executive board" --seated'),
    ],
)
def test_a_slip_in_the_word_that_asks_is_read_as_that_word(index: dict[str, Any], question: str, line: str) -> None:
    assert commands(question, index)[0] == line


def test_her_seat_after_a_chairs_post_is_a_seat_on_its_body(index: dict[str, Any]) -> None:
    lines = commands("who is the BSCB's independent chair, and who is her vice-chair?", index)
    assert lines[-1] == 'govgraph chairs "Birmingham Safeguarding Children Board" --role vice-chair'


def test_roles_shows_what_the_documents_call_a_person(index: dict[str, Any]) -> None:
    """Claire Bell's rank is printed two ways; both are her roles' context."""
    answer = Governance(index).roles("Claire Bell")
    ranks = {r["of"] for r in answer.rows if r["role"] == "rank"}
    assert ranks == {"Chief Superintendent", "Detective Chief Superintendent"}


def test_a_contribution_to_a_budget_asks_who_funds_it(index: dict[str, Any]) -> None:
    with pytest.raises(NotFound, match="no 'funds' line of West Midlands Police"):
        ask("How much did West Midlands Police contribute to the BSCB budget in 2017/18?", index)


def test_a_seat_asked_in_the_present_is_read_as_the_newest_document_has_it(index: dict[str, Any]) -> None:
    """Rob Willoughby handed the voluntary sector's seat to Jane Middleton in 2018: "who
    represents" is answered as of the newest document; "who represented" at any time."""
    (intent, answer), *_ = ask("Who represents the voluntary sector on the BSCB Executive Board?", index).answered
    assert intent.as_of == date(2018, 10, 17)
    assert "Rob Willoughby" not in {r["holder"] for r in answer.rows}
    (intent, _), *_ = ask("Who represented the voluntary sector on the BSCB Executive Board?", index).answered
    assert intent.as_of is None


def test_below_kind_keeps_the_bodies_of_that_kind(corpus_built: Project) -> None:
    rows = _rows(corpus_built, ["below", "BSCB", "--kind", "panels"])
    assert rows and all("Panel" in r["below"] for r in rows)
    everything = _rows(corpus_built, ["below", "BSCB"])
    assert len(everything) > len(rows)


def test_she_after_a_successor_is_the_successor(index: dict[str, Any]) -> None:
    _, (intent, answer) = ask(
        "Who took over from Rob Willoughby as the voluntary sector representative, and which charity is she from?",
        index,
    ).answered
    assert intent.as_command() == 'govgraph about "Jane Middleton"'
    assert "Barnardo's" in {r["what"] for r in answer.rows}


def test_a_line_to_a_person_says_what_post_they_hold(index: dict[str, Any]) -> None:
    answer = Governance(index).about("Simon Cross", "line-managed-by")
    (row,) = answer.rows
    assert row["what"] == "Debbie Currie" and "AD of Child Protection" in row["post"]


def test_which_hospital_trust_asks_for_a_trust_it_does_not_name_one(index: dict[str, Any]) -> None:
    (intent, _), *_ = ask("which hospital trust took over Heart of England?", index).answered
    assert intent.as_command() == 'govgraph changes --of "Heart of England NHS Foundation Trust" --with-result'
