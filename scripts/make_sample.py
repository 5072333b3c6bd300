#!/usr/bin/env python3
"""Write www/sample.csv: a made-up FOI response for the page's "Try a sample".

Every person in it is synthetic: names are drawn from short lists of common
surnames and initials with a fixed seed, so the file is the same on every run.
It looks like a real disclosure: a title line, a blank line, a header, a
complaints log naming officers by surname, initial, rank and collar number,
rows with no officer, a free-text column, and a totals line.

    python3 scripts/make_sample.py        rewrite www/sample.csv
"""
import csv
import io
import random
from pathlib import Path

SEED = 20240601
SURNAMES = ["MORGAN", "O'NEILL", "PATEL", "McALLISTER", "KOWALSKI", "ADEYEMI", "WONG",
            "HUGHES", "DE SOUZA", "FERGUSON", "BRENNAN", "KHAN", "JONES", "Ó BRIAIN", "NOVAK"]
RANKS = ["Constable", "Sergeant", "Inspector", "PC", "DC", "DS", "Chief Inspector", "PCSO"]
STATIONS = ["Lisburn Road", "Strand Road", "Musgrave", "Antrim", "Bangor", "Coleraine"]
ALLEGATIONS = ["Incivility", "Failure in duty", "Oppressive behaviour", "Lack of fairness",
               "Irregularity in procedure"]
OUTCOMES = ["Not upheld", "Upheld", "Local resolution", "Withdrawn"]
NOTES = [
    "Complainant states {rank} {surname} did not return calls.",
    "Call handled by switchboard; no officer identified.",
    "Complaint made by member of public about response time.",
    "Reviewed by Professional Standards.",
    "Officer {surname} ({collar}) attended; advice given.",
]


def main():
    rnd = random.Random(SEED)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(["Complaints against police officers, April 2023 to March 2024 (SYNTHETIC EXAMPLE: every name is made up)"])
    w.writerow([])
    w.writerow(["Reference", "Date received", "Allegation", "Surname", "Initial", "Rank",
                "Collar number", "Station", "Notes", "Outcome"])
    for i in range(1, 41):
        ref = f"CO/2023/{i:04d}"
        date = f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/2023"
        allegation = rnd.choice(ALLEGATIONS)
        if rnd.random() < 0.3:  # no officer named
            note = rnd.choice(NOTES[1:4])
            w.writerow([ref, date, allegation, "", "", "", "", rnd.choice(STATIONS), note,
                        rnd.choice(OUTCOMES)])
            continue
        surname, rank = rnd.choice(SURNAMES), rnd.choice(RANKS)
        collar = str(rnd.randint(1000, 9999))
        note = rnd.choice(NOTES).format(rank=rank, surname=surname.title(), collar=collar)
        w.writerow([ref, date, allegation, surname, rnd.choice("ABCDEFGHJKLMNPRSTW"), rank,
                    collar, rnd.choice(STATIONS), note, rnd.choice(OUTCOMES)])
    w.writerow([])
    w.writerow(["Total", "", "40"])
    path = Path(__file__).resolve().parent.parent / "www" / "sample.csv"
    path.write_text(out.getvalue(), newline="")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
