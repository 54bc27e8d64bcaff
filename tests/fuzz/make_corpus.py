#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (tests/fuzz/corpus/<target>/) and the dictionary
(tests/fuzz/ftblock.dict) from the golden CLI cases (tests/golden/cases), the docs/bad-inputs.md
fixtures (tests/bad_inputs_fixtures.h, tests/test_bad_inputs*.cpp) and the playbook's keys
and ids (assets/playbook/playbook.json). The output is committed; run this again after those
change:  python3 tests/fuzz/make_corpus.py
Each corpus folder is rewritten whole; the regression folders are never touched."""

import json
import pathlib
import shutil

FUZZ = pathlib.Path(__file__).resolve().parent
ROOT = FUZZ.parent.parent
GOLDEN = ROOT / "tests" / "golden" / "cases"
PLAYBOOK = json.loads((ROOT / "assets" / "playbook" / "playbook.json").read_text(encoding="utf-8"))

BOM = b"\xef\xbb\xbf"

# The valid delivery record of tests/bad_inputs_fixtures.h, as raw JSON per key.
DELIVERY = [
    ("id", '"FT-2026-000123"'),
    ("customer", '"Contoso Ltd"'),
    ("workload", '"teams"'),
    ("scenario", '"delivery"'),
    ("updated_by", '"delivery_fm"'),
    ("l1", '"blocked"'),
    ("l2", '"customer_it_infrastructure"'),
    ("l3", "null"),
    ("service_state", '"not_applicable"'),
    ("engagement_scenario", '"ftc_ftp_led"'),
    ("target_date", '"2026-12-15"'),
    ("owner", '"account_team"'),
    ("notes", '"客户的 VPN 设备与服务不兼容，需要先升级固件后才能部署。"'),
    ("next_action_date", "null"),
    ("next_action", '"Customer upgrades VPN firmware, then re-test sign-in"'),
    ("updated_at", '"2026-11-24"'),
]


def delivery(changes=(), extra=""):
    fields = dict(DELIVERY)
    fields.update(changes)
    body = ",".join(f'"{k}":{v}' for k, v in fields.items())
    return ("{" + body + ("," + extra if extra else "") + "}").encode()


def write(target, name, data):
    folder = FUZZ / "corpus" / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def reset(target):
    shutil.rmtree(FUZZ / "corpus" / target, ignore_errors=True)


# ------------------------------------------------------------------------------------------
# fuzz_check: 12 option bytes (read by FuzzedDataProvider from the end of the header) + input.
JSON, JSONL, CSV, AUTO = 0, 1, 2, 3
ONE, TWO, PREVIOUS = 0, 1, 2


def header(fmt0, fmt1=AUTO, report_json=False, zh=False, mode=ONE, today=0, chunk=0, empty=False, seed=1,
           split=0):
    h = bytearray(12)
    h[11], h[10], h[9], h[8], h[7], h[6] = fmt0, fmt1, int(report_json), int(zh), mode, today
    h[5], h[4] = chunk, int(empty)
    h[3], h[2] = seed >> 8, seed & 0xFF
    h[1], h[0] = split >> 8, split & 0xFF
    return bytes(h)


def split_at(first, rest_size):
    """The split value whose cut (rest_size * split / 65535) is exactly len(first)."""
    for split in range(65536):
        if rest_size * split // 65535 == first:
            return split
    raise ValueError("no split")


def format_of(name):
    ext = name.rsplit(".", 1)[-1] if "." in name else ""
    return {"json": JSON, "jsonl": JSONL, "ndjson": JSONL, "csv": CSV}.get(ext, AUTO)


def check_corpus():
    reset("fuzz_check")
    seen = set()
    n = 0
    for case in sorted(GOLDEN.iterdir()):
        for f in sorted(case.iterdir()):
            if f.name in ("args", "expected.out", "expected.code", "env_lang", "playbook.json"):
                continue
            data = f.read_bytes()
            if data in seen or case.name.startswith("previous") or f.name == "prev.jsonl":
                continue
            seen.add(data)
            # Vary the options over the seeds: both reports, both languages, several chunk sizes.
            h = header(format_of(f.name), report_json=n % 2 == 0, zh=n % 3 == 0, chunk=n % 9, empty=n % 4 == 0,
                       seed=n)
            write("fuzz_check", f"golden-{case.name}-{f.name}", h + data)
            n += 1
    # --previous and two files, as in the golden cases.
    for case, zh in (("previous_value_rule", False), ("previous_value_rule_json_zh", True)):
        prev = (GOLDEN / case / "prev.jsonl").read_bytes()
        now = (GOLDEN / case / "now.jsonl").read_bytes()
        h = header(JSONL, JSONL, report_json=zh, zh=zh, mode=PREVIOUS, chunk=3, split=split_at(len(prev), len(prev + now)))
        write("fuzz_check", f"golden-{case}-previous", h + prev + now)
    prev = (GOLDEN / "previous_file_unparseable" / "prev.json").read_bytes()
    now = (GOLDEN / "previous_file_unparseable" / "now.jsonl").read_bytes()
    h = header(JSON, JSONL, mode=PREVIOUS, chunk=1, split=split_at(len(prev), len(prev + now)))
    write("fuzz_check", "golden-previous_file_unparseable-previous", h + prev + now)
    a = (GOLDEN / "several_files_one_broken" / "a.jsonl").read_bytes()
    b = (GOLDEN / "several_files_one_broken" / "b.json").read_bytes()
    h = header(JSONL, JSON, report_json=True, mode=TWO, chunk=2, split=split_at(len(a), len(a + b)))
    write("fuzz_check", "golden-several_files_one_broken-two", h + a + b)

    # docs/bad-inputs.md items (numbers as there), each as the file the CLI would get.
    d = delivery()
    bad = {
        "01-blank-json": (JSON, b" \r\n"),
        "01-bom-only-jsonl": (JSONL, BOM + b"\n\n"),
        "02-utf16le": (JSON, b"\xff\xfe[\x00{\x00}\x00]\x00"),
        "02-utf16be": (AUTO, b"\xfe\xff\x00[\x00{\x00}\x00]"),
        "03-bom-json": (AUTO, BOM + b"[" + d + b"]"),
        "04-nesting-65": (JSON, b"[" * 65 + b"]" * 65),
        "04-nesting-jsonl": (JSONL, d + b"\n" + b"[" * 70 + b"\n" + d + b"\n"),
        "05-duplicate-key": (JSONL, b'{"id":"a","id":"b"}\n' + delivery(extra='"owner":"customer"') + b"\n"),
        "06-raw-ff": (JSONL, delivery({"notes": '"abXXcd"'}).replace(b"XX", b"\xff")),
        "07-lone-surrogate": (JSONL, delivery({"notes": '"x\\ud800"'}) + b"\n"),
        "08-1e400": (JSON, b"[" + delivery({"notes": "1e400"}) + b"]"),
        "09-strict": (JSONL, b'{"notes":NaN}\n{"notes":[1,2,]}\n{/* c */"notes":"x"}\n{\'notes\':"x"}\n'),
        "10-trailing": (JSON, b'{"id":"a"} trailing'),
        "11-truncated": (JSON, b'[{"customer":"Ann'),
        "13-wrong-types": (JSONL, delivery({"notes": "42", "target_date": "20261215"}) + b"\n"),
        "14-proto": (JSONL, delivery(extra='"__proto__":{},"constructor":1') + b"\n"),
        "15-nul": (JSONL, delivery({"notes": '"a\\u0000b"'}) + b"\n" + b'{"id":"\x00"}\n'),
        "16-note-4001": (JSONL, delivery({"notes": '"' + "注" * 4001 + '"'}) + b"\n"),
    }
    header_row = ",".join(f["key"] for f in PLAYBOOK["fields"]).encode()
    keys = [f["key"] for f in PLAYBOOK["fields"]]

    def row(values):
        return ",".join(values.get(k, "") for k in keys).encode()

    bad.update({
        "17-csv-quoted": (CSV, header_row + b"\r\n" + row({"id": "a", "notes": '"x\r\ny,""z"""'}) + b"\r\n"),
        "18-csv-unterminated": (CSV, header_row + b"\n" + row({"id": '"open'}) + b"\n"),
        "19-csv-stray-quote": (CSV, header_row + b"\n" + row({"id": 'a"b'}) + b"\n"),
        "20-csv-ragged": (CSV, header_row + b"\na,b,c\n"),
        "21-csv-bom": (AUTO, BOM + header_row + b"\r\n" + row({"id": "x"})),
        "22-csv-cp1252": (CSV, header_row + b"\n" + row({"customer": "CafXX"}).replace(b"XX", b"\xe9")),
        "23-csv-header": (CSV, b"id,id,,colour\n1,2,3,4\n"),
        "24-csv-formula": (CSV, header_row + b"\n" + row({"id": "\"'=1+2\"", "notes": "'@x", "owner": "\"'-1\""})),
        "25-csv-line-ends": (CSV, header_row + b"\r\n" + row({"id": "a"}) + b"\r" + row({"id": "b"}) + b"\n" +
                             row({"id": "c"})),
    })
    for i, (name, (fmt, data)) in enumerate(sorted(bad.items())):
        h = header(fmt, report_json=i % 2 == 1, zh=i % 3 == 1, chunk=i % 9, empty=i % 5 == 0, seed=100 + i)
        write("fuzz_check", f"bad-{name}", h + data)


# ------------------------------------------------------------------------------------------
def roundtrip_corpus():
    # FuzzedDataProvider input: option bytes from the end, text pieces from the front. Real
    # values with CSV's special characters give the mutator something to start from.
    reset("fuzz_csv_roundtrip")
    for name in ("valid_csv/records.csv", "csv_ragged_row/rows.csv", "format_detected_by_content/table"):
        write("fuzz_csv_roundtrip", "golden-" + name.replace("/", "-"), (GOLDEN / name).read_bytes())
    write("fuzz_csv_roundtrip", "values-formulas", b"=1+2\x00'x\x00-3\x00@a\x00\t\x00\r\n\x00" * 6 + b"\x05\x07\x01\x02")
    write("fuzz_csv_roundtrip", "values-quotes", b'a,"b""c\r\nd\x00' * 12 + b"\x10\x33\x77\x01\x00\x03")
    write("fuzz_csv_roundtrip", "values-chinese", "客户的 VPN 设备与服务不兼容，\n需要先升级固件。".encode() * 5 + b"\xff\x04\x02")


# ------------------------------------------------------------------------------------------
def json_scan_corpus():
    # The last byte is the mode: bit 0 flat (built) object, bit 1 depth 2 (an array element).
    reset("fuzz_json_scan")
    lines = []
    for name in ("valid_jsonl_blank_lines_crlf/records.jsonl", "jsonl_record_level_problems/mixed.jsonl",
                 "invalid_fields_json_en/invalid.jsonl"):
        lines += [ln for ln in (GOLDEN / name).read_bytes().split(b"\n") if ln.strip()]
    for i, line in enumerate(dict.fromkeys(lines)):
        write("fuzz_json_scan", f"golden-line-{i:02}", line + bytes([0 if i % 2 == 0 else 2]))
    snippets = {
        "dup-key": b'{"id":"a","id":"b","x":1,"x":2}',
        "escaped-key": b'{"\\u0069d":"a","no\\u0074es":"\\ud83d\\ude00"}',
        "lone-surrogate": b'{"notes":"\\ud800"}',
        "raw-ff": b'{"notes":"a\xffb"}',
        "1e400": b'{"notes":1e400,"id":"a"}',
        "nan": b'{"notes":NaN}',
        "trailing-comma": b'{"notes":[1,2,],}',
        "comment": b'{/* c */"notes":"x"}',
        "single-quote": b"{'notes':'x'}",
        "trailing": b'{"id":"a"} trailing',
        "truncated": b'{"customer":"Ann',
        "nul-escape": b'{"notes":"\\u0000"}',
        "nesting-64": b"[" * 64 + b"]" * 64,
        "nesting-65": b"{\"a\":" * 65 + b"1" + b"}" * 65,
        "not-object": b'  "just a string"  ',
        "numbers": b"[-0, 0.5e-3, 1E+2, -12345678901234567890, 0]",
        "controls": b'{"notes":"tab\there"}',
    }
    for i, (name, text) in enumerate(sorted(snippets.items())):
        write("fuzz_json_scan", f"bad-{name}", text + bytes([0 if i % 3 else 2]))
    for i, line in enumerate(lines[:4]):
        write("fuzz_json_scan", f"flat-{i}", line + bytes([1 + 2 * (i % 2)]))


# ------------------------------------------------------------------------------------------
def drafts_corpus():
    reset("fuzz_drafts")
    fields = [f["key"] for f in PLAYBOOK["fields"]]

    def storage(drafts, next_uid=None, fmt="ftblock-drafts/1"):
        root = {"format": fmt, "drafts": drafts}
        if next_uid is not None:
            root["next_uid"] = next_uid
        return json.dumps(root, ensure_ascii=False, separators=(",", ":")).encode()

    full = {k: json.loads(v) for k, v in DELIVERY}
    one = {"uid": 1, "created": 1, "touched": "1" * len(fields), "record": full}
    two = {"uid": 7, "created": 3, "touched": "0101", "record": {"scenario": "assignment", "l3": None, "notes": 42}}
    good = storage([one, two], next_uid=8)
    seeds = {
        "valid-two": good,
        "valid-empty": storage([], next_uid=1),
        "valid-no-next-uid": storage([two]),
        "valid-unknown-fields": storage([{"uid": 2, "record": {"colour": "red", "__proto__": {}, "id": "x"}}]),
        "truncated": good[: len(good) // 2],
        "future-format": storage([one], fmt="ftblock-drafts/2"),
        "not-json": b"ftblock-drafts/1 \xff\xfe garbage",
        "array-root": b"[" + good + b"]",
        "drafts-not-array": storage({"uid": 1}),
        "uid-missing": storage([{"record": {}}]),
        "uid-negative": storage([{"uid": -1, "record": {}}]),
        "record-not-object": storage([{"uid": 1, "record": "x"}]),
        "touched-not-string": storage([{"uid": 1, "touched": 5, "record": {}}]),
        "deep": b'{"format":"ftblock-drafts/1","drafts":[{"uid":1,"record":{"notes":' + b"[" * 200 + b"]" * 200 + b"}}]}",
    }
    for name, data in seeds.items():
        write("fuzz_drafts", name, data)


# ------------------------------------------------------------------------------------------
def dictionary():
    def entry(token):
        data = token.encode() if isinstance(token, str) else token
        out = ""
        for b in data:
            if b == 0x22 or b == 0x5C:
                out += "\\" + chr(b)
            elif 0x20 <= b < 0x7F:
                out += chr(b)
            else:
                out += f"\\x{b:02X}"
        return f'"{out}"'

    tokens = [
        # JSON
        "{", "}", "[", "]", ":", ",", '"', '":"', '","', '":', "true", "false", "null", "\\u", "\\ud83d\\ude00",
        "\\ud800", "\\u0000", "\\\\", '\\"', "\\/", "\\n", "\\r\\n", "-0", "1e400", "-1.5E-7", "NaN", "Infinity",
        "-Infinity", "/*", "//", "'", ",]", ",}", "\r\n",
        # CSV
        '""', '","', "\r", "\n", "'=", "'+", "'-", "'@", "'\t", "=1+2", "@SUM(A1)", "\t",
        # encodings
        BOM, b"\xff\xfe", b"\xfe\xff", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe4\xb8", "中文", "受阻", "😀",
        # the stored drafts
        "ftblock-drafts/1", "ftblock-drafts/2", '"format"', '"drafts"', '"uid"', '"created"', '"touched"',
        '"record"', '"next_uid"', "18446744073709551615", "0101",
        # dates
        "2026-11-24", "2026-12-15", "2024-02-29", "2026-02-30", "9999-12-31",
        "__proto__", "constructor",
    ]
    for f in PLAYBOOK["fields"]:
        tokens += [f["key"], f'"{f["key"]}"']
    for name, choices in PLAYBOOK["lists"].items():
        tokens += [c["id"] for c in choices]
    for s in PLAYBOOK["scenarios"]:
        tokens.append(s["id"])
    lines = ["# ftblock's fuzz dictionary: JSON and CSV tokens, encodings, the stored drafts' keys, and",
             "# the playbook's field keys and list ids. Generated by tests/fuzz/make_corpus.py."]
    lines += [entry(t) for t in dict.fromkeys(tokens)]
    (FUZZ / "ftblock.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    check_corpus()
    roundtrip_corpus()
    json_scan_corpus()
    drafts_corpus()
    dictionary()
    for target in sorted((FUZZ / "corpus").iterdir()):
        print(f"{target.name}: {len(list(target.iterdir()))} seeds")
    print("ftblock.dict written")
