"""The words the extraction rules know: heads of organisation and body names, posts,
honorifics, relation and change triggers.

These are the vocabulary of English public-sector governance documents in general
(councils, the NHS, police, probation, inspectorates, charities), not of one council:
nothing here names a place or an organisation. Keeping them in one table makes the
rules readable and lets a reviewer see at a glance what the extractor can recognise.
"""

from __future__ import annotations

import re

from graph.dates import FULL_MONTHS
from graph.extract.types import Line
from graph.names import norm_word, normalise

# Last word of a name -> (section, kind). Multi-word heads are matched on their last
# word first, then checked against MULTI_HEADS.
HEADS: dict[str, tuple[str, str]] = {
    "board": ("bodies", "board"),
    "boards": ("bodies", "board"),
    "panel": ("bodies", "panel"),
    "panels": ("bodies", "panel"),
    "committee": ("bodies", "committee"),
    "sub-committee": ("bodies", "committee"),
    "subcommittee": ("bodies", "committee"),
    "forum": ("bodies", "forum"),
    "forums": ("bodies", "forum"),
    "group": ("bodies", "group"),
    "sub-group": ("bodies", "sub-group"),
    "subgroup": ("bodies", "sub-group"),
    "partnership": ("bodies", "partnership"),
    "assembly": ("bodies", "assembly"),
    "network": ("bodies", "network"),
    "hub": ("bodies", "service"),
    "service": ("bodies", "service"),
    "services": ("bodies", "service"),
    "team": ("bodies", "team"),
    "unit": ("bodies", "unit"),
    "commission": ("bodies", "commission"),
    "cabinet": ("bodies", "cabinet"),
    "arrangements": ("bodies", "arrangement"),
    "council": ("organisations", "council"),
    "authority": ("organisations", "council"),
    "police": ("organisations", "police"),
    "constabulary": ("organisations", "police"),
    "trust": ("organisations", "nhs-trust"),
    "ccg": ("organisations", "nhs-commissioner"),
    "ccgs": ("organisations", "nhs-commissioner"),
    "icb": ("organisations", "nhs-commissioner"),
    "icbs": ("organisations", "nhs-commissioner"),
    "department": ("organisations", "government-department"),
    "ministry": ("organisations", "government-department"),
    "agency": ("organisations", "government-agency"),
    "office": ("organisations", "government-agency"),
    "inspectorate": ("organisations", "inspectorate"),
    "company": ("organisations", "company"),
    "association": ("organisations", "national-body"),
    "bureau": ("organisations", "charity"),
    "society": ("organisations", "charity"),
    "charity": ("organisations", "charity"),
    "university": ("organisations", "education-provider"),
    "college": ("organisations", "education-provider"),
    "school": ("organisations", "education-provider"),
    "hospital": ("organisations", "nhs-trust"),
    "hospitals": ("organisations", "nhs-trust"),
    "probation": ("organisations", "probation"),
    "executive": ("bodies", "executive-board"),
    "programme": ("bodies", "other"),
    "aid": ("organisations", "charity"),
    "conference": ("bodies", "other"),
    "healthwatch": ("organisations", "other"),
    "commissioner": ("organisations", "other"),  # "Police and Crime Commissioner" (a post comes first)
}


def word_key(word: str) -> str:
    """A word as the word lists here hold it: lower case, a curly apostrophe straight
    ("Children’s" is "children's", as many council web pages print it)."""
    return word.lower().replace("’", "'")


def head_word(word: str) -> str:
    """The HEADS key a word stands for, plurals included ("Partnerships"), or ""."""
    w = word_key(word)
    if w in HEADS:
        return w
    if w.endswith("s") and w[:-1] in HEADS:
        return w[:-1]
    return ""


# Names that contain "and" after a head word but are one office, never two names.
COMPOUNDS = (
    "police and crime commissioner",
    "police, fire and crime commissioner",
    "fire and rescue service",
    "fire and rescue authority",
)

# Heads that start a name ("Department for Education", "Ministry of Justice").
LEADING_HEADS = {"department", "ministry", "office", "council", "board", "commission", "university"}

# Words that make an organisation's kind more precise wherever they occur in its name.
KIND_HINTS: tuple[tuple[str, str, str], ...] = (
    ("clinical commissioning group", "organisations", "nhs-commissioner"),
    ("ccg", "organisations", "nhs-commissioner"),
    ("integrated care board", "organisations", "nhs-commissioner"),
    ("icb", "organisations", "nhs-commissioner"),
    ("nhs foundation trust", "organisations", "nhs-trust"),
    ("nhs trust", "organisations", "nhs-trust"),
    ("hospital", "organisations", "nhs-trust"),
    ("nhs england", "organisations", "nhs-body"),
    ("police", "organisations", "police"),
    ("fire", "organisations", "fire-service"),
    ("rehabilitation company", "organisations", "probation"),
    ("probation", "organisations", "probation"),
    ("executive board", "bodies", "executive-board"),
    ("steering group", "bodies", "steering-group"),
    ("programme board", "bodies", "programme-board"),
    ("sub-group", "bodies", "sub-group"),
    ("children's trust", "organisations", "company"),
    ("childrens trust", "organisations", "company"),
)

# A name's head word alone ("the Board", "the Trust") is a reference, not a name; so is
# a head after one of these words ("the City Council", "the Local Authority").
GENERIC_HEADS = set(HEADS) | {"partners", "organisation", "organisations", "agency", "agencies"}
GENERIC_QUALIFIERS = {"city", "county", "borough", "district", "local", "metropolitan", "unitary", "parish", "town"}

# Honorifics printed before a name; the value is how the curated format writes it.
# Verbs a news item quotes someone with: they mark where a name (and its post) ends.
SAYING = (
    r"(?:said|says|added|adds|commented|comments|explained|explains|welcomed|welcomes|told|stated|states|"
    r"remarked|responded|warned|acknowledged)\b"
)
SAID_NEXT = re.compile(rf"^\s*,?\s*{SAYING}")  # the verb of saying right after a name
HONORIFICS: dict[str, str] = {
    "cllr": "Cllr",
    "councillor": "Cllr",
    "councillors": "Cllr",
    "cllrs": "Cllr",
    "coun": "Cllr",  # as local papers print it: "Coun Wayne Daley"
    "clr": "Cllr",  # and "Clr Pat Wright"
    "dr": "Dr",
    "doctor": "Dr",
    "professor": "Professor",
    "prof": "Professor",
    "mr": "Mr",
    "mrs": "Mrs",
    "ms": "Ms",
    "miss": "Miss",
    "mx": "Mx",
    "sir": "Sir",
    "dame": "Dame",
    "lord": "Lord",
    "lady": "Lady",
    "baroness": "Baroness",
    "rev": "Rev",
    "reverend": "Rev",
    "judge": "Judge",
    "alderman": "Alderman",
}
# Letters after a name (honours, degrees, fellowships).
POSTNOMINALS = {
    "CBE",
    "OBE",
    "MBE",
    "KBE",
    "DBE",
    "QPM",
    "BEM",
    "QC",
    "KC",
    "JP",
    "DL",
    "MP",
    "MEP",
    "FRCP",
    "FRCPCH",
    "FRCN",
    "FBPsS",
    "FAcSS",
    "HonMBPsS",
    "PhD",
    "MBA",
    "MSc",
    "MA",
    "BA",
    "BSc",
    "RGN",
    "RN",
    "FRSA",
    "FCA",
}

# Last word of a post title.
POST_HEADS = {
    "chair",
    "chairman",
    "chairwoman",
    "chairperson",
    "vice-chair",
    "co-chair",
    "director",
    "manager",
    "officer",
    "lead",
    "leader",
    "holder",  # "portfolio holder for children"
    "head",
    "member",
    "executive",
    "nurse",
    "doctor",
    "inspector",
    "commissioner",
    "superintendent",
    "sergeant",
    "secretary",
    "adviser",
    "advisor",
    "coordinator",
    "co-ordinator",
    "champion",
    "consultant",
    "clerk",
    "governor",
    "mayor",
    "principal",
    "president",
    "treasurer",
    "ceo",
    "cex",
    "cfo",
    "coo",
    "dcs",
    "dph",
    "ad",
    "hmi",
    "dco",
    "dmo",
    "sro",
    "representative",
    "convener",
    "convenor",
    "administrator",
    "analyst",
    "scrutineer",
    "constable",
    "commander",
    "worker",
    "trustee",
    "solicitor",
    "spokesperson",
    "teacher",
    "headteacher",
    "therapist",
    "psychologist",
    "psychiatrist",
    "paediatrician",
    "midwife",
    "coroner",
    "chaplain",
    "auditor",
}
# Words that may come before a post head inside a title ("Independent", "Deputy").
POST_MODIFIERS = {
    "independent",
    "vice",
    "deputy",
    "depute",
    "assistant",
    "chief",
    "executive",
    "interim",
    "acting",
    "senior",
    "strategic",
    "corporate",
    "business",
    "programme",
    "principal",
    "designated",
    "named",
    "lead",
    "regional",
    "national",
    "joint",
    "cabinet",
    "service",
    "operational",
    "associate",
    "medical",
    "clinical",
    "general",
    "lay",
    "elected",
    "non-executive",
    "area",
    "divisional",
    "partnership",
    "board",
    "safeguarding",
    "her",
    "his",
    "majesty's",
    "majestys",
    "detective",
    "team",
    "nominated",
    "link",
}
# Places on a board that are not chairs but are the board's own, whoever employs the
# holder: printed without an organisation, they belong to the body the document is of.
BOARD_PLACES = {"lay member", "lay members", "independent scrutineer", "scrutineer", "independent person"}
# Words of titles only a council's members hold ("Cabinet Member for ...", "Lead Member").
COUNCIL_POSTS = {"cabinet", "councillor", "mayor", "alderman", "leader", "lead member"}

# Abbreviated post titles, read in full when posts are compared ("AD, Early Help").
POST_ABBREVIATIONS = {
    "ad": "assistant director",
    "dcs": "director of childrens services",
    "dph": "director of public health",
    "ceo": "chief executive",
    "cex": "chief executive",
    "coo": "chief operating officer",
    "cfo": "chief finance officer",
    "hmi": "her majestys inspector",
    "hmci": "her majestys chief inspector",
    "cllr": "councillor",
    "sro": "senior responsible officer",
}

# Post titles that mean a role on a body; the value is the curated `role`.
CHAIR_WORDS: dict[str, str] = {
    "chair": "chair",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "independent chair": "chair",
    "co-chair": "co-chair",
    "joint chair": "co-chair",
    "vice-chair": "vice-chair",
    "vice chair": "vice-chair",
    "deputy chair": "deputy-chair",
    "deputy chairman": "deputy-chair",
    "vice chairman": "vice-chair",
    # Scottish committees: a depute stands in (a "convenor" in England may be no chair:
    # an independent convenor of arrangements scrutinises them)
    "depute chair": "deputy-chair",
}
# Words a place's name may start with ("East Anytown CCG", "Greater Anytown").
PLACE_PREFIXES = {"north", "south", "east", "west", "central", "greater", "mid"}
# Capacity words printed in a post ("Interim Assistant Director").
CAPACITY = {"interim": "interim", "acting": "acting"}

# Capitalised words that never start or end a person's name.
# Month and day names: "... Partnership in May" is a name and a date, not a longer name.
TIMES = frozenset([*FULL_MONTHS, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

NOT_NAMES = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "our",
    "we",
    "it",
    "its",
    "in",
    "on",
    "for",
    "of",
    "and",
    "to",
    "by",
    "with",
    "at",
    "from",
    "as",
    "or",
    "but",
    "if",
    "all",
    "dear",
    "yours",
    "sincerely",
    "faithfully",
    "regards",
    "report",
    "annual",
    "part",
    "appendix",
    "section",
    "page",
    "table",
    "figure",
    "priority",
    "key",
    "action",
    "actions",
    "plan",
    "strategy",
    "review",
    "date",
    "subject",
    "agenda",
    "minutes",
    "notes",
    "item",
    "tel",
    "email",
    "e-mail",
    "present",
    "apologies",
    "also",
    "members",
    *TIMES,
    "children",
    "childrens",
    "children's",
    "young",
    "people",
    "adults",
    "adult",
    "health",
    "care",
    "social",
    "education",
    "public",
    "city",
    "county",
    "borough",
    "district",
    "metropolitan",
    "local",
    "area",
    "nhs",
    "foundation",
    "safeguarding",
    "community",
    "early",
    "help",
    "mental",
    "services",
    "policy",
    "practice",
    "learning",
    "development",
    "quality",
    "assurance",
    "performance",
    "governance",
    "partners",
    "partner",
    "west",
    "east",
    "north",
    "south",
    "midlands",
    "central",
    "england",
    "wales",
    "scotland",
    "uk",
    "united",
    "kingdom",
    "new",
    "further",
    "overview",
    "scrutiny",
    "special",
    "educational",
    "needs",
    "disability",
    "disabilities",
    "inclusion",
    "family",
    "families",
    "welfare",
    "protection",
    "child",
    "death",
    "serious",
    "case",
    "exploitation",
    "abuse",
    "domestic",
    "violence",
    "crime",
    "justice",
    "youth",
    "offending",
    "probation",
    "prison",
    "court",
    "schools",
    "school",
    "commissioning",
    "planning",
    "finance",
    "resources",
    "housing",
    "support",
    "training",
    "audit",
    "inspection",
    "letter",
    "contact",
    "details",
    "cont",
    "continued",
    "resolved",
    "noted",
    "agreed",
    "recommendations",
    "recommendation",
    "purpose",
    "summary",
    "background",
    "context",
    "conclusion",
    "introduction",
    "foreword",
    "glossary",
    "terms",
    "reference",
    "programme",
    "project",
    "progress",
    "update",
    "outcome",
    "outcomes",
    "impact",
    "next",
    "steps",
    "work",
    "parents",
    "carers",
    "information",
    "data",
    "risk",
    "missing",
    "operational",
    "strategic",
    "improvement",
    "well",
    "wellbeing",
    "equality",
    "prevent",
    "his",
    "her",
    "majesty's",
    "majestys",
    "head",
    "lead",
    "leader",
    "chair",
    "director",
    "manager",
    "officer",
    "member",
    "government",
    "national",
    "regional",
    "joint",
    "total",
    "other",
    "urgent",
    "business",
    "ofsted",
    "what",
    "how",
    "why",
    "who",
    "when",
    "where",
    "there",
    "here",
    "each",
    "every",
    "cabinet",
    "executive",
    "committee",
    "council",
    "board",
    "panel",
    "group",
    "team",
    "trust",
    "service",
    "unit",
    "partnership",
    "forum",
    "commission",
    "hospital",
    "university",
    "police",
    "department",
    "ministry",
    "office",
    "authority",
    "no",
    "ref",
    "corporate",
    "parenting",
    "title",
    "deadline",
    "detective",
    "chief",
    "independent",
    "assistant",
    "deputy",
    "interim",
    "acting",
    "senior",
    "cllr",
    "councillor",
    "councillors",
    "professor",
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dame",
    "lord",
    "lady",
    "rev",
    "commissioner",
    "inspector",
    "superintendent",
    "nurse",
    "named",
    "designated",
    "labour",
    "conservative",
    "liberal",
    "democrat",
    "green",
    "aid",
    "status",
    "year",
    "term",
    "body",
    "bodies",
    "accountable",
    "role",
    # Words job titles are made of ("Patient Experience Manager"), which a run of rows
    # with no separator must not read as a name ("Bradley Operations").
    "operations",
    "patient",
    "experience",
    "nursing",
    "midwifery",
    "research",
    "intelligence",
    "legal",
    "teaching",
    "transformation",
    "workforce",
    "engagement",
    "participation",
    "delivery",
    "standards",
    "prevention",
    "intervention",
}

# Relation triggers, earlier entries winning where two overlap; ``types.Line`` says how
# each reads. Triggers start with their own word (a leading "is", "a", "wholly" is
# allowed for by the rules), which keeps the search fast.
_ADVERBS = (
    r"(?:directly|formally|regularly|quarterly|annually|bi-annually|biannually|monthly|routinely|locally|periodically|"
    r"by\s+exception|through|upwards|up|back|in\s+turn|jointly|ultimately|also|now)"
)
_DOCUMENT = r"(?:report|update|paper|plan|findings|strategy|statement|review|overview|minutes|briefing|summary)"
GROUP_WORDS = (
    r"(?:sub-?\s?groups?|sub-?\s?committees?|sub-?\s?panels?|sub-?\s?boards?|working\s+groups?|task\s+groups?)"
)

LINES: tuple[Line, ...] = (
    # "reports through the Executive", "reports on its work to", "will report its Business Plan to"
    # (a standing line, so not "reported on ... to": that was one report); before the
    # document lines, so that "reports its findings to" is a report, not a document handed over
    Line(r"\breport(?:s|ing)?\s+(?:(?:formally|directly|also)\s+)?through\b(?!\s+to\b)", "reports-to", "active"),
    Line(
        r"\breports?\s+(?:on|its|their|the|our)\s+[^.;:()]{1,80}?\s+to\b(?=\s+(?:the\s+)?(?-i:[A-Z]))",
        "reports-to",
        "active",
    ),
    Line(
        r"\bprovides?\b(?=\s+(?:the\s+)?(?-i:[A-Z])[^.]{0,80}?\bwith\s+(?:[\w-]+\s+){0,4}(?:updates?|reports?|assurance|briefings?)\b)",
        "reports-to",
        "active",
    ),
    # "will provide an annual report to the Council's Executive": a standing report, like "reports to"
    Line(
        r"\bprovid(?:es?|ing)\s+(?:an?\s+|its\s+|their\s+|the\s+)?(?:(?:annual|regular|quarterly|six[- ]monthly|"
        r"written|formal|progress)\s+)*(?:reports?|updates?|assurance)\s+to\b",
        "reports-to",
        "active",
    ),
    # "the Board receives reports from the sub-groups": they report to it
    Line(
        r"\breceiv(?:es?|ing)\s+(?:(?:annual|regular|quarterly|six[- ]monthly|written|formal|progress)\s+)*"
        r"(?:reports?|updates?|assurance)\s+from\b",
        "reports-to",
        "passive",
    ),
    Line(r"\bfeeds?\s+(?:(?:directly|back|up)\s+)?into\b", "reports-to", "active"),
    # presents-to: a document handed to someone ("its annual report to the Council")
    Line(
        rf"\b(?:its|their|his|her|our|an?|the|this)\s+(?:annual\s+|own\s+|formal\s+|regular\s+|written\s+)*{_DOCUMENT}s?\s+to\b",
        "presents-to",
        "active",
        near=True,
        document=True,
    ),
    Line(
        r"\b(?:presented|submitted|referred|reported\s+back)\s+to\b", "presents-to", "active", near=True, document=True
    ),
    # "The Annual Report was considered by the Scrutiny Committee": handed to it
    Line(
        r"\b(?:was|were|has\s+been|had\s+been|will\s+be|is\s+to\s+be)\s+(?:considered|received|scrutini[sz]ed)\s+by\b",
        "presents-to",
        "active",
        near=True,
        document=True,
    ),
    Line(
        r"\b(?:present|submit)(?:s|ed|ted|ing|ting)?\s+(?!to\b)[^.;:\n]{1,80}?\s(?:in)?to\b(?=\s+(?:the\s+)?(?-i:[A-Z]))",
        "presents-to",
        "active",
    ),
    # reports-to
    Line(
        rf"\breport(?:s|ed|ing)?\s+(?:{_ADVERBS}\s+)*(?:in\s*)?to\b|\breporting\s+lines?\s+(?:is\s+|are\s+)?(?:in)?to\b"
        rf"|\breport(?:s|ing)?\s+(?:{_ADVERBS}\s+)*via\b",
        "reports-to",
        "active",
    ),
    Line(rf"\bprovides?\s+(?:\w+\s+)?(?:assurance|reports?|updates?)\s+(?:{_ADVERBS}\s+)?to\b", "reports-to", "active"),
    # accountable-to
    Line(
        r"\b(?:accountable|answerable)\s+(?:to|through)\b|\b(?:is|are|was|were)\s+(?:directly\s+|jointly\s+)?responsible\s+to\b"
        r"|\baccounts?\s+to\b",
        "accountable-to",
        "active",
    ),
    Line(
        r"\bheld\s+(?:accountable|to\s+account)\s+(?:by|to)\b|\banswers?\s+to\b",
        "accountable-to",
        "active",
    ),
    # "the Board holds the partners to account": they are accountable to it
    Line(r"\bhold(?:s|ing)?\b(?=\s+(?:the\s+)?(?-i:[A-Z])[^.;:]{0,80}?\bto\s+account\b)", "accountable-to", "passive"),
    Line(
        r"\b(?:my|our|its|their|his|her)\s+(?:\w+\s+)?(?:responsibility|accountability)\s+to\b",
        "accountable-to",
        "active",
        near=True,
    ),
    Line(
        r"\bunder\s+the\s+(?:governance|auspices)\s+of\b|\bgovernance\s+(?:sits|rests|lies)\s+with\b"
        # "a group that has delegated responsibility from the Executive Group"
        r"|\b(?:has|have|holds?|with)\s+(?:a\s+)?delegated\s+(?:responsibility|authority|powers?)\s+from\b",
        "accountable-to",
        "active",
        near=True,
    ),
    # oversees, scrutinises
    Line(
        r"\boversee(?:s|n)?\s+by\b|\bsupervised\s+by\b|\bover-?seen\s+by\b|\bmonitored\s+(?:\w+\s+)?(?:by|through)\b"
        r"|\bunder\s+the\s+(?:oversight|supervision)\s+of\b|\bgoverned\s+by\b",
        "oversees",
        "passive",
    ),
    Line(
        r"\b(?:oversees|oversaw|overseeing|supervises|(?:has|have|had)\s+overseen)\b|\b(?:provides?|has|have|maintains?)\s+"
        # "provides strategic governance, leadership, oversight and challenge to"
        r"(?:(?:strategic|independent|overall|[a-z]+,|[a-z]+\s+and)\s+)*oversight(?:\s+and\s+[a-z]+)?\s+(?:of|to|for)\b",
        "oversees",
        "active",
    ),
    Line(
        r"\b(?:(?:is|are|was|were)\s+)?responsible\s+for\b|\bwith\s+(?:overall\s+|lead\s+|strategic\s+)?responsibility\s+for\b",
        "oversees",
        "active",
        near=True,
    ),
    Line(
        rf"\bscrutini[sz]ed\s+(?:{_ADVERBS}\s+)?by\b|\bsubject\s+to\s+(?:\w+\s+)?scrutiny\s+(?:by|from)\b",
        "scrutinises",
        "passive",
    ),
    Line(
        r"\bscrutini[sz](?:es|e|ed|ing)\b|\b(?:provides?|carries\s+out|undertakes)\s+(?:independent\s+)?scrutiny\s+"
        r"(?:of|to|for)\b",
        "scrutinises",
        "active",
        near=True,
    ),
    # "the Partnership will be jointly led by A, B and C": its safeguarding partners
    Line(r"\bjointly\s+led\s+by\b", "safeguarding-partner-of", "passive"),
    # hosts
    Line(r"\bhosted\s+(?:by|within|in)\b", "hosts", "passive"),
    Line(
        r"\bacts?\s+as\s+(?:the\s+)?(?:host(?:\s+organisation)?|accountable\s+body)\s+(?:for|to|of)\b",
        "hosts",
        "active",
        near=True,
    ),
    Line(r"\b(?:hosts|hosted|host)\s+(?=(?:a|an|the|our|its|their)\s)", "hosts", "active"),
    # line-manages
    Line(r"\bline[- ]manag(?:ed|ement)\s+by\b|\bline\s+manager\s+is\b", "line-manages", "passive"),
    Line(r"\bline[- ]manages\b|\bis\s+the\s+line\s+manager\s+(?:of|for)\b", "line-manages", "active"),
    Line(r"\b(?:is|are|was|were)\s+managed\s+(?:day-to-day\s+)?by\b", "line-manages", "passive", people=True),
    Line(r"\bmanages\b", "line-manages", "active", near=True, people=True),
    # owns
    Line(r"\bowned\s+by\b|\bsubsidiary\s+of\b", "owns", "passive"),
    Line(r"(?<=[\w\s-])owned\b(?!\s+by)", "owns", "adjectival"),
    Line(
        r"\b(?:wholly\s+)?owns\b|\b(?:sole|main|majority)\s+(?:equity\s+)?(?:owner|shareholder)\s+of\b",
        "owns",
        "active",
    ),
    # commissions
    Line(r"\bcommissioned\s+by\b|\bunder\s+contract\s+to\b|\bcontracted\s+by\b", "commissions", "passive"),
    Line(r"(?<=[\w\s-])commissioned\b(?!\s+by)", "commissions", "adjectival"),
    Line(r"\bcommissions\b", "commissions", "active", near=True),
    # funds
    Line(
        r"\bfunded\s+(?:jointly\s+|partly\s+|mainly\s+|wholly\s+|in\s+part\s+)?(?:by|through)\b|\bfunding\s+from\b"
        r"|\bfunds\s+from\b|\bgrant\s+from\b|\bcontributions?\s+from\b",
        "funds",
        "passive",
    ),
    Line(r"(?<=[\w\s-])funded\b(?!\s+(?:by|through|jointly|partly|mainly|wholly|in\s+part))", "funds", "adjectival"),
    Line(r"\bfunds\b|\bprovides\s+funding\s+(?:to|for)\b", "funds", "active", near=True),
    # supports
    Line(r"\bsupported\s+by\b", "supports", "passive"),
    Line(
        r"\b(?:supports|supported)\b(?!\s+by)|\bprovides?\s+(?:\w+\s+)?support\s+(?:to|for)\b",
        "supports",
        "active",
        near=True,
    ),
    # part-of: "The Panel is part of ...", "a sub-group of ...", "sits within ..."
    Line(
        rf"\b(?:part|{GROUP_WORDS}|(?:committee|panel|group)s?)\s+of\b|\bsits?\s+(?:within|under|beneath|below)\b"
        r"|\b(?:falls?|comes?)\s+under\b",
        "part-of",
        "active",
        adjacent=True,
    ),
    # "the Partnership, comprising the SAB and the Children's Partnership": its parts
    Line(
        r"\bcompris(?:es|ing|ed)\s+(?:of\s+)?|\b(?:is|are|was|were)\s+made\s+up\s+of\b",
        "part-of",
        "passive",
    ),
)

# Role triggers for memberships: regular expression -> (role, direction). "passive":
# BODY role-by MEMBER ("chaired by"); "active": MEMBER role BODY ("chairs", "sits on").
ROLE_TRIGGERS: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:co-chaired|jointly\s+chaired|joint(?:ly)?-chaired)\s+by\b", "co-chair", "passive"),
    (r"\b(?:independently\s+)?chaired\s+by\b", "chair", "passive"),
    (r"\bvice-?\s?chaired\s+by\b", "vice-chair", "passive"),
    (r"\bco-chairs\b", "co-chair", "active"),
    (r"\bchairs\b|\bchaired\b(?=\s+(?:the|a|an|its|their)\s)", "chair", "active"),
    (
        r"\b(?:is|was|as|became|remains)\s+(?:the\s+)?(?:independent\s+)?chair(?:man|person)?\s+(?:of|for)\b",
        "chair",
        "active",
    ),
    (r"\b(?:is|was|as|became|remains)\s+(?:the\s+)?vice[- ]chair\s+(?:of|for)\b", "vice-chair", "active"),
    (r"\b(?:is|was|as|became|remains)\s+(?:the\s+)?deputy\s+chair\s+(?:of|for)\b", "deputy-chair", "active"),
    (r"\bsits?\s+on\b|\bsat\s+on\b", "member", "active"),
    (
        r"\b(?:is|are|was|were|became|remains?)\s+(?:an?\s+|core\s+|full\s+|active\s+)*members?\s+of\b",
        "member",
        "active",
    ),
    (r"\b(?:is|are)\s+(?:the\s+|a\s+)?representatives?\s+(?:at|on|to)\b", "representative", "active"),
    (r"\brepresents?\b", "representative", "active"),
    (r"\b(?:now\s+)?attends\b", "attendee", "active"),
)

# Change triggers: regular expression -> change kind. The rules in changes.py decide
# which mentions are "before" and "after".
CHANGES: tuple[tuple[str, str], ...] = (
    (r"\bmerger\s+(?:between|of)\b", "merged"),
    (r"\bmerged\s+(?:with|into)\b|\bwill\s+merge\s+with\b|\bmerges\s+with\b", "merged"),
    (r"\b(?:was|were|has\s+been|had\s+been|will\s+be)\s+acquired\s+by\b", "acquired"),
    (r"\b(?:moved|moves|transferred|transfers|transferring|will\s+transfer|will\s+move)\s+from\b", "transferred"),
    (r"\b(?:will\s+be|(?:is|are)\s+(?:now\s+)?)?transferring\s+to\b|\bwill\s+transfer\s+to\b", "transferred"),
    (
        r"\b(?:will\s+be|(?:is|are)\s+(?:to\s+be|being)|was|were|is|are|(?:has|have|had)\s+been)\s+replaced\s+by\b",
        "replaced-by",
    ),
    (r"\bwill\s+replace\b|\breplaced\b|\breplaces\b|\bwill\s+succeed\b|\bsucceeded\b(?!\s+by\b)", "replaced"),
    (r"\bbecame\s+(?:operational|live)\b|\bwent\s+live\b", "created"),
    (
        (
            r"\b(?:was|were|has\s+been|have\s+been|had\s+been|will\s+be|is\s+being)\s+"
            r"(?:established|set\s+up|created|launched|formed|founded|introduced|put\s+in\s+place)\b"
        ),
        "created",
    ),
    (
        r"\b(?:established|launched|set\s+up|created|appointed)\s+(?:a|an|the)\b|\bthere\s+(?:is|are)\s+now\s+(?:a|an)\b",
        "created-object",
    ),
    (r"\b(?:will\s+be|has\s+been|have\s+been|is\s+now|are\s+now)\s+in\s+place\b", "created"),
    # "(formally the X)" is how "formerly" is often misspelt
    (r"\(\s*(?:formerly|formally|previously)(?:\s+(?:known\s+as|called|named))?\b", "renamed-formerly"),
    (
        (
            r"\bceased\s+to\s+exist\b|\b(?:was|were|has\s+been|will\s+be)\s+(?:dissolved|abolished|disbanded|"
            r"decommissioned|stood\s+down|closed)\b|\bdecommissioning\s+of\b|\bno\s+longer\s+(?:required|exists?)\b"
        ),
        "dissolved",
    ),
    (r"\brestructured\b|\bundertaken\s+a\s+restructure\b|\bre-formed\b|\breformed\b", "restructured"),
    # "the Sheffield Safeguarding Children Board becoming the Sheffield Children Safeguarding
    # Partnership": one body after another (only between two named bodies)
    (r"\bbecom(?:ing|es)\s+the\b|\bbecame\s+the\b", "became"),
    (r"\bbecame\s+(?:a|an)\s+single\b", "merged-subject"),
    (r"\bbecame\s+(?:a|an)\b", "restructured"),
    (r"\b(?:was|has\s+been)\s+renamed\b|\bchanged\s+its\s+name\s+to\b", "renamed"),
)

# The labels over a list of the people at a meeting ("Present:", "Members present",
# "Attended:"), read without regard to case; one pattern for every reader of such lists.
ATTENDING_LABEL = r"(?:(?:also|members)\s+)?present|in\s+attendance|attendees|attended|attending|guests|sederunt"

# Words that mark a change or fact as announced rather than in force.
PLANNED = r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|planned|proposed|due\s+to|by\s+(?:the\s+end\s+of\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December)?\s*\d{4})\b"


# --- what the words of a name say --------------------------------------------------


def head_of(name: str) -> str:
    """The head word of a name ("Child Death Overview Panel" -> "panel"), or ""."""
    for w in reversed(name.split()):
        found = head_word(norm_word(w).strip(",;:()*"))
        if found:
            return found
    return ""


def is_generic(form: str) -> bool:
    """A head word alone, or after a word such as "City" ("the City Council", "the Local
    Authority"): a reference whose meaning depends on the document."""
    words = normalise(form).split()
    if not words or not (words[-1] in GENERIC_HEADS or head_word(words[-1])):
        return False
    if len(words) == 1:
        return True
    return words[-1] in ("council", "authority") and all(w in GENERIC_QUALIFIERS for w in words[:-1])


def guess_kind(name: str) -> tuple[str, str]:
    """(section, kind) of an organisation or body from the words of its name."""
    low = " " + " ".join(word_key(name).split()) + " "
    head = head_of(name)
    section, kind = HEADS.get(head, ("bodies", "other"))
    for words, s, k in KIND_HINTS:
        if f" {words} " in low and (s == "organisations" or section == "bodies"):
            return s, k
    if head == "trust":  # not an NHS trust (those carry a hint): a charity, a company, ...
        return "organisations", "other"
    return section, kind


def role_of(title: str) -> str | None:
    """The curated ``role`` a post title means ("Independent Chair" -> "chair"), if any."""
    low = " ".join(title.lower().split())
    for words in sorted(CHAIR_WORDS, key=len, reverse=True):
        if re.search(rf"(?:^|[\s(]){re.escape(words)}(?:[\s,;:)]|$)", low):
            return CHAIR_WORDS[words]
    return None
