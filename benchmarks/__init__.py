"""Development code: benchmarks, synthetic data and the extraction evaluation (not in the wheel).

Run from the repository root, e.g. ``.venv/bin/python -m benchmarks.cli``; ``scripts/bench``
runs them all.
"""
