"""Settings for the benchmark server: sifa's own, with the bare view mounted beside the app's URLs."""

from sifa.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
