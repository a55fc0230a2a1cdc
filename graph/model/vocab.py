"""The mapping from curated words (kinds, roles, relation kinds) to RDF terms.

Kept as plain tables of local names so the ontology file, the RDF writer and the
queries agree, and so this module imports nothing heavy.
"""

from __future__ import annotations

from graph.model.ids import DEF

ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TIME = "http://www.w3.org/2006/time#"
OWL = "http://www.w3.org/2002/07/owl#"
GG = DEF

PREFIXES = {
    "gg": GG,
    "org": ORG,
    "foaf": FOAF,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
    "owl": OWL,
    "time": TIME,
    "id": "https://w3id.org/govgraph/id/",
    "stmt": "https://w3id.org/govgraph/statement/",
    "src": "https://w3id.org/govgraph/source/",
}


def camel(slug: str, upper: bool = True) -> str:
    """``nhs-trust`` -> ``NhsTrust`` (or ``nhsTrust``): ontology local names from slugs."""
    parts = slug.split("-")
    text = "".join(p[:1].upper() + p[1:] for p in parts)
    return text if upper else text[:1].lower() + text[1:]


# Bodies that join several organisations are collaborations; the rest are units.
COLLABORATION_KINDS = {"board", "partnership", "assembly", "arrangement", "forum", "network"}

ROLE_PROPERTY = {
    "chair": "chairOf",
    "co-chair": "coChairOf",
    "vice-chair": "viceChairOf",
    "deputy-chair": "deputyChairOf",
    "member": None,  # plain org:memberOf
    "representative": "representativeOn",
    "lead-member": "leadMemberFor",
    "attendee": "attends",
    "officer-support": "officerSupportTo",
    "non-executive-director": "nonExecutiveDirectorOf",
    "independent-member": "independentMemberOf",
    "lay-member": "layMemberOf",
    "observer": "observerOn",
    "adviser": "adviserTo",
    "lead": "leadOf",
}

RELATION_PROPERTY = {
    "reports-to": ORG + "reportsTo",
    "part-of": ORG + "subOrganizationOf",
    "accountable-to": GG + "accountableTo",
    "oversees": GG + "oversees",
    "scrutinises": GG + "scrutinises",
    "inspects": GG + "inspects",
    "hosts": GG + "hosts",
    "line-manages": GG + "lineManages",
    "owns": GG + "owns",
    "commissions": GG + "commissions",
    "funds": GG + "funds",
    "supports": GG + "supports",
    "presents-to": GG + "presentsTo",
    "holds-to-account": GG + "holdsToAccount",
    "safeguarding-partner-of": GG + "safeguardingPartnerOf",
    "advises": GG + "advises",
    "delivers": GG + "delivers",
    "succeeded-by": GG + "succeededBy",
    "approves": GG + "approves",
    "recommends": GG + "recommends",
    "submits": GG + "submits",
    "appoints": GG + "appoints",
}


def role_property(role: str) -> str:
    local = ROLE_PROPERTY[role]
    return ORG + "memberOf" if local is None else GG + local


def entity_classes(kind: str, subtype: str) -> list[str]:
    """The standard class and the project's subclass for an entity."""
    if kind == "person":
        return [FOAF + "Person"]
    if kind == "post":
        return [ORG + "Post"]
    if kind == "organisation":
        return [ORG + "FormalOrganization", GG + kind_class(kind, subtype)]
    if kind == "body":
        std = "OrganizationalCollaboration" if subtype in COLLABORATION_KINDS else "OrganizationalUnit"
        return [ORG + std, GG + kind_class(kind, subtype)]
    if kind == "plan":
        return [PROV + "Plan", GG + ("OtherPlan" if subtype == "other" else camel(subtype))]
    raise ValueError(kind)


def kind_class(kind: str, subtype: str) -> str:
    """Local name of the project class for an organisation or body kind (a plan's is
    written by ``entity_classes``: its kinds are few and its "other" is its own)."""
    if subtype == "other":
        return "OtherOrganisation" if kind == "organisation" else "OtherBody"
    return camel(subtype)
