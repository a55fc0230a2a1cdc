"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

pyshacl is slow to import and run, so it is used only by ``check`` and ``build``,
never on the answering path.
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import Finding, Place


def shacl_findings(ntriples: str, shapes: Path, ontology: Path) -> list[Finding]:
    """One finding per SHACL violation (focus node, path, message)."""
    import rdflib
    from pyshacl import validate

    data = rdflib.Graph()
    data.parse(data=ntriples, format="nt")
    ont = rdflib.Graph().parse(ontology, format="turtle")
    shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    conforms, report, _ = validate(
        data, shacl_graph=shapes_graph, ont_graph=ont, inference="none", advanced=True,
        allow_warnings=True,
    )
    if conforms:
        return []
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    findings = []
    for result in sorted(report.subjects(rdflib.RDF.type, sh.ValidationResult), key=str):
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage)
        where = f" {path.n3(data.namespace_manager)}" if path is not None else ""
        findings.append(Finding("shacl", f"<{focus}>{where}: {message}", Place(str(shapes))))
    return findings
