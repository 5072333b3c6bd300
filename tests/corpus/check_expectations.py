#!/usr/bin/env python3
"""Independent check of the corpus expectations, with Python's csv module.

For every NAME.expected: the file decodes as the README says, the number of
records (blank lines count, a quoted multi-line field is one record) equals
`# records: N`, every expected row exists and is not blank, and the note (the
name or text the generator put in the row) is found in that row.

Issue-4 rows are recomputed here from the files themselves, by a second
implementation of the DPO's rules (README.md): `quasi_identifier` = rows of a
list of people whose combination of the quasi-identifier columns (named below,
per file) is shared by fewer than K rows; `small_count` = rows of a count table
showing a count of people from 1 to T-1, or holding a suppressed cell that the
totals give back. A file not named below must expect neither kind.

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

K = 3   # k-anonymity
T = 5   # small counts: 1..T-1

# file -> (header row, QI columns, which rows are people: None = every data row,
# else (column, value) = only rows with that value, e.g. posts whose holder is
# "N/D"; other rows still count in the group sizes)
QI_FILES = {
    "staff_list_denamed.csv": (2, ["Rank", "Gender", "Station", "Unit", "Length of service", "Working pattern"], None),
    "misconduct_outcomes_denamed.csv": (1, ["Gender", "Age band", "Rank", "District"], None),
    "psd_case_outcomes.csv": (1, ["Subject officer rank"], None),
    "organogram.csv": (1, ["Grade", "Job Title", "Unit", "Reports to Senior Post"], ("Name", "N/D")),
}

# file -> dict(header row, count columns, total column or None, label of the
# total row or None, reveal=(suppressed column, column that gives it away))
COUNT_FILES = {
    "stacked_tables.csv": dict(header=2, counts=["Headcount"], total_col=None, total_row="Total"),
    "officers_rank_by_station.csv": dict(header=2, counts=["Preston", "Lincoln", "Lisburn", "Omagh", "Skegness", "Banbridge", "Headquarters", "Total"], total_col="Total", total_row="Total"),
    "officers_by_ethnicity.csv": dict(header=2, counts=["Headcount"], total_col=None, total_row="Total"),
    "workforce_open_data.csv": dict(header=1, counts=["Headcount"], total_col=None, total_row=None, reveal=("Headcount", "FTE")),
    "pivot_count_of_surname.csv": dict(header=3, counts=["Count of SURNAME"], total_col=None, total_row="Grand Total"),
}

SUPPRESSED = re.compile(r"^(\*|\[c\]|<\d+|\.\.|-)$")

def qi_rows(records, header_row, cols, people):
    head = records[header_row - 1]
    idx = [head.index(c) for c in cols]
    data = [(i + 1, r) for i, r in enumerate(records) if i >= header_row and any(x.strip() for x in r)]
    keys = {}
    for _, r in data:
        k = tuple(r[j] for j in idx)
        keys[k] = keys.get(k, 0) + 1
    out = set()
    for row, r in data:
        if people and r[head.index(people[0])] != people[1]:
            continue
        if keys[tuple(r[j] for j in idx)] < K:
            out.add(row)
    return out

def count_rows(records, spec):
    head = records[spec["header"] - 1]
    idx = [head.index(c) for c in spec["counts"]]
    block = []  # (row number, cells) until the first blank line
    for i in range(spec["header"], len(records)):
        r = records[i]
        if not any(x.strip() for x in r):
            break
        block.append((i + 1, r))
    out = set()
    unknown = {}
    for b, (row, r) in enumerate(block):
        for c, j in enumerate(idx):
            cell = r[j].strip()
            if SUPPRESSED.match(cell):
                unknown[(b, c)] = True
            elif 1 <= float(cell) < T:
                out.add(row)
        if "reveal" in spec:
            hc, fc = (head.index(x) for x in spec["reveal"])
            if SUPPRESSED.match(r[hc].strip()) and 0 < float(r[fc]) < T:
                out.add(row)
    lines = []
    if spec["total_col"]:
        lines += [[(b, c) for c in range(len(idx))] for b in range(len(block))]
    if spec["total_row"]:
        assert block[-1][1][0] == spec["total_row"], "total row not last"
        lines += [[(b, c) for b in range(len(block))] for c in range(len(idx))]
    changed = True
    while changed:
        changed = False
        for line in lines:
            open_ = [p for p in line if unknown.get(p)]
            if len(open_) == 1:
                unknown[open_[0]] = False
                out.add(block[open_[0][0]][0])
                changed = True
    return out

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
        for kind, fn, specs in (("quasi_identifier", lambda: qi_rows(records, *QI_FILES[name]), QI_FILES),
                                ("small_count", lambda: count_rows(records, COUNT_FILES[name]), COUNT_FILES)):
            want = {r for r, (k, _) in expected.items() if k == kind}
            got = fn() if name in specs else set()
            # A row expected as a direct kind keeps it (README: one kind a row).
            got = {r for r in got if expected.get(r, ("",))[0] not in ("staff", "staff_senior", "person")}
            if want != got:
                print(f"{name}: {kind} rows differ from the recomputation: expected only {sorted(want - got)}, recomputed only {sorted(got - want)}")
                bad += 1
            elif got:
                print(f"   {name}: {len(got)} {kind} rows agree with the recomputation")
        total_rows += len(records)
        total_flagged += len(expected)
        print(f"ok {name}: {len(records)} records, {len(expected)} expected, delimiter {delim!r}")
    print(f"{total_rows} records, {total_flagged} expected rows, {bad} problems")
    sys.exit(1 if bad else 0)

main()
