#!/usr/bin/env python3
"""Hostile-input check, run by hand (not a test): truncates, byte-flips and stream-damages the
bundled PDFs, runs the release binary over the lot as one batch, and checks what users rely on:
no panic, no signal, every failure a FAILED line with a reason, and every file that converts
holds exactly the text of its undamaged original (nothing lost or garbled with exit 0).

usage: python3 scripts/hostile.py [N_PER_KIND] [SEED]   (default 12, 7)
"""
import json, os, random, re, subprocess, sys, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
binary = os.environ.get("KOUTEIHYO", str(root / "target/release/kouteihyo"))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 12
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
sources = {
    "lo": root / "fixtures/editions/2025-06/followup.pdf",
    "chrome": root / "fixtures/pdf-variants/chromium-identity-h.pdf",
    "rl": root / "fixtures/pdf-variants/reportlab-cid-unijis.pdf",
}

def chars(e):
    return sum(len(i["raw"]) for s in e["sheets"] for c in s["cells"] for i in c["items"]) + sum(
        len(s["heading"]["raw"]) for s in e["sheets"])

with tempfile.TemporaryDirectory() as tmp:
    tmp = Path(tmp)
    inputs, out = tmp / "in", tmp / "out"
    inputs.mkdir()
    originals = {}
    for tag, path in sources.items():
        run = subprocess.run([binary, "extract", str(path), "-o", "-", "-q"], capture_output=True)
        originals[tag] = chars(json.loads(run.stdout))
        b = path.read_bytes()
        starts = [m.end() for m in re.finditer(rb"stream\r?\n", b)]
        for k in range(n):
            (inputs / f"trunc-{tag}-{k}.pdf").write_bytes(b[: random.randrange(len(b))])
            x = bytearray(b)
            for _ in range(random.choice([1, 5, 50])):
                x[random.randrange(len(x))] = random.randrange(256)
            (inputs / f"flip-{tag}-{k}.pdf").write_bytes(bytes(x))
            x = bytearray(b)
            s = random.choice(starts)
            e = b.find(b"endstream", s)
            x[s + max(0, (e - s) // 2)] ^= 0xFF
            (inputs / f"stream-{tag}-{k}.pdf").write_bytes(bytes(x))
    run = subprocess.run([binary, "extract", str(inputs), "-o", str(out)], capture_output=True, text=True)
    err = run.stderr
    problems = []
    if run.returncode not in (0, 1):
        problems.append(f"exit {run.returncode}")
    for word in ("panicked", "RUST_BACKTRACE", "internal error"):
        if word in err:
            problems.append(f"{word!r} in stderr")
    converted = 0
    for f in sorted(out.glob("*.json")):
        e = json.loads(f.read_text())
        tag = e["source"]["file"].split("-")[1]
        converted += 1
        if chars(e) != originals[tag] or not e.get("complete", True):
            problems.append(f"{e['source']['file']}: {chars(e)} characters, the original has {originals[tag]}")
    failed = sum(1 for l in err.splitlines() if l.startswith("FAILED"))
    print(f"{len(list(inputs.iterdir()))} inputs: {converted} outputs, {failed} FAILED lines; {err.strip().splitlines()[-1]}")
    for p in problems:
        print("PROBLEM", p)
    sys.exit(1 if problems else 0)
