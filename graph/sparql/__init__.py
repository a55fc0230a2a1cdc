"""SPARQL everywhere: store backends, named queries, serve, push and export."""
