#!/usr/bin/env python3
"""Generate NTAG 424 DNA SUN test vectors with non-zero, per-tag diversified keys.

Why: the published AN12196 vectors (test/fixtures/vectors/ntag424-sun.json) use all-zero keys, under which a
verifier that ignored its key argument, or used the wrong key in the wrong place, could still pass. These
vectors use distinct non-zero keys for K_SDMMetaRead and each tag's K_SDMFileRead.

Independence: this script shares no code with the TypeScript verifier (gateway/src/scan/). It uses Python's
`cryptography` package for AES and CMAC and implements, from the application notes' prose:
  - NXP AN10922 §2.2 AES-128 key diversification (CMAC subkeys K1/K2 derived here from AES-ECB(K, 0^128),
    D = 0x01 || M padded 0x80 00.. to 32 bytes, last block xor K2 (or K1 when unpadded), CBC-MAC);
  - NXP AN12196 SUN message construction (AES mode): PICC data = AES-CBC(K_SDMMetaRead, IV 0,
    C7 || UID || counter LSB-first || 5 filler bytes); session keys CMAC(K_SDMFileRead, 3CC300010080 || UID ||
    ctr) and CMAC(K_SDMFileRead, C33C00010080 || UID || ctr); file data AES-CBC with
    IV = AES-ECB(K_SesSDMFileReadENC, ctr || 0^13); MAC over the ASCII of the upper-case enc hex + "&cmac="
    (empty without enc), truncated to the bytes at odd indices.

Keys: the brand master key and K_SDMMetaRead are fixed test constants below (brand-wide: the UID is unknown until
the PICC data is decrypted, so the meta-read key cannot be per tag). K_SDMFileRead per tag is
AN10922(master, M = UID || NDEF application ISO DF name D2760000850101 || ASCII "Trace").
Filler bytes are SHA-256-derived from the UID and counter, so the output is reproducible.

Run:  pip install cryptography && python3 scripts/gen-sun-vectors.py > test/fixtures/vectors/ntag424-sun-diversified.json
"""
import hashlib
import json

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

MASTER_KEY = bytes.fromhex("A1B2C3D4E5F60718293A4B5C6D7E8F90")
META_READ_KEY = bytes.fromhex("5E1A9C3B7D2F4E6081A3C5E7092B4D6F")
APPLICATION_ID = bytes.fromhex("D2760000850101")
SYSTEM_IDENTIFIER = b"Trace"
BASE_URL = "https://brand.example/t"


def aes_ecb(key: bytes, data: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return enc.update(data) + enc.finalize()


def aes_cbc_encrypt(key: bytes, iv: bytes, data: bytes) -> bytes:
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def aes_cmac(key: bytes, data: bytes) -> bytes:
    c = cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def _dbl(block: bytes) -> bytes:
    n = int.from_bytes(block, "big") << 1
    if n >> 128:
        n = (n & ((1 << 128) - 1)) ^ 0x87
    return n.to_bytes(16, "big")


def an10922_aes128(master: bytes, m: bytes) -> bytes:
    assert len(master) == 16 and 1 <= len(m) <= 31
    k1 = _dbl(aes_ecb(master, bytes(16)))
    k2 = _dbl(k1)
    d = bytes([0x01]) + m
    if len(d) < 32:
        d = d + b"\x80" + bytes(31 - len(d))
        mask = k2
    else:
        mask = k1
    d = d[:16] + bytes(a ^ b for a, b in zip(d[16:], mask))
    return aes_cbc_encrypt(master, bytes(16), d)[16:]


def tag_key(uid: bytes) -> bytes:
    return an10922_aes128(MASTER_KEY, uid + APPLICATION_ID + SYSTEM_IDENTIFIER)


def sun_url(uid: bytes, counter: int, file_data: bytes | None) -> dict:
    ctr = counter.to_bytes(3, "little")
    filler = hashlib.sha256(uid + ctr).digest()[:5]
    picc = aes_cbc_encrypt(META_READ_KEY, bytes(16), bytes([0xC7]) + uid + ctr + filler)
    file_key = tag_key(uid)
    ses_mac = aes_cmac(file_key, bytes.fromhex("3CC300010080") + uid + ctr)
    url = f"{BASE_URL}?picc_data={picc.hex().upper()}"
    mac_input = ""
    if file_data is not None:
        ses_enc = aes_cmac(file_key, bytes.fromhex("C33C00010080") + uid + ctr)
        iv = aes_ecb(ses_enc, ctr + bytes(13))
        enc_hex = aes_cbc_encrypt(ses_enc, iv, file_data).hex().upper()
        mac_input = f"{enc_hex}&cmac="
        url += f"&enc={enc_hex}"
    full_mac = aes_cmac(ses_mac, mac_input.encode("ascii"))
    url += f"&cmac={full_mac[1::2].hex().upper()}"
    out = {
        "url": url,
        "uid": uid.hex().upper(),
        "counter": counter,
        "fileReadKey": file_key.hex().upper(),
        "macInput": mac_input,
    }
    if file_data is not None:
        out["fileData"] = file_data.decode("ascii")
    return out


def main() -> None:
    # Self-check against the AN10922 §2.2.1 published example before writing anything.
    assert an10922_aes128(
        bytes.fromhex("00112233445566778899AABBCCDDEEFF"), bytes.fromhex("04782E21801D803042F54E585020416275")
    ) == bytes.fromhex("A8DD63A3B89D54B37CA802473FDA9175")
    tags = [
        (bytes.fromhex("04A1B2C3D4E580"), 1, None),
        (bytes.fromhex("04A1B2C3D4E580"), 2, b"LOT-2026-0042...."[:16]),
        (bytes.fromhex("0411223344556B"), 0x0102AB, b"GTIN09506000134352 lot:A17/ser:9"[:32]),
        (bytes.fromhex("04FFEEDDCCBBAA"), 0xFFFFFE, None),
    ]
    lengths = [1, 7, 15, 16, 17, 31]
    print(
        json.dumps(
            {
                "source": "Generated by scripts/gen-sun-vectors.py (Python cryptography package, independent of the "
                "TypeScript verifier); see the script header for how.",
                "masterKey": MASTER_KEY.hex().upper(),
                "metaReadKey": META_READ_KEY.hex().upper(),
                "applicationId": APPLICATION_ID.hex().upper(),
                "systemIdentifier": SYSTEM_IDENTIFIER.decode("ascii"),
                "vectors": [sun_url(uid, ctr, fd) for uid, ctr, fd in tags],
                "diversification": [
                    {
                        "m": (m := hashlib.sha256(bytes([n])).digest()[:n]).hex().upper(),
                        "key": an10922_aes128(MASTER_KEY, m).hex().upper(),
                    }
                    for n in lengths
                ],
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
