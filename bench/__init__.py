"""Benchmarks and the synthetic data generator (issue 9). `make bench` runs `python -m bench.run`."""


class Skip(Exception):
    """A benchmark that cannot run here (a line not installed yet): recorded with the reason."""
