"""Writes fixtures/reliability/decompression-bomb-1gib.pdf: a one-page PDF whose content stream
inflates to 1 GiB.

The page's content stream is `BT /F1 24 Tf 72 760 Td (decompression bomb) Tj ET` followed by
1 GiB of spaces, deflated twice (/Filter [/FlateDecode /FlateDecode]): the first filter gives
~1 MB, the second the full 1 GiB, so the file stays a few KB. A reader without a bound on the
decoded size of a stream needs > 1 GiB (kouteihyo before the vendored hayro-syntax patch: ~3 GB
RSS); with the bound (MAX_DECODED_STREAM_LEN in vendor/hayro-syntax/src/filter/mod.rs) the stream
fails to decode and memory stays small.

No third-party modules; the output is deterministic.
Usage:  python3 scripts/reliability/decompression_bomb.py [OUT.pdf]
"""

import sys
import zlib

OUT = sys.argv[1] if len(sys.argv) > 1 else "fixtures/reliability/decompression-bomb-1gib.pdf"
INFLATED = 1 << 30  # bytes after both filters

TEXT = b"BT /F1 24 Tf 72 760 Td (decompression bomb) Tj ET\n"

inner = zlib.compressobj(9)
parts = [inner.compress(TEXT)]
chunk = b" " * (1 << 20)
for _ in range(INFLATED // len(chunk)):
    parts.append(inner.compress(chunk))
parts.append(inner.flush())
once = b"".join(parts)
twice = zlib.compress(once, 9)

objects = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
    b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(twice)
    + twice
    + b"\nendstream",
    b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
]

out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
offsets = []
for number, body in enumerate(objects, start=1):
    offsets.append(len(out))
    out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
for offset in offsets:
    out += b"%010d 00000 n \n" % offset
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)

with open(OUT, "wb") as f:
    f.write(out)
print(f"{OUT}: {len(out)} bytes; the content stream inflates to {len(TEXT) + INFLATED} bytes")
