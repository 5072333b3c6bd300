#!/usr/bin/env python3
"""Independent check of the corpus expectations, with Python's csv module.

For every NAME.expected: the file decodes as the README says, the number of
records (blank lines count, a quoted multi-line field is one record) equals
`# records: N`, every expected row exists and is not blank, and the note (the
name or text the generator put in the row) is found in that row.

Run: python3 tests/corpus/check_expectations.py
"""
import csv, io, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))

def decode(raw):
    if raw.startswith(b"\xff\xfe"):
        return raw[2:].decode("utf-16-le"), "\t"
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    first = text.split("\n", 1)[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    for line in text.splitlines()[:5]:
        if line.count(";") > line.count(","):
            delim = ";"
    return text, delim

def main():
    bad = 0
    total_rows = total_flagged = 0
    for fn in sorted(os.listdir(HERE)):
        if not fn.endswith(".expected"):
            continue
        name = fn[: -len(".expected")]
        text, delim = decode(open(os.path.join(HERE, name), "rb").read())
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
        exp_lines = open(os.path.join(HERE, fn), encoding="utf-8").read().splitlines()
        m = [l for l in exp_lines if l.startswith("# records:")]
        n = int(m[0].split(":")[1])
        if n != len(records):
            print(f"{name}: # records {n} but csv module reads {len(records)}")
            bad += 1
        expected = {}
        for l in exp_lines:
            if not l or l.startswith("#"):
                continue
            body, _, note = l.partition("#")
            row, kind = body.split()
            expected[int(row)] = (kind, note.strip())
            if kind not in ("staff", "staff_senior", "person", "quasi_identifier", "small_count"):
                print(f"{name}: row {row}: unknown kind {kind}")
                bad += 1
        for row, (kind, note) in expected.items():
            if not (1 <= row <= len(records)):
                print(f"{name}: row {row} out of range")
                bad += 1
                continue
            rec = records[row - 1]
            joined = " ".join(rec)
            if not any(c.strip() for c in rec):
                print(f"{name}: row {row} is blank but expected {kind}")
                bad += 1
            # The note starts with the name or text put in the row; every word
            # of its first part must be in the record.
            words = [w for w in re.split(r"[ ,.()]+", note.split(",")[0]) if w and w not in ("withheld", "mobile", "DOB", "+", "address")]
            fold = lambda t: t.replace("ı", "i").lower()  # Turkish dotless i upper-cases to I
            missing = [w for w in words[:3] if fold(w) not in fold(joined)]
            if missing:
                print(f"{name}: row {row}: note {note!r} words {missing} not in {rec}")
                bad += 1
        total_rows += len(records)
        total_flagged += len(expected)
        print(f"ok {name}: {len(records)} records, {len(expected)} expected, delimiter {delim!r}")
    print(f"{total_rows} records, {total_flagged} expected rows, {bad} problems")
    sys.exit(1 if bad else 0)

main()
