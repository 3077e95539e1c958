"""Small valid underlag for the tests: a real PDF, a PNG and a JPEG header."""

from __future__ import annotations

import struct
import zlib

from finsam_desktop.ops.demo_underlag import pdf_document


def pdf(text: str = "Faktura 1") -> bytes:
    return pdf_document(text, [text])


def png(seed: int = 0) -> bytes:
    """A valid 2×2 PNG whose pixels depend on `seed`."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + bytes([seed % 256, 0, 0] * 2) for _ in range(2))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
