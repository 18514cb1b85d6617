#!/usr/bin/env python3
"""Writes fixtures/lineage/2025-12-reworded.txt: the 2025-12 text dump with one measure title
reworded (国際共同治験・臨床試験の推進 → 国際共同治験・臨床試験の一層の推進), for the lineage test
(tests/datasets.rs): the reworded measure gets a new measure_id and keeps its lineage_id.

usage: python3 scripts/reword-fixture.py   (from the repository root)
"""
import pathlib

SOURCE = pathlib.Path("fixtures/editions/2025-12/followup.txt")
TARGET = pathlib.Path("fixtures/lineage/2025-12-reworded.txt")
OLD = "国際共同治験・臨床試験の推進"
NEW = "国際共同治験・臨床試験の一層の推進"

data = SOURCE.read_bytes().decode("utf-8")
lines = data.split("\n")
hits = [i for i, l in enumerate(lines) if l.split("\t", 1)[0] == OLD]
assert len(hits) == 1, f"expected one measure cell {OLD}, found {len(hits)}"
i = hits[0]
lines[i] = NEW + lines[i][len(OLD):]
TARGET.parent.mkdir(parents=True, exist_ok=True)
TARGET.write_bytes("\n".join(lines).encode("utf-8"))
print(f"{TARGET}: line {i + 1} reworded")
