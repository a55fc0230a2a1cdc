"""The pipeline: curated facts -> RDF (both layers), SHACL, the answer index, one atomic publication."""
