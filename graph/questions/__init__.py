"""Names resolved to entities, the governance answers (names and citations), and ask."""
