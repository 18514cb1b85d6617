#!/usr/bin/env python3
"""Times kouteihyo (PDF → validated JSON) against `pdftotext -layout` and prints Markdown tables.

Usage: python3 scripts/bench.py [--runs N] [--kouteihyo PATH] [--floor PATH]
(`bash scripts/bench.sh` builds the release binary and examples/interpret_floor first and
calls this.)

What it measures, on this machine, as whole processes (start-up, reading, writing included):
  1. per producer — LibreOffice (embedded TrueType), ReportLab (non-embedded CID font, a
     predefined CMap), Chromium (tagged, CID TrueType): kouteihyo's wall time over
     pdftotext's on the same file, *pair by pair* (each run of kouteihyo is followed by one of
     pdftotext, and the ratio of the pair is taken, so that load on the machine hits both
     alike), the median of N pairs; the peak RSS of each (from wait4); and the same ratio
     for examples/interpret_floor — hayro opening the file and interpreting every page with
     a device that only reads each glyph's text and position — the floor under kouteihyo that
     is not the project's own;
  2. ms per page on 13-, 130- and 260-page files (the LibreOffice deck repeated with qpdf);
  3. a batch of 32 copies at -j 1 and -j 2 (wall, peak RSS), and the peak at 8 copies, to
     show that a batch's memory does not grow with its number of files.

Needs: pdftotext (poppler-utils), qpdf. Not a test; CI does not run it. The fixture files
are the project's own (fixtures/), the larger files are made in a temporary folder.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures")


def run(cmd):
    """Runs cmd (stdout and stderr discarded); returns (seconds, peak RSS in MiB)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench.py: failed: {' '.join(cmd)}")
    return dt, usage.ru_maxrss / 1024.0


def qpdf_repeat(src, times, dst):
    subprocess.run(["qpdf", "--empty", "--pages", *([src] * times), "--", dst], check=True)


def pages_of(pdf):
    out = subprocess.run(["qpdf", "--show-npages", pdf], capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=11, help="pairs per row (median; at least 9)")
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    ap.add_argument("--kouteihyo", default=os.path.join(target, "release", "kouteihyo"))
    ap.add_argument("--floor", default=os.path.join(target, "release", "examples", "interpret_floor"),
                    help="the examples/interpret_floor binary (hayro alone); its column is left out if missing")
    a = ap.parse_args()
    runs = max(a.runs, 9)
    for tool in ("pdftotext", "qpdf"):
        if not shutil.which(tool):
            sys.exit(f"bench.py: {tool} is missing (apt-get install poppler-utils qpdf)")
    k = a.kouteihyo
    work = tempfile.mkdtemp(prefix="kouteihyo-bench-")
    try:
        out = os.path.join(work, "out")
        txt = os.path.join(work, "p.txt")
        office = os.path.join(FIX, "editions", "2025-06", "followup.pdf")
        cid = os.path.join(work, "reportlab-cid-13.pdf")
        qpdf_repeat(os.path.join(FIX, "pdf-variants", "reportlab-cid-unijis.pdf"), 13, cid)
        chromium = os.path.join(FIX, "pdf-chains", "chromium-plain.pdf")

        def kou(pdf, *extra):
            return [k, "extract", pdf, "-o", out, "-q", *extra]

        def pair(pdf, n=runs, extra=(), cmd=None):
            cmd = cmd or kou(pdf, *extra)
            run(cmd), run(["pdftotext", "-layout", pdf, txt])  # warm-up
            ratios, kt, pt, km, pm = [], [], [], [], []
            for _ in range(n):
                t1, m1 = run(cmd)
                t2, m2 = run(["pdftotext", "-layout", pdf, txt])
                ratios.append(t1 / t2)
                kt.append(t1); pt.append(t2); km.append(m1); pm.append(m2)
            return (statistics.median(ratios), statistics.median(kt), statistics.median(pt),
                    max(km), max(pm))

        print(f"kouteihyo {subprocess.run([k, '--version'], capture_output=True, text=True).stdout.strip()}, "
              f"{subprocess.run(['pdftotext', '-v'], capture_output=True, text=True).stderr.splitlines()[0]}, "
              f"{os.cpu_count()} cores, median of {runs} pairs\n")
        floor = os.path.exists(a.floor)
        print("| producer | pages | kouteihyo ms | pdftotext ms | ratio (pair by pair) | kouteihyo peak MiB | pdftotext peak MiB |"
              + (" hayro alone (floor) |" if floor else ""))
        print("|---|---:|---:|---:|---:|---:|---:|" + ("---:|" if floor else ""))
        for name, pdf in (("LibreOffice (embedded TrueType)", office),
                          ("ReportLab (non-embedded CID, UniJIS-UCS2-H)", cid),
                          ("Chromium (tagged, CID TrueType)", chromium)):
            r, kt, pt, km, pm = pair(pdf)
            f = f" {pair(pdf, cmd=[a.floor, pdf])[0]:.2f}× |" if floor else ""
            print(f"| {name} | {pages_of(pdf)} | {kt*1000:.1f} | {pt*1000:.1f} | {r:.2f}× | {km:.1f} | {pm:.1f} |{f}")

        print("\n| LibreOffice deck repeated | pages | kouteihyo ms | ms/page | pdftotext ms/page | ratio | kouteihyo peak MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for times in (1, 10, 20):
            pdf = office
            if times > 1:
                pdf = os.path.join(work, f"office-x{times}.pdf")
                qpdf_repeat(office, times, pdf)
            n = pages_of(pdf)
            r, kt, pt, km, _ = pair(pdf, n=runs if times < 20 else max(9, runs // 2))
            print(f"| ×{times} | {n} | {kt*1000:.1f} | {kt*1000/n:.2f} | {pt*1000/n:.2f} | {r:.2f}× | {km:.1f} |")

        print("\n| batch of copies of the LibreOffice deck | files | -j | wall s | s/file | peak MiB |")
        print("|---|---:|---:|---:|---:|---:|")
        for files in (8, 32):
            folder = os.path.join(work, f"batch{files}")
            os.makedirs(folder)
            for i in range(files):
                # Distinct bytes per copy (an appended comment), or the batch converts one.
                with open(office, "rb") as f, open(os.path.join(folder, f"copy{i:02}.pdf"), "wb") as g:
                    g.write(f.read() + f"\n% copy {i}\n".encode())
            for jobs in ((1, 2) if files == 32 else (2,)):
                ts, ms = [], []
                for _ in range(3):
                    shutil.rmtree(out, ignore_errors=True)
                    t, m = run([k, "extract", folder, "-o", out, "-q", "-j", str(jobs)])
                    ts.append(t); ms.append(m)
                t = statistics.median(ts)
                print(f"| copies | {files} | {jobs} | {t:.2f} | {t/files:.3f} | {max(ms):.1f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
