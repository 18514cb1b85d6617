#!/usr/bin/env python3
"""Writes the warning codes of src/model.rs (WarningCode: as_str and meaning) into the edition
schema's `warning.code` enum and description. Run by hand after adding a code; the test
`schema_lists_exactly_the_warning_codes` fails until the schema matches."""
import json, re, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
src = (root / "src/model.rs").read_text()
def arms(fn):
    body = src[src.index(f"pub fn {fn}(self)"):]
    body = body[: body.index("\n    }\n")]
    return dict(re.findall(r'WarningCode::(\w+) => "((?:[^"\\]|\\.)*)",', body))
codes, meanings = arms("as_str"), arms("meaning")
order = re.findall(r"WarningCode::(\w+)", src[src.index("pub const ALL"):].split(";")[0])
path = root / "schemas/edition.schema.json"
text = path.read_text()
desc = "Machine-readable kind of the problem, one of a closed list (a new code is a new schema version): " + "; ".join(
    f"`{codes[v]}` ({meanings[v].rstrip('.')})" for v in order)
enum = ",\n".join(f'            "{codes[v]}"' for v in order)
start = text.index('        "code": {\n          "description": "Machine-readable kind')
end = text.index('        "sheet": {', start)
block = ('        "code": {\n          "description": ' + json.dumps(desc, ensure_ascii=False)
         + ',\n          "type": "string",\n          "enum": [\n' + enum + "\n          ]\n        },\n")
text = text[:start] + block + text[end:]
json.loads(text)
path.write_text(text)
print(f"{len(order)} codes written to {path.relative_to(root)}")
