"""The review loop that turns candidate facts into curated ones."""
