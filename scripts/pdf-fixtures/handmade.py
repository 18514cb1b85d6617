"""Small hand-written PDFs, one per font/encoding set-up that real Japanese PDFs use.

Each file is one landscape A4 page with a few short lines of roadmap text, written byte by
byte (objects, uncompressed content streams, an xref table and a trailer), so the font
dictionaries are exactly the ones named here and nothing else:

  handmade-90ms-rksj.pdf        Type0, /90ms-RKSJ-H, CIDFontType0 Adobe-Japan1-2,
                                non-embedded, no ToUnicode; Shift_JIS (cp932) strings with
                                single-byte ASCII and half-width katakana. The page is a
                                small unruled sheet (heading, header line, two rows, note).
  handmade-unijis-utf16.pdf     Type0, /UniJIS-UTF16-H, CIDFontType0 Adobe-Japan1-7,
                                non-embedded, no ToUnicode; UTF-16BE strings, including
                                U+20B9F (a surrogate pair, CID 13803).
  handmade-identity-h-no-tounicode.pdf
                                Type0, /Identity-H, CIDFontType0 Adobe-Japan1-4,
                                non-embedded, no ToUnicode; the codes are Adobe-Japan1
                                CIDs, taken from poppler-data's UniJIS-UCS2-H CMap.
  handmade-simple-differences.pdf
                                Type1 /Helvetica (standard 14, non-embedded) with
                                /Encoding << /BaseEncoding /WinAnsiEncoding /Differences >>
                                mapping codes to /fi /fl /endash /quotedblleft
                                /quotedblright, and '*' (42) to /bullet.
  handmade-identity-v.pdf       Identity-H text plus a side label in vertical writing
                                (/Identity-V), both Adobe-Japan1-4 CIDs, non-embedded.

No third-party modules. The output is deterministic (no dates, no /ID).
The Adobe-Japan1 CIDs come from /usr/share/poppler/cMap/Adobe-Japan1/UniJIS-UCS2-H
(package poppler-data); set POPPLER_CMAP_DIR to use another copy.

Usage:
    python3 handmade.py OUTDIR
"""
import os
import re
import sys

CMAP_DIR = os.environ.get("POPPLER_CMAP_DIR", "/usr/share/poppler/cMap/Adobe-Japan1")
PAGE_W, PAGE_H = 842, 595

# ---------------------------------------------------------------------------------------------
# PDF assembly.


def pdf_file(objects):
    """A PDF whose object n is objects[n - 1] (bytes or str), with /Root 1 0 R."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        if isinstance(body, str):
            body = body.encode("ascii")
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(content):
    """A stream object (uncompressed) holding `content` (bytes)."""
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def page_pdf(fonts, content):
    """One landscape page. `fonts` maps a resource name (F1, ...) to a list of objects:
    the first is the font dictionary, the others are objects it refers to. Inside them,
    `{n}` stands for the number of the font's own object n (0 = the font dictionary)."""
    objects = [None, None, None, None]  # catalog, pages, page, contents
    names = []
    for name, objs in fonts.items():
        base = len(objects) + 1
        nums = {k: base + k for k in range(len(objs))}
        for body in objs:
            for k, n in nums.items():
                body = body.replace("{%d}" % k, str(n))
            objects.append(body)
        names.append("/%s %d 0 R" % (name, base))
    objects[0] = "<< /Type /Catalog /Pages 2 0 R >>"
    objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
    objects[2] = (
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] "
        "/Resources << /Font << %s >> >> /Contents 4 0 R >>" % (PAGE_W, PAGE_H, " ".join(names))
    )
    objects[3] = stream(content)
    return pdf_file(objects)


def text_ops(runs):
    """Content stream text: runs are (font, size, x, y, code bytes)."""
    out = bytearray()
    for font, size, x, y, codes in runs:
        out += b"BT /%s %g Tf %g %g Td <%s> Tj ET\n" % (
            font.encode("ascii"),
            size,
            x,
            y,
            codes.hex().upper().encode("ascii"),
        )
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Fonts.


def cid_type0(base_font, encoding, supplement):
    """A Type0 font over a non-embedded CIDFontType0 (Adobe-Japan1), no ToUnicode.
    CIDs 1-632 (the proportional and half-width forms) are 500 wide, the rest 1000."""
    return [
        "<< /Type /Font /Subtype /Type0 /BaseFont /%s-%s /Encoding /%s /DescendantFonts [{1} 0 R] >>"
        % (base_font, encoding, encoding),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /%s "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement %d >> "
        "/FontDescriptor {2} 0 R /DW 1000 /W [1 632 500] >>" % (base_font, supplement),
        "<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [-92 -250 1010 922] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 737 /StemV 93 >>" % base_font,
    ]


def unicode_to_cid():
    """Unicode code point -> Adobe-Japan1 CID, from the UniJIS-UCS2-H CMap."""
    path = os.path.join(CMAP_DIR, "UniJIS-UCS2-H")
    with open(path, encoding="latin-1") as f:
        text = f.read()
    table = {}
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.S):
        for lo, hi, cid in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\d+)", block):
            for k, u in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[u] = int(cid) + k
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.S):
        for u, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", block):
            table[int(u, 16)] = int(cid)
    return table


def cids(table, s):
    """Two-byte CIDs (Identity-H/V codes) of the characters of s."""
    out = bytearray()
    for ch in s:
        cid = table.get(ord(ch))
        if cid is None:
            raise SystemExit("no Adobe-Japan1 CID for %r (U+%04X)" % (ch, ord(ch)))
        out += cid.to_bytes(2, "big")
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# The files.

HEADING = "各施策のスケジュール・工程表①"


def rksj():
    """90ms-RKSJ-H: a small sheet without rules (the columns only show in the header line)."""
    runs = [(18, 40, 540, HEADING)]
    header = [(200, "2024年夏"), (290, "2024年末"), (380, "2025年度"),
              (480, "KPI (成果指標)"), (600, "進捗状況"), (720, "該当事業")]
    runs += [(10, x, 490, s) for x, s in header]
    row1 = [(40, "・官民協議会の継続的な開催【厚】"), (200, "協議会設置"), (380, "継続開催"),
            (480, "開催回数12回"), (600, "2024年度末までに4回"), (720, "令和6年度補正予算7.9億円")]
    row2 = [(40, "・ｱｶﾃﾞﾐｱとのﾏｯﾁﾝｸﾞ推進【文】"), (290, "公募開始"),
            (480, "ＫＰＩ（成果指標）"), (600, "執行中【経】"), (720, "創薬基盤強化支援事業")]
    runs += [(8, x, 455, s) for x, s in row1]
    runs += [(8, x, 425, s) for x, s in row2]
    runs.append((9, 40, 40, "※2025年6月末時点"))
    content = text_ops([("F1", size, x, y, s.encode("cp932")) for size, x, y, s in runs])
    return page_pdf({"F1": cid_type0("HeiseiKakuGo-W5", "90ms-RKSJ-H", 2)}, content)


LINES = [
    (18, HEADING),
    (14, "2024年度末 KPI（成果指標）"),
    (14, "・官民協議会の継続的な開催【厚】"),
    (14, "令和6年度補正予算7.9億円"),
    (14, "ＫＰＩ（成果指標） ｶﾀｶﾅ"),
    (12, "※2025年6月末時点"),
]


def lines(font, entries, encode, x=60, top=530, step=40):
    return [(font, size, x, top - i * step, encode(s)) for i, (size, s) in enumerate(entries)]


def utf16():
    """UniJIS-UTF16-H: UTF-16BE strings, one of them with a character outside the BMP."""
    entries = LINES + [(14, "𠮟咤激励の「𠮟」はU+20B9F")]
    content = text_ops(lines("F1", entries, lambda s: s.encode("utf-16-be")))
    return page_pdf({"F1": cid_type0("HeiseiKakuGo-W5", "UniJIS-UTF16-H", 7)}, content)


def identity_h(table):
    """Identity-H: the codes are Adobe-Japan1 CIDs; no ToUnicode."""
    content = text_ops(lines("F1", LINES, lambda s: cids(table, s)))
    return page_pdf({"F1": cid_type0("HeiseiKakuGo-W5", "Identity-H", 4)}, content)


def identity_v(table):
    """Identity-H lines with a side label in vertical writing (Identity-V)."""
    runs = [("F1", size, 120, 530 - i * 40, cids(table, s)) for i, (size, s) in enumerate(LINES)]
    # Vertical: the origin is the top centre of the first glyph; the text runs downwards.
    runs.append(("F2", 14, 60, 500, cids(table, "革新的医薬品の価値に応じた評価")))
    content = text_ops(runs)
    return page_pdf(
        {
            "F1": cid_type0("HeiseiMin-W3", "Identity-H", 4),
            "F2": cid_type0("HeiseiMin-W3", "Identity-V", 4),
        },
        content,
    )


# Codes remapped by /Differences (on top of WinAnsiEncoding).
DIFF_CODES = {"\ufb01": 1, "\ufb02": 2, "\u2013": 4, "\u201c": 5, "\u201d": 6, "\u2022": 42}
DIFFERENCES = "[1 /fi /fl 4 /endash /quotedblleft /quotedblright 42 /bullet]"


def simple_differences():
    """Type1 Helvetica with a /Differences encoding: ligatures, dashes, quotes, a bullet."""
    entries = [
        (18, "Roadmap follow-up: \ufb01nal \ufb02ow"),
        (14, "\u2022 Ef\ufb01cient work\ufb02ow \u2013 FY2024\u20132026"),
        (14, "\u201cProgress\u201d as of end of June 2025"),
        (14, "\u2022 Budget: 7.9 oku yen (supplementary)"),
        (14, "KPI: 12 meetings, 4 \ufb01eld reports"),
    ]

    def encode(s):
        out = bytearray()
        for ch in s:
            if ch in DIFF_CODES:
                out.append(DIFF_CODES[ch])
            elif " " <= ch <= "~" and ch != "*":
                out.append(ord(ch))
            else:
                raise SystemExit("cannot encode %r" % ch)
        return bytes(out)

    content = text_ops(lines("F1", entries, encode))
    font = [
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {1} 0 R >>",
        "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences %s >>" % DIFFERENCES,
    ]
    return page_pdf({"F1": font}, content)


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: python3 handmade.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    table = unicode_to_cid()
    files = {
        "handmade-90ms-rksj.pdf": rksj(),
        "handmade-unijis-utf16.pdf": utf16(),
        "handmade-identity-h-no-tounicode.pdf": identity_h(table),
        "handmade-simple-differences.pdf": simple_differences(),
        "handmade-identity-v.pdf": identity_v(table),
    }
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
