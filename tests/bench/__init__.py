"""Benchmarks: `python -m tests.bench` prints a table of figures with ratios from one run."""
