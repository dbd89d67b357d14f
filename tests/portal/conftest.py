import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache_and_fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    yield
    cache.clear()
