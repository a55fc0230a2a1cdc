"""The source documents: the manifest, each document's text, registering a new source."""
