"""Helpers shared by the tests (and the benchmarks): fixtures, the test browser."""
