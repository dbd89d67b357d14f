"""Personal data at rest: SM4 (GB/T 32907) encryption and keyed SM3 (GB/T 32905) look-up hashes.

Both come from the `cryptography` package (OpenSSL). SM4 runs in GCM mode with a random 96-bit nonce,
so the same ID number encrypts differently each time; equality search uses the keyed SM3 HMAC instead.
The 128-bit key comes from SIFA_DATA_KEY or var/data_key; the look-up key is derived from it.
"""

from __future__ import annotations

import base64
import os
from functools import lru_cache

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings

PREFIX = "sm4g1:"
_NONCE = 12
_TAG = 16


class DecryptionError(ValueError):
    pass


@lru_cache(maxsize=4)
def _keys(raw_hex: str) -> tuple[bytes, bytes]:
    key = bytes.fromhex(raw_hex)
    if len(key) != 16:
        raise ValueError("SIFA_DATA_KEY must be 32 hex digits (a 128-bit SM4 key)")
    lookup = sm3_hmac_bytes(key, b"sifa/lookup-key/v1")
    return key, lookup


def _data_key() -> bytes:
    return _keys(settings.SIFA_DATA_KEY)[0]


def _lookup_key() -> bytes:
    return _keys(settings.SIFA_DATA_KEY)[1]


def sm3_hmac_bytes(key: bytes, message: bytes) -> bytes:
    h = hmac.HMAC(key, hashes.SM3())
    h.update(message)
    return h.finalize()


def sm3_hmac_hasher(key: bytes):
    """HMAC-SM3 (GB/T 15852.2, RFC 2104) under one key, as a function of the message giving the hex digest: the
    keyed state is set up once and copied for each message (a third faster than keying each one)."""
    keyed = hmac.HMAC(key, hashes.SM3())

    def mac(message: bytes) -> str:
        h = keyed.copy()
        h.update(message)
        return h.finalize().hex()

    return mac


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def lookup_hash(value: str) -> str:
    """The keyed SM3 hash of a normalised value, for exact-match search without decrypting."""
    return sm3_hmac_bytes(_lookup_key(), value.strip().upper().encode()).hex()


def secret_hash(purpose: str, value: str) -> str:
    """The keyed SM3 hash of a secret (an API token) under a key derived from the data key for `purpose`: what is
    stored instead of the secret, so that a copy of the database does not hold a usable one."""
    key = sm3_hmac_bytes(_data_key(), f"sifa/{purpose}-key/v1".encode())
    return sm3_hmac_bytes(key, value.encode()).hex()


def encrypt(plaintext: str) -> str:
    if plaintext in (None, ""):
        return ""
    nonce = os.urandom(_NONCE)
    enc = Cipher(algorithms.SM4(_data_key()), modes.GCM(nonce)).encryptor()
    ct = enc.update(plaintext.encode()) + enc.finalize()
    return PREFIX + base64.b64encode(nonce + ct + enc.tag).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    if not token.startswith(PREFIX):
        raise DecryptionError("not an sm4 token")
    raw = base64.b64decode(token[len(PREFIX):])
    nonce, ct, tag = raw[:_NONCE], raw[_NONCE:-_TAG], raw[-_TAG:]
    dec = Cipher(algorithms.SM4(_data_key()), modes.GCM(nonce, tag)).decryptor()
    try:
        return (dec.update(ct) + dec.finalize()).decode()
    except Exception as exc:  # InvalidTag: wrong key or tampered data
        raise DecryptionError("cannot decrypt: wrong key or tampered data") from exc


def mask_id_number(value: str) -> str:
    """310107199001011234 -> 310107********1234 (GB 11643 numbers); other IDs keep 2 + 2 characters."""
    if not value:
        return ""
    if len(value) == 18:
        return value[:6] + "*" * 8 + value[-4:]
    if len(value) <= 4:
        return "*" * len(value)
    return value[:2] + "*" * (len(value) - 4) + value[-2:]


def mask_phone(value: str) -> str:
    """13812345678 -> 138****5678."""
    if not value:
        return ""
    if len(value) >= 7:
        return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else value[:3] + "****"
    return "*" * len(value)
