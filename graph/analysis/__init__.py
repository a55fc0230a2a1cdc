"""Questions over the built index: time, graphs, chains, paths, diffs, conflicts."""
