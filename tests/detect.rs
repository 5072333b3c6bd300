//! The scanner end to end over small tables: header + rows -> flagged rows,
//! kinds and rule ids; and the column fold.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::detect::{Findings, TableScanner};
use foi_check::read::Table;
use foi_check::{ColumnClass, Kind};

/// Scan a table whose header is row 1 and data rows 2, 3, ...
fn scan(header: &[&str], rows: &[&[&str]]) -> Findings {
    let t = Table {
        index: 0,
        header_row: 1,
        first_column: 0,
        header: header.iter().map(|s| s.to_string()).collect(),
    };
    let mut s = TableScanner::new(Some(&t));
    for (i, r) in rows.iter().enumerate() {
        s.record(i as u64 + 2, r);
    }
    s.finish()
}

/// (row, kind, first rule) of every flagged row.
fn flagged(f: &Findings) -> Vec<(u64, Kind, String)> {
    f.rows
        .iter()
        .map(|r| {
            (
                r.row,
                r.kind,
                r.reasons
                    .first()
                    .map(|x| x.rule.to_string())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

struct Case {
    name: &'static str,
    header: &'static [&'static str],
    rows: &'static [&'static [&'static str]],
    want: &'static [(u64, Kind, &'static str)],
}

use Kind::{Person as P, Staff as S, StaffSenior as SS};

const CASES: &[Case] = &[
    Case {
        name: "a rank before a name in a name column: an officer, senior or not",
        header: &["Name", "Station"],
        rows: &[
            &["PC J Morgan", "Lisburn"],
            &["Jane Smith", "Omagh"],
            &["Chief Constable Simon Byrne", "HQ"],
        ],
        want: &[
            (2, S, "name.full"),
            (3, P, "name.full"),
            (4, SS, "name.full"),
        ],
    },
    Case {
        name: "PSNI-style staff list: surname, initial, rank, station, unit",
        header: &["Surname", "Initial", "Rank", "Station", "Unit"],
        rows: &[
            &["MORGAN", "J", "Inspector", "Lisburn", "Response"],
            &["O'NEILL", "S", "Constable", "Strand Road", "Neighbourhood"],
            &["", "", "Sergeant", "Lisburn", "Response"],
            &["Redacted", "", "Constable", "Larne", ""],
            &["BYRNE", "S", "Chief Constable", "Headquarters", "Command"],
            &["Ó Briain", "", "Detective Sergeant", "Musgrave", "Covert Surveillance"],
        ],
        want: &[(2, S, "name.surname_initial"), (3, S, "name.surname_initial"), (6, SS, "name.surname_initial"), (7, S, "name.surname")],
    },
    Case {
        name: "collar numbers alone identify officers; rank alone does not",
        header: &["Collar Number", "Rank", "Station"],
        rows: &[&["4521", "Constable", "Lisburn"], &["", "Inspector", "Lisburn"], &["N/A", "Sergeant", "Larne"]],
        want: &[(2, S, "number.staff")],
    },
    Case {
        name: "rank column alone is not a direct identifier",
        header: &["Rank", "Station", "Unit", "Gender"],
        rows: &[&["Inspector", "Preston", "Firearms", "Male"], &["ACC", "Lincoln", "Operational Support", "Female"]],
        want: &[],
    },
    Case {
        name: "victims and witnesses are members of the public",
        header: &["Victim", "Age", "Offence"],
        rows: &[&["Mary Murphy", "34", "Theft from the person"], &["Unknown", "50", "Burglary"], &["SMITH J", "70", "Fraud"]],
        want: &[(2, P, "name.full"), (4, P, "name.full")],
    },
    Case {
        name: "officer name column is staff; senior grade makes staff_senior",
        header: &["Officer Name", "Grade"],
        rows: &[&["John Smith", "HEO"], &["Jane Doe", "SCS2"], &["Vacant", "G7"]],
        want: &[(2, S, "name.full"), (3, SS, "name.full")],
    },
    Case {
        name: "forename and surname columns combine into one reason; no staff context means a member of the public",
        header: &["First Name", "Last Name", "Town"],
        rows: &[&["Priya", "Patel", "Leicester"]],
        want: &[(2, P, "name.surname_forename")],
    },
    Case {
        name: "a department or team column is staff context",
        header: &["First Name", "Last Name", "Department"],
        rows: &[&["Priya", "Patel", "Finance"]],
        want: &[(2, S, "name.surname_forename")],
    },
    Case {
        name: "names with a staff-number column are staff",
        header: &["Forename", "Surname", "Payroll Number", "Email"],
        rows: &[&["Kwame", "Mensah", "100234", "kwame.mensah@example.gov.uk"], &["", "", "", "foi@example.gov.uk"]],
        want: &[(2, S, "name.surname_forename")],
    },
    Case {
        name: "personal e-mail and mobile identify; role mailbox and switchboard do not",
        header: &["Ward", "Email", "Telephone"],
        rows: &[
            &["Finance", "j.smith@example.org", "01234 567890"],
            &["FOI", "foi@example.org", "0300 123 4567"],
            &["Press", "press@example.org", "101"],
            &["HR", "hr@example.org", "07700 900123"],
        ],
        want: &[(2, P, "contact.email.personal"), (5, P, "contact.phone.mobile")],
    },
    Case {
        name: "in a list of people, a geographic number shared by several rows is a switchboard, else a direct line",
        header: &["Name", "Telephone"],
        rows: &[
            &["Redacted", "028 9065 0222"],
            &["Redacted", "028 9065 0222"],
            &["Redacted", "028 9065 0222"],
            &["Redacted", "028 8224 1111"],
        ],
        want: &[(5, P, "contact.phone.direct")],
    },
    Case {
        name: "a list of stations: addresses, postcodes, numbers and station mailboxes are the buildings'",
        header: &["Station", "Address", "Postcode", "Telephone", "Email"],
        rows: &[
            &["Preston", "1 Constable Road, Preston", "PR1 2XY", "01772 123456", "preston@example.police.uk"],
            &["Lisburn", "2 Sergeant's Way, Lisburn", "BT28 1AA", "028 9265 0222", "lisburn.station@example.police.uk"],
        ],
        want: &[],
    },
    Case {
        name: "NI numbers with valid prefixes only",
        header: &["Ref", "NI Number"],
        rows: &[&["1", "AB 12 34 56 C"], &["2", "QQ 12 34 56 C"], &["3", "GB123456A"]],
        want: &[(2, P, "id.nino")],
    },
    Case {
        name: "an audit log: user names made from names flag their rows; outcomes, teams and numbers under user headers do not",
        header: &["Date", "Username", "Login", "Assigned to", "User ID", "Action"],
        rows: &[
            &["01/02/2023", "jsmith01", "Success", "PSD", "10234", "Viewed"],
            &["02/02/2023", "admin", "Failed", "Contact Centre", "10235", "Edited"],
            &["03/02/2023", "SYSTEM", "Success", "Team A", "10236", "Viewed"],
            &["04/02/2023", "svc_backup", "Success", "Unassigned", "10237", "Viewed"],
            &["05/02/2023", "k_byrne2", "Success", "Morgan S", "10238", "Viewed"],
        ],
        want: &[(2, P, "name.username"), (6, P, "name.username")],
    },
    Case {
        name: "people by their part in a record (Pupil, Passenger) are named; Yes and No under Child are not",
        header: &["Route", "Pupil", "Passenger", "Child"],
        rows: &[
            &["1", "Aidan Magee", "", "Yes"],
            &["2", "", "Roisin Devlin", "No"],
            &["3", "", "", "No"],
            &["4", "", "", "Yes"],
            &["5", "", "", "No"],
        ],
        want: &[(2, P, "name.full"), (3, P, "name.full")],
    },
    Case {
        name: "an address after the label Address in a note is a person's; a station's or an incident's is not",
        header: &["Ref", "Notes"],
        rows: &[
            &["1", "Address: 4 Elm Grove, Lisburn"],
            &["2", "Station address: 1 Main Street"],
            &["3", "Incident at 12 High Street, Lisburn"],
        ],
        want: &[(2, P, "text.address")],
    },
    Case {
        name: "vehicle registrations in a list of penalties are the keepers'; in a fleet list they are no one's",
        header: &["Date", "Location", "Registration", "Recorded speed", "Fine"],
        rows: &[
            &["2023-01-04", "A1 Banbridge", "KL71 LPV", "52", "100"],
            &["2023-01-05", "M1 Lisburn", "WN71VZN", "81", "100"],
            &["2023-01-06", "A6", "n/a", "60", "100"],
        ],
        want: &[(2, P, "vehicle.registration"), (3, P, "vehicle.registration")],
    },
    Case {
        name: "a police fleet list: its registrations flag nothing",
        header: &["Registration", "Make", "Top speed", "Dash camera", "Date removed", "Mileage"],
        rows: &[
            &["KL71 LPV", "Volvo", "130", "Yes", "", "179358"],
            &["WN71VZN", "BMW", "155", "No", "2024-01-01", "156499"],
        ],
        want: &[],
    },
    Case {
        name: "a date of birth in a note flags its row, as no risk model sees it",
        header: &["Ref", "Notes"],
        rows: &[&["1", "Born 03/04/1985 in Derry"], &["2", "Seen on 03/04/2023"]],
        want: &[(2, P, "text.dob")],
    },
    Case {
        name: "date of birth alone is not enough; with a postcode it is",
        header: &["DOB", "Postcode", "Offence"],
        rows: &[&["12/03/1985", "", "Theft"], &["01/01/1970", "BT1 1AA", "Assault"], &["", "BT1 1AA", "Assault"]],
        want: &[(3, P, "dob.value")],
    },
    Case {
        name: "free text: rank + name, rank + number, cues; the traps are not flagged",
        header: &["Reference", "Details"],
        rows: &[
            &["PSD/2023/0001", "Sgt. O'Neill was rude to the complainant"],
            &["PSD/2023/0002", "Con May (5689) failed to record the crime"],
            &["PSD/2023/0003", "The Inspector reviewed the case"],
            &["PONI-2023-0412", "Incident on Constable Road, Preston"],
            &["PSD/2023/0004", "Complaint made by John Smith about delay"],
            &["PSD/2023/0005", "ACC Operational Support approved the policy"],
            &["CAD 1234 12/03/23", "Vehicle AB12 CDE stopped; Serial 4521"],
            &["PSD/2023/0006", "Letter from Assistant Chief Constable Jane Doe"],
        ],
        want: &[(2, S, "text.rank_name"), (3, S, "text.rank_number"), (6, P, "text.cue_name"), (9, SS, "text.rank_name")],
    },
    Case {
        name: "free text: a home's address flags; other addresses and postcodes add to a flagged row",
        header: &["Date", "Details"],
        rows: &[
            &["04/02/2023", "Caller lives at 3a Church Lane and reported noise"],
            &["01/02/2023", "Complainant Mrs Jane Okafor of 12 Elm Road, Lisburn BT28 1AA"],
            &["05/02/2023", "Burglary reported near BT28 1AA"],
            &["06/02/2023", "Attended 2 Road traffic collisions and 14 incidents"],
            &["07/02/2023", "Officers from 12 Florence Hill station attended"],
            &["08/02/2023", "Her home is 221B Baker Street, London NW1 6XE"],
            &["09/02/2023", "Stolen from 14 Mill Street overnight"],
        ],
        want: &[(2, P, "text.address"), (3, P, "text.title_name"), (7, P, "text.address")],
    },
    Case {
        name: "a Name column of offence types is relaxed, not names",
        header: &["Name", "Count"],
        rows: &[
            &["Theft from the person", "12"],
            &["Criminal damage", "4"],
            &["Burglary", "9"],
            &["Anti-social behaviour", "30"],
            &["Vehicle crime", "7"],
            &["Shoplifting", "3"],
        ],
        want: &[],
    },
    Case {
        name: "organisations in a requester column are not people",
        header: &["Requester", "Subject"],
        rows: &[&["Police Federation", "Overtime"], &["Smith & Sons Ltd", "Contracts"], &["Belfast Telegraph", "Costs"]],
        want: &[],
    },
    Case {
        name: "a column without a header rule holding SMITH J values is a name column",
        header: &["Col1", "Col2"],
        rows: &[&["SMITH J", "3"], &["JONES K", "4"], &["PATEL A", "5"]],
        want: &[(2, P, "name.shape.surname_initial"), (3, P, "name.shape.surname_initial"), (4, P, "name.shape.surname_initial")],
    },
    Case {
        name: "place names in an unlabelled column are not names",
        header: &["Col1", "Col2"],
        rows: &[&["Preston", "3"], &["Lincoln", "4"], &["Kingsway", "5"]],
        want: &[],
    },
    Case {
        name: "photo file names: named after a person identifies; a number adds only",
        header: &["Photo", "Station"],
        rows: &[&["smith_j.jpg", "Lisburn"], &["12345.jpg", "Larne"]],
        want: &[(2, P, "photo.file")],
    },
    Case {
        name: "home address identifies",
        header: &["Home Address", "Crime"],
        rows: &[&["12 High Street, Lisburn", "Burglary"], &["Not recorded", "Theft"]],
        want: &[(2, P, "address.home")],
    },
    Case {
        name: "key/value rows: the value is what its label says",
        header: &["Field", "Value"],
        rows: &[
            &["Name", "John Morgan"],
            &["Rank", "Inspector"],
            &["Collar number", "1234"],
            &["Surname:", "MORGAN"],
            &["Officer in charge", "DS Patel"],
            &["Date of birth", "12/03/1980"],
            &["Station", "Lisburn"],
        ],
        // A rank and a collar number among its labels: the list is about an
        // officer, so the name and the date of birth are staff too.
        want: &[(2, S, "layout.row_label"), (4, S, "layout.row_label"), (5, S, "layout.row_label"), (6, S, "layout.row_label"), (7, S, "layout.row_label")],
    },
    Case {
        name: "key/value rows: without a label only staff have, a name is a person's",
        header: &["Field", "Value"],
        rows: &[&["Name", "John Morgan"], &["Date of birth", "12/03/1980"], &["Station", "Lisburn"]],
        want: &[(2, P, "layout.row_label"), (3, P, "layout.row_label")],
    },
    Case {
        name: "key/value rows: a victim stays a member of the public beside an officer's rank",
        header: &["Field", "Value"],
        rows: &[&["Victim name", "John Morgan"], &["Officer in charge", "DS Patel"], &["Rank", "DS"]],
        want: &[(2, P, "layout.row_label"), (3, S, "layout.row_label")],
    },
    Case {
        name: "key/value rows: a label over a value that is not one flags nothing",
        header: &["Question", "Answer"],
        rows: &[
            &["Name", "Withheld"],
            &["Name", "N/A"],
            &["Collar number", "not held"],
            &["How many officers attended", "12"],
        ],
        want: &[],
    },
    Case {
        name: "not key/value: a first column of data, or of names",
        header: &["Rank", "Officers"],
        rows: &[&["Constable", "120"], &["Name", "3"]],
        want: &[],
    },
];

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn tables() {
    let mut bad = Vec::new();
    for c in CASES {
        let f = scan(c.header, c.rows);
        let got = flagged(&f);
        let want: Vec<(u64, Kind, String)> = c
            .want
            .iter()
            .map(|(r, k, id)| (*r, *k, id.to_string()))
            .collect();
        if got != want {
            bad.push(format!(
                "{}:\n  got  {got:?}\n  want {want:?}\n  {:#?}",
                c.name, f.rows
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A column of people or organisations (`Supplier`, `Account holder`), and
/// a column of members of the public few of whose values are names (a
/// `Requester` column of newspapers): a person's full name there is a
/// member of the public's; organisations and lone words are not; the column
/// is not one to remove whole.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn people_among_organisations_are_found() {
    type Rows<'a> = &'a [&'a [&'a str]];
    type Want<'a> = &'a [(u64, Kind, &'a str)];
    let cases: &[(&str, Rows, Want)] = &[
        (
            "Supplier",
            &[
                &["Acme Holdings Ltd"],
                &["Siobhan Kelly"],
                &["Murphy Brothers"],
                &["Mr D Price"],
                &["Unison"],
            ],
            &[(3, P, "name.full"), (5, P, "name.full")],
        ),
        (
            "Payee",
            &[
                &["PC J Morgan"],
                &["Acme Taxis Ltd"],
                &["Chief Inspector Dunne"],
                &["Kelly"],
            ],
            &[(2, S, "name.full"), (4, S, "name.full")],
        ),
        (
            "Account holder",
            &[
                &["Belfast City Council"],
                &["KELLY, Siobhan"],
                &["Riverside Gyms"],
                &["Daily Mail"],
            ],
            &[(3, P, "name.full")],
        ),
        (
            "Requester",
            &[
                &["BBC News"],
                &["Belfast Telegraph"],
                &["Daniel Price"],
                &["The Irish News"],
                &["WhatDoTheyKnow user"],
                &["Committee on the Administration of Justice"],
                &["Amnesty International UK"],
                &["Siobhan Kelly"],
                &["Channel 4 News"],
                &["Newry Reporter Ltd"],
            ],
            &[(4, P, "name.full"), (9, P, "name.full")],
        ),
    ];
    // Beside a department (staff context), a sole trader is still a member
    // of the public; an officer named with a rank is staff.
    let f = scan(
        &["Department", "Supplier"],
        &[
            &["Estates", "Acme Holdings Ltd"],
            &["Fleet", "Siobhan Kelly"],
            &["Training", "PC J Morgan"],
        ],
    );
    assert_eq!(
        flagged(&f),
        [
            (3, P, "name.full".to_string()),
            (4, S, "name.full".to_string())
        ]
    );
    for (header, rows, want) in cases {
        let f = scan(&[header], rows);
        let got: Vec<(u64, Kind, String, usize)> = f
            .rows
            .iter()
            .map(|r| {
                let first = r.reasons.first().map(|x| x.rule.to_string());
                (r.row, r.kind, first.unwrap_or_default(), r.reasons.len())
            })
            .collect();
        let want: Vec<(u64, Kind, String, usize)> = want
            .iter()
            .map(|(r, k, x)| (*r, *k, x.to_string(), 1))
            .collect();
        assert_eq!(got, want, "{header}");
        let col = f.columns.first().expect("column");
        assert_eq!(col.class, ColumnClass::Name, "{header}");
        assert!(!col.identifying, "{header}: {}", col.evidence);
    }
}

/// Special category data adds to a row that identifies someone, after
/// what identifies them and before their rank; alone it flags nothing.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn special_category_data_adds_to_a_flagged_row() {
    let f = scan(
        &[
            "Employee number",
            "Rank",
            "Absence reason",
            "Ethnicity",
            "Days lost",
        ],
        &[
            &["E10234", "Sergeant", "Cancer", "White - Irish", "60"],
            &["", "Constable", "Stress/anxiety", "Black - African", "14"],
            &[
                "E10872",
                "Constable",
                "Prefer not to say",
                "Not stated",
                "3",
            ],
        ],
    );
    let rows: Vec<(u64, Vec<&str>)> = f
        .rows
        .iter()
        .map(|r| (r.row, r.reasons.iter().map(|x| x.rule).collect()))
        .collect();
    assert_eq!(
        rows,
        [
            (
                2,
                vec![
                    "number.staff",
                    "special.health",
                    "special.ethnic_origin",
                    "rank.police"
                ]
            ),
            (4, vec!["number.staff", "rank.police"]),
        ]
    );
    let r = f.rows.first().expect("row flagged");
    let health = r.reasons.get(1).expect("health reason");
    assert_eq!(
        health.why,
        "Health information (special category data) in Absence reason: Cancer"
    );
    let col = f
        .columns
        .iter()
        .find(|c| c.name == "Absence reason")
        .expect("column");
    assert_eq!(col.class, ColumnClass::SpecialCategory);
    assert!(!col.identifying);
    assert!(
        col.evidence.starts_with(
            "header 'Absence reason' means health information (special category data)"
        ),
        "{}",
        col.evidence
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn reasons_read_well() {
    let f = scan(
        &["Surname", "Initial", "Rank", "Unit", "Vetting"],
        &[&["MORGAN", "J", "Inspector", "Covert Surveillance", "NPPV3"]],
    );
    let r = f.rows.first().expect("row flagged");
    assert_eq!(r.table, Some(0));
    let first = r.reasons.first().expect("a reason");
    assert_eq!(first.rule, "name.surname_initial");
    assert_eq!(first.column, "Surname, Initial");
    assert_eq!(first.text, "MORGAN J");
    assert_eq!(
        first.why,
        "Surname and initial (Surname, Initial): MORGAN J"
    );
    let rules: Vec<&str> = r.reasons.iter().map(|x| x.rule).collect();
    assert_eq!(
        rules,
        [
            "name.surname_initial",
            "rank.police",
            "unit.sensitive",
            "vetting.level"
        ]
    );
    let rank = r.reasons.get(1).expect("rank reason");
    assert_eq!(rank.why, "Rank Inspector in Rank");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn columns_fold_with_evidence() {
    let t = Table {
        index: 3,
        header_row: 5,
        first_column: 2,
        header: vec!["Surname".into(), "Station".into(), "".into(), "Name".into()],
    };
    let mut s = TableScanner::new(Some(&t));
    let rows: [[&str; 4]; 6] = [
        ["MORGAN", "Lisburn", "x", "Burglary"],
        ["SMITH", "Larne", "y", "Theft"],
        ["O'Neill", "Omagh", "z", "Robbery"],
        ["Redacted", "Antrim", "", "Fraud"],
        ["PATEL", "Newry", "", "Arson"],
        ["NOWAK", "Derry", "", "Criminal damage"],
    ];
    for (i, r) in rows.iter().enumerate() {
        s.record(6 + i as u64, r);
    }
    let f = s.finish();
    assert_eq!(f.columns.len(), 4);
    let c = f.columns.first().expect("column");
    assert_eq!(
        (c.table, c.index, c.class, c.identifying),
        (3, 2, ColumnClass::Surname, true)
    );
    assert_eq!(
        c.evidence,
        "header 'Surname' means surnames; 83% of 6 cells look like surnames"
    );
    assert!(
        c.confidence > 0.85 && c.confidence < 0.95,
        "{}",
        c.confidence
    );
    let station = f.columns.get(1).expect("column");
    assert_eq!(
        (station.index, station.class, station.identifying),
        (3, ColumnClass::Location, false)
    );
    let unnamed = f.columns.get(2).expect("column");
    assert_eq!(unnamed.class, ColumnClass::Other);
    let name = f.columns.get(3).expect("column");
    assert_eq!(name.class, ColumnClass::Other, "{}", name.evidence);
    assert!(
        name.evidence.contains("not treated as names"),
        "{}",
        name.evidence
    );
    // Rows 6, 7, 8, 10, 11 have surnames (row 9 is redacted); the Name column adds nothing.
    let rows: Vec<u64> = f.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [6, 7, 8, 10, 11]);
    assert!(f
        .rows
        .iter()
        .all(|r| r.kind == Kind::Person && r.table == Some(3)));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rows_outside_tables_are_free_text() {
    let mut s = TableScanner::new(None);
    s.record(1, &["Officers by station, 2023"]);
    s.record(2, &["Prepared by Sgt Morgan", "call 07700 900123"]);
    s.record(3, &["Source: Lisburn Road station, Preston"]);
    let f = s.finish();
    assert!(f.columns.is_empty());
    assert_eq!(
        flagged(&f),
        [(2, Kind::Staff, "text.rank_name".to_string())]
    );
    let r = f.rows.first().expect("row");
    assert_eq!(r.table, None);
    assert_eq!(
        r.reasons.first().map(|x| x.column.into_owned()),
        Some("column A".to_string())
    );
    assert_eq!(
        r.reasons
            .get(1)
            .map(|x| (x.rule.to_string(), x.column.into_owned())),
        Some(("contact.phone.mobile".to_string(), "column B".to_string()))
    );
}

/// Memory (issue 5 §6): a row keeps its hits until the table ends only if one
/// of them could flag it (a name, a number, a contact, a mention, a date of
/// birth); rows of ranks, units, vetting and postcodes keep none, so a
/// de-named staff list costs no memory per row. Each case gives, per row,
/// whether it keeps hits, and how many rows are flagged in the end (the
/// judgement must not change).
#[test]
fn only_rows_that_could_be_flagged_keep_hits() {
    struct Keep {
        name: &'static str,
        header: &'static [&'static str],
        rows: &'static [&'static [&'static str]],
        keeps: &'static [bool],
        flagged: usize,
    }
    const KEEP: &[Keep] = &[
        Keep {
            name: "de-named PSNI-style list: rank, station, unit, vetting",
            header: &["Rank", "Station", "Unit", "Vetting"],
            rows: &[
                &["Inspector", "Lisburn", "Covert Surveillance", "NPPV3"],
                &["Chief Superintendent", "Strand Road", "Response", "SC"],
                &["Constable", "Larne", "Special Branch", ""],
            ],
            keeps: &[false, false, false],
            flagged: 0,
        },
        Keep {
            name: "the same list with names: named rows keep, redacted rows don't",
            header: &["Surname", "Initial", "Rank", "Station", "Unit"],
            rows: &[
                &["MORGAN", "J", "Inspector", "Lisburn", "Covert Surveillance"],
                &["", "", "Sergeant", "Lisburn", "Response"],
                &["O'NEILL", "S", "Constable", "Strand Road", "Neighbourhood"],
            ],
            keeps: &[true, false, true],
            flagged: 2,
        },
        Keep {
            name: "postcodes alone keep nothing; a date of birth keeps (with a postcode it flags)",
            header: &["DOB", "Postcode", "Offence"],
            rows: &[
                &["", "BT1 5GS", "Theft"],
                &["12/03/1984", "BT1 5GS", "Theft"],
                &["12/03/1984", "", "Theft"],
            ],
            keeps: &[false, true, true],
            flagged: 1,
        },
        Keep {
            name: "contacts keep: the fold decides later whether a phone is a person's",
            header: &["Station", "Telephone", "Email"],
            rows: &[
                &["Lisburn", "028 9260 1234", ""],
                &["Larne", "", "j.morgan@example.org"],
                &["Omagh", "", ""],
            ],
            keeps: &[true, true, false],
            flagged: 1,
        },
    ];
    for case in KEEP {
        let t = Table {
            index: 0,
            header_row: 1,
            first_column: 0,
            header: case.header.iter().map(|s| s.to_string()).collect(),
        };
        let mut s = TableScanner::new(Some(&t));
        let mut keeps = Vec::new();
        for (i, r) in case.rows.iter().enumerate() {
            let before = s.kept_hits();
            s.record(i as u64 + 2, r);
            keeps.push(s.kept_hits() > before);
        }
        assert_eq!(keeps, case.keeps, "{}: rows that keep hits", case.name);
        let f = s.finish();
        assert_eq!(f.rows.len(), case.flagged, "{}: {:?}", case.name, f.rows);
    }
}

/// A name pasted with an invisible character (a zero-width space from a web
/// page, a bidi control, a stray control byte) is still a name: such
/// characters are left out before a cell is classified. (Found by the
/// hostile-input work: `Mor\u{200b}gan` and `\u{202e}NAGROM` were missed.)
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn invisible_characters_do_not_hide_a_name() {
    let cases: &[(&str, &str, &str)] = &[
        ("zero-width space", "Mor\u{200b}gan", "Morgan J"),
        ("zero-width joiner", "MOR\u{200d}GAN", "MORGAN J"),
        ("right-to-left override", "\u{202e}NAGROM", "NAGROM J"),
        ("bidi isolate", "\u{2066}O'NEILL\u{2069}", "O'NEILL J"),
        ("byte order mark", "\u{feff}PATEL", "PATEL J"),
        ("control byte", "KOWAL\u{7}SKI", "KOWALSKI J"),
        ("plain, for comparison", "Morgan", "Morgan J"),
    ];
    for (what, surname, text) in cases {
        let rows: &[&[&str]] = &[&[surname, "J", "Inspector"]];
        let f = scan(&["Surname", "Initial", "Rank"], rows);
        assert_eq!(f.rows.len(), 1, "{what}: {surname:?} not flagged");
        assert_eq!(f.rows[0].kind, Kind::Staff, "{what}");
        let first = &f.rows[0].reasons.first().expect("a reason");
        assert_eq!(
            first.text, *text,
            "{what}: the matched text is shown without the invisible character"
        );
    }
    // In free text too.
    let rows: &[&[&str]] = &[&["1", "Complaint about PC 4521 Jo\u{200b}nes at the scene"]];
    let f = scan(&["Ref", "Description"], rows);
    assert_eq!(flagged(&f).len(), 1, "{:?}", flagged(&f));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_first_column_of_many_values_is_data_not_labels() {
    // 70 distinct stations, then a row whose first cell is a label word: past
    // 64 distinct values the first column is data, and labels are not looked up.
    let stations: Vec<String> = (0..70).map(|i| format!("Station {i}")).collect();
    let mut rows: Vec<Vec<&str>> = stations.iter().map(|s| vec![s.as_str(), "12"]).collect();
    rows.push(vec!["Name", "John Morgan"]);
    let refs: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
    let f = scan(&["Station", "Value"], &refs);
    assert!(
        f.rows
            .iter()
            .all(|r| r.reasons.iter().all(|x| x.rule != "layout.row_label")),
        "{:?}",
        f.rows
    );
    // the same row in a short key/value table is flagged
    let f = scan(
        &["Station", "Value"],
        &[&["Lisburn", "12"], &["Name", "John Morgan"]],
    );
    assert_eq!(
        flagged(&f),
        [(3, Kind::Person, "layout.row_label".to_string())]
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_cell_that_names_someone_again_and_again_gives_one_reason_each() {
    let log = "Seen by PC Kowalski. ".repeat(2_000);
    // (what, notes cell, the reasons' texts in order)
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "twice",
            "PC Kowalski and PC Kowalski again",
            &["PC Kowalski"],
        ),
        ("a log of thousands", &log, &["PC Kowalski"]),
        (
            "two officers, each twice",
            "PC Kowalski, Sgt Okafor, PC Kowalski, Sgt Okafor",
            &["PC Kowalski", "Sgt Okafor"],
        ),
        (
            "the same name by another rank is another reason",
            "PC Kowalski then DC Kowalski",
            &["PC Kowalski", "DC Kowalski"],
        ),
    ];
    for (what, notes, want) in cases {
        let rows: &[&[&str]] = &[&["1", notes]];
        let f = scan(&["Ref", "Notes"], rows);
        let r = f
            .rows
            .first()
            .unwrap_or_else(|| panic!("{what}: not flagged"));
        let texts: Vec<String> = r.reasons.iter().map(|x| x.text.to_string()).collect();
        assert_eq!(texts, *want, "{what}");
    }
}

/// A column kept whole says in how many cells it names someone: the places
/// a clerk removing the identifying columns would miss.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_column_says_how_many_cells_name_someone() {
    let f = scan(
        &["Surname", "Notes", "Outcome"],
        &[
            &["MORGAN", "Seen by PC Kowalski on shift", "Upheld"],
            &["PATEL", "No notes", "Not upheld"],
            &[
                "BYRNE",
                "Complaint made by John Smith about noise",
                "Upheld",
            ],
        ],
    );
    let mentions: Vec<(&str, u64)> = f
        .columns
        .iter()
        .map(|c| (c.name.as_str(), c.mentions))
        .collect();
    assert_eq!(mentions, [("Surname", 0), ("Notes", 2), ("Outcome", 0)]);
}
