"""Garbled text layers made from good PDFs (issue 12, "text you can trust").

Each variant rewrites or removes the ToUnicode CMaps of one source PDF the way a bad
re-distill or a careless optimizer does; the glyphs, the font programs and the drawing are left
as they are. Usage:

    python3 text_layer.py SRC.pdf OUT.pdf latin1-kana | identity | drop

- latin1-kana: katakana letters (U+30A1-U+30F6) are mapped into Latin-1 (U+00A1-U+00F6, the
  code point minus U+3000), as a re-distill that kept the low byte of each katakana does;
  everything else keeps its mapping.
- identity: every code n maps to U+n (the code read as a code point), as a re-distill that
  wrote an identity ToUnicode over subset codes does.
- drop: the ToUnicode entries are removed.

pikepdf writes the output with a fixed /ID, so a rerun on the same input gives the same bytes.
"""
import re
import sys

import pikepdf

HEX = re.compile(rb"<([0-9A-Fa-f]+)>")


def fonts(pdf):
    seen = set()
    for page in pdf.pages:
        for _, font in page.Resources.get("/Font", {}).items():
            if font.objgen not in seen:
                seen.add(font.objgen)
                yield font


def codes_and_width(cmap):
    """The codes a ToUnicode CMap maps (bfchar and bfrange), and the code width in bytes."""
    codes = []
    width = 1
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        pairs = HEX.findall(block)
        for src in pairs[0::2]:
            codes.append(int(src, 16))
            width = max(width, len(src) // 2)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for line in block.splitlines():
            h = HEX.findall(line)
            if len(h) >= 2:
                lo, hi = int(h[0], 16), int(h[1], 16)
                codes.extend(range(lo, hi + 1))
                width = max(width, len(h[0]) // 2)
    return codes, width


def latin1_kana(cmap):
    def shift(m):
        v = int(m.group(2), 16)
        if 0x30A1 <= v <= 0x30F6:
            v -= 0x3000
        return m.group(1) + b"<%04X>" % v

    # Only the destination of bfchar entries (`<src> <dst>`) changes.
    def block(m):
        return re.sub(rb"(<[0-9A-Fa-f]+>\s*)<([0-9A-Fa-f]{4})>", shift, m.group(0))

    out, n = re.subn(rb"beginbfchar.*?endbfchar", block, cmap, flags=re.S)
    assert n > 0, "no bfchar block"
    return out


def identity(cmap):
    codes, width = codes_and_width(cmap)
    head = cmap[: cmap.index(b"endcodespacerange") + len(b"endcodespacerange")]
    body = []
    codes = sorted(set(codes))
    for i in range(0, len(codes), 100):
        chunk = codes[i : i + 100]
        body.append(b"%d beginbfchar" % len(chunk))
        for c in chunk:
            body.append(b"<%0*X> <%04X>" % (width * 2, c, c))
        body.append(b"endbfchar")
    tail = b"\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    return head + b"\n" + b"\n".join(body) + tail


def main():
    src, out, how = sys.argv[1:4]
    pdf = pikepdf.open(src)
    for font in fonts(pdf):
        if "/ToUnicode" not in font:
            continue
        if how == "drop":
            del font["/ToUnicode"]
            continue
        data = font.ToUnicode.read_bytes()
        new = latin1_kana(data) if how == "latin1-kana" else identity(data)
        font.ToUnicode = pdf.make_stream(new)
    pdf.remove_unreferenced_resources()
    pdf.save(out, deterministic_id=True, compress_streams=True)


if __name__ == "__main__":
    main()
