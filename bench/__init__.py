"""Benchmarks and the synthetic data generator (issue 9). `make bench` runs `python -m bench.run`."""
