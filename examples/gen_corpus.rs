//! Writes the accuracy corpus: realistic synthetic FOI response files in
//! `tests/corpus/`, each with `NAME.expected` (the rows that must be flagged,
//! and as what), a `README.md` describing them, and `manifest.rs` (included by
//! `tests/accuracy.rs`).
//!
//! ```text
//! cargo run --release --example gen_corpus
//! ```
//!
//! Fixed seeds: running it again gives the same bytes. Every person is
//! synthetic (see `synth::person`).

mod synth;

use std::fmt::Write as _;
use std::path::Path;
use synth::*;

/// A file being built: its records, which rows must be flagged, and why.
struct Doc {
    name: &'static str,
    about: &'static str,
    fmt: Format,
    recs: Vec<Vec<String>>,
    /// (row, kind, note for people reading the expectations)
    expect: Vec<(usize, &'static str, String)>,
}

const STAFF: &str = "staff";
const SENIOR: &str = "staff_senior";
const PERSON: &str = "person";

fn v(xs: &[&str]) -> Vec<String> {
    xs.iter().map(|s| s.to_string()).collect()
}

impl Doc {
    fn new(name: &'static str, about: &'static str, fmt: Format) -> Self {
        Doc {
            name,
            about,
            fmt,
            recs: Vec::new(),
            expect: Vec::new(),
        }
    }
    /// A record that must not be flagged. Returns its row number.
    fn row(&mut self, fields: Vec<String>) -> usize {
        self.recs.push(fields);
        self.recs.len()
    }
    /// A record that must be flagged as `kind`.
    fn flag(&mut self, fields: Vec<String>, kind: &'static str, note: &str) -> usize {
        let r = self.row(fields);
        self.expect.push((r, kind, note.replace('\n', " ")));
        r
    }
    /// A record flagged or not.
    fn maybe(&mut self, fields: Vec<String>, kind: Option<&'static str>, note: &str) -> usize {
        match kind {
            Some(k) => self.flag(fields, k, note),
            None => self.row(fields),
        }
    }
    fn blank(&mut self) {
        self.row(Vec::new());
    }
    /// A line with text in the first cell, padded with empty cells to `width`
    /// (Excel pads short rows of a sheet to the used range).
    fn title(&mut self, text: &str, width: usize) {
        let mut f = vec![text.to_string()];
        f.resize(width.max(1), String::new());
        self.row(f);
    }
}

fn station_email(p: &Person, n: u64) -> String {
    if n > 0 {
        format!("{}{}@northshire.police.uk", p.mailbox(), n)
    } else {
        format!("{}@northshire.police.uk", p.mailbox())
    }
}

// ---------------------------------------------------------------- staff lists

fn psni_staff_list() -> Doc {
    let mut rng = Rng::new(0x5EED_0001);
    let mut d = Doc::new(
        "psni_staff_list.csv",
        "The PSNI shape: surname, initial, rank, grade, location, unit of officers and staff. Two title lines and an Excel-padded blank line above the header; ALL CAPS surnames (O'NEILL, Ó BRIAIN, MC CANN, DE SOUZA, short ones like LI, NG, ALI; surnames that are places or ranks: PRESTON, LINCOLN, CONSTABLE, SERGEANT); blank lines inside the list; police staff with a grade and no rank; chief officers and directors (staff_senior); a total and a note at the bottom.",
        Format::default(),
    );
    let w = 6;
    d.title("Police Service of Northshire - officers and police staff by rank, grade, location and unit", w);
    d.title("FOI request F-2023-01234. Data as at 31/07/2023", w);
    d.title("", w);
    d.row(v(&[
        "Surname", "Initial", "Rank", "Grade", "Location", "Unit",
    ]));
    let mut n = 0;
    for i in 0..720 {
        if i > 0 && i % 97 == 0 {
            d.blank();
        }
        let p = person(&mut rng);
        let initial = if rng.chance(0.15) {
            format!("{} {}", p.initial(), rng.pick(&["A", "J", "M", "P", "R"]))
        } else {
            p.initial()
        };
        let (rank, grade, kind) = if i % 180 == 7 {
            (rng.pick(CHIEF_RANKS).to_string(), String::new(), SENIOR)
        } else if i % 240 == 100 {
            (
                "Police Staff".to_string(),
                rng.pick(&["Director", "Senior Director", "Chief Operating Officer"])
                    .to_string(),
                SENIOR,
            )
        } else if rng.chance(0.25) {
            (
                "Police Staff".to_string(),
                rng.pick(STAFF_GRADES).to_string(),
                STAFF,
            )
        } else {
            (rng.weighted(RANKS).to_string(), String::new(), STAFF)
        };
        let unit = if kind == SENIOR {
            "Chief Officer Group".to_string()
        } else {
            rng.weighted(UNITS).to_string()
        };
        let sur = p.surname.to_uppercase();
        let note = format!("{sur} {initial} {rank}");
        d.flag(
            vec![
                sur,
                initial,
                rank,
                grade,
                rng.pick(STATIONS).to_string(),
                unit,
            ],
            kind,
            &note,
        );
        n += 1;
    }
    d.title("", w);
    d.title(&format!("Total records: {n}"), w);
    d.title(
        "Note: excludes officers and staff on career break or secondment.",
        w,
    );
    d
}

fn staff_contacts() -> Doc {
    let mut rng = Rng::new(0x5EED_0002);
    let mut d = Doc::new(
        "staff_contacts.csv",
        "Internal directory: forename, surname, collar number, station, e-mail first.last@northshire.police.uk, vetting level (NPPV2, SC...). UTF-8 with BOM, LF line endings. Traps: three shared-mailbox rows at the end (foi@, psd@, info@) with no person, which must not be flagged.",
        Format { eol: "\n", encoding: Encoding::Utf8Bom, ..Format::default() },
    );
    d.row(v(&[
        "Forename",
        "Surname",
        "Collar Number",
        "Station",
        "Email",
        "Vetting level",
    ]));
    for _ in 0..300 {
        let p = person(&mut rng);
        let collar = if rng.chance(0.8) {
            rng.range(1000, 9999).to_string()
        } else {
            format!("S{}", rng.range(10000, 99999))
        };
        let email = station_email(&p, if rng.chance(0.1) { rng.range(1, 9) } else { 0 });
        let note = p.full();
        d.flag(
            vec![
                p.forename,
                p.surname,
                collar,
                rng.pick(STATIONS).to_string(),
                email,
                rng.pick(VETTING).to_string(),
            ],
            STAFF,
            &note,
        );
    }
    d.row(v(&[
        "(shared mailbox)",
        "Freedom of Information Unit",
        "",
        "Headquarters",
        "foi@northshire.police.uk",
        "",
    ]));
    d.row(v(&[
        "(shared mailbox)",
        "Professional Standards",
        "",
        "Headquarters",
        "psd@northshire.police.uk",
        "",
    ]));
    d.row(v(&[
        "(shared mailbox)",
        "Information Management",
        "",
        "Headquarters",
        "info@northshire.police.uk",
        "",
    ]));
    d
}

fn organogram() -> Doc {
    let mut rng = Rng::new(0x5EED_0003);
    let mut d = Doc::new(
        "organogram.csv",
        "A government-style organogram: post reference, name of post holder, grade (SCS3/SCS2/SCS1 -> staff_senior; G6/G7 -> staff), job title, unit, reports-to post reference, contact e-mail and phone. Traps: posts held by \"Vacant\", \"N/D\" (not disclosed) or \"Eliminated\" with role mailboxes or none; job titles like \"Director of Finance\" without a name; reports-to column holding post references, not names.",
        Format::default(),
    );
    d.row(v(&[
        "Post Unique Reference",
        "Name",
        "Grade",
        "Job Title",
        "Unit",
        "Reports to Senior Post",
        "Contact E-mail",
        "Contact Phone",
        "Salary Cost of Reports (£)",
    ]));
    let posts: &[(&str, &str, &str, &str)] = &[
        (
            "DG-001",
            "SCS3",
            "Director General, Policing Policy",
            "Director General's Office",
        ),
        ("D-001", "SCS2", "Director of Finance", "Finance"),
        ("D-002", "SCS2", "Director of People", "HR"),
        ("D-003", "SCS2", "Director of Digital", "Digital"),
        (
            "DD-001",
            "SCS1",
            "Deputy Director, Financial Planning",
            "Finance",
        ),
        ("DD-002", "SCS1", "Deputy Director, Procurement", "Finance"),
        ("DD-003", "SCS1", "Deputy Director, Workforce", "HR"),
        ("DD-004", "SCS1", "Deputy Director, Data", "Digital"),
        (
            "DD-005",
            "SCS1",
            "Deputy Director, Cyber Security",
            "Digital",
        ),
        ("DD-006", "SCS1", "Head of Professional Standards", "HR"),
    ];
    let mut reports = vec!["XX".to_string()];
    for (i, (ref_, grade, title, unit)) in posts.iter().enumerate() {
        let parent = if i == 0 {
            "XX".to_string()
        } else if grade == &"SCS2" {
            "DG-001".to_string()
        } else {
            ["D-001", "D-001", "D-002", "D-003", "D-003", "D-002"][i - 4].to_string()
        };
        reports.push(ref_.to_string());
        let cost = format!("{}", rng.range(300, 4000) * 1000);
        match i {
            3 => {
                d.row(v(&[
                    ref_, "Vacant", grade, title, unit, &parent, "", "", &cost,
                ]));
            }
            6 => {
                d.row(v(&[
                    ref_, "N/D", grade, title, unit, &parent, "N/D", "N/D", &cost,
                ]));
            }
            _ => {
                let p = person(&mut rng);
                let email = format!("{}@policing.gov.uk", p.mailbox());
                let phone = direct_line(&mut rng);
                let note = format!("{} {grade}", p.full());
                d.flag(
                    vec![
                        ref_.to_string(),
                        p.full(),
                        grade.to_string(),
                        title.to_string(),
                        unit.to_string(),
                        parent,
                        email,
                        phone,
                        cost,
                    ],
                    SENIOR,
                    &note,
                );
            }
        }
    }
    let junior_titles = [
        "Head of Management Accounts",
        "Senior Policy Adviser",
        "Team Leader, Recruitment",
        "Lead Data Architect",
        "Head of Category Management",
        "Information Rights Lead",
        "Security Architect",
        "Business Partner",
    ];
    for j in 0..30 {
        let ref_ = format!("P-{:03}", j + 1);
        let grade = if j % 3 == 0 { "G6" } else { "G7" };
        let title = junior_titles[j % junior_titles.len()];
        let parent = ["DD-001", "DD-002", "DD-003", "DD-004", "DD-005", "DD-006"][j % 6];
        let unit = ["Finance", "Finance", "HR", "Digital", "Digital", "HR"][j % 6];
        match j % 10 {
            4 => {
                d.row(v(&[
                    &ref_, "Vacant", grade, title, unit, parent, "", "", "0",
                ]));
            }
            8 => {
                d.row(v(&[
                    &ref_,
                    "Eliminated",
                    grade,
                    title,
                    unit,
                    parent,
                    "",
                    "",
                    "0",
                ]));
            }
            9 => {
                d.row(v(&[
                    &ref_, "N/D", grade, title, unit, parent, "N/D", "N/D", "0",
                ]));
            }
            _ => {
                let p = person(&mut rng);
                let email = format!("{}@policing.gov.uk", p.mailbox());
                let note = format!("{} {grade}", p.full());
                d.flag(
                    vec![
                        ref_,
                        p.full(),
                        grade.to_string(),
                        title.to_string(),
                        unit.to_string(),
                        parent.to_string(),
                        email,
                        "0300 123 4567".to_string(),
                        "0".to_string(),
                    ],
                    STAFF,
                    &note,
                );
            }
        }
    }
    d
}

fn senior_officers() -> Doc {
    let mut rng = Rng::new(0x5EED_0004);
    let mut d = Doc::new(
        "senior_officers.csv",
        "The chief officer team with names, portfolios, e-mail and direct lines: chief constable, DCC, ACCs (one temporary), police staff directors: staff_senior. A chief inspector staff officer (staff: mentions \"Chief Constable\" in the portfolio). Traps: a vacant ACC post and the chief officers' office mailbox and switchboard.",
        Format::default(),
    );
    d.title("Chief Officer Group - as at 1 April 2023", 5);
    d.row(v(&[
        "Name",
        "Rank / Role",
        "Portfolio",
        "Email",
        "Telephone",
    ]));
    let posts: &[(&str, &str, &str)] = &[
        ("Chief Constable", "Chief Constable", SENIOR),
        (
            "Deputy Chief Constable",
            "Professional Standards, Corporate Development",
            SENIOR,
        ),
        ("ACC", "Operational Support", SENIOR),
        ("ACC", "Crime Operations", SENIOR),
        ("T/ACC", "Local Policing", SENIOR),
        ("Director of Finance", "Finance, Estates and Fleet", SENIOR),
        (
            "Director of People and Organisational Development",
            "HR, Learning and Development",
            SENIOR,
        ),
        (
            "Chief Inspector",
            "Staff Officer to the Chief Constable",
            STAFF,
        ),
    ];
    for (rank, portfolio, kind) in posts {
        let p = person(&mut rng);
        let note = format!("{} {rank}", p.full());
        let email = format!("{}@northshire.police.uk", p.mailbox());
        d.flag(
            vec![
                p.full(),
                rank.to_string(),
                portfolio.to_string(),
                email,
                direct_line(&mut rng),
            ],
            kind,
            &note,
        );
    }
    d.row(v(&["Vacant", "ACC", "Criminal Justice", "", ""]));
    d.row(v(&[
        "Chief Officers' Office",
        "",
        "Diary and correspondence",
        "chiefofficers@northshire.police.uk",
        "0300 123 4567",
    ]));
    d
}

// ---------------------------------------------------------------- free text

fn complaint_log() -> Doc {
    let mut rng = Rng::new(0x5EED_0005);
    let mut d = Doc::new(
        "complaint_log.csv",
        "Professional Standards complaint log with a free-text Description, some multi-line (a quoted field with line breaks is one row). Flagged: rank + name (`Sgt. O'Neill`, `Inspector Morgan`, `DS Priya Patel`), rank + number (`PC 4521 Jones`, `Con May (5689)`, `PC 4521`), complainants named after \"made by\"/\"Complainant\"/\"from\" (person), a complainant's mobile or personal e-mail (person). Not flagged: `the Inspector`, `officers attended`, `the PCSO`, street names (Constable Road, Sergeant's Way), places (Preston, Lincoln), reference numbers (PSD/2023/0001, PONI-2023-0412, Serial 4521, crime refs), 101.",
        Format::default(),
    );
    d.row(v(&[
        "Case Reference",
        "Date Received",
        "Category",
        "Description",
        "Outcome",
    ]));
    let cats = [
        "Incivility",
        "Use of force",
        "Quality of service",
        "Discriminatory behaviour",
        "Property",
        "Stop and search",
        "Delay",
    ];
    let outcomes = [
        "Not upheld",
        "Upheld",
        "Local resolution",
        "Withdrawn",
        "Referred to PONI",
        "Service level - no further action",
    ];
    for i in 0..260 {
        let reference = format!("PSD/2023/{:04}", i + 1);
        let date = date(&mut rng, 2023, 2023);
        let cat = rng.pick(&cats).to_string();
        let outcome = rng.pick(&outcomes).to_string();
        let p = person(&mut rng);
        let collar = rng.range(1000, 9999);
        let street = rng.pick(STREETS);
        let station = rng.pick(STATIONS);
        let (text, kind): (String, Option<&str>) = match rng.below(26) {
            0 => (format!("Complainant alleges {} {} was rude during a stop search on {street}.", rng.pick(&["Sgt.", "Sgt", "PS", "Insp.", "DS"]), p.surname), Some(STAFF)),
            1 => (format!("Officer identified as {} {} failed to record a reported crime.", rng.pick(&["Constable", "Sergeant", "Inspector", "Detective Constable"]), p.full()), Some(STAFF)),
            2 => (format!("Alleged excessive force by PC {collar} at {station} custody suite."), Some(STAFF)),
            3 => (format!("Con {} ({collar}) did not return seized property to the complainant.", p.surname), Some(STAFF)),
            4 => (format!("{} {collar} {} is alleged to have disclosed information about the investigation to a third party.", rng.pick(&["PC", "DC"]), p.surname), Some(STAFF)),
            5 => (format!("Complaint received by e-mail.\nAlleges that Sgt {} refused to take a statement.\nReferred to PONI-2023-{:04}.", p.surname, rng.range(1, 999)), Some(STAFF)),
            6 => (format!("Inspector {} is alleged to have failed to supervise the investigation.", p.surname), Some(STAFF)),
            7 => (format!("DS {} did not update the victim for six weeks.", p.full()), Some(STAFF)),
            8 => {
                let q = person(&mut rng);
                (format!("Complaint made by {} {} regarding the handling of a burglary report.", q.title(&mut rng), q.full()), Some(PERSON))
            }
            9 => {
                let q = person(&mut rng);
                (format!("Complainant {} {} states that officers attended {street} and were dismissive.", q.title(&mut rng), q.surname), Some(PERSON))
            }
            10 => {
                let q = person(&mut rng);
                (format!("Complaint from {} ({}) about a delay in returning a call.", q.full(), mobile(&mut rng)), Some(PERSON))
            }
            11 => {
                let q = person(&mut rng);
                (format!("Complainant asks to be contacted by e-mail only: {}{}@gmail.com", q.mailbox(), rng.range(70, 99)), Some(PERSON))
            }
            12 => {
                let q = person(&mut rng);
                (format!("Complaint made by {} that PC {} ({collar}) was rude at the front counter.", q.full(), p.surname), Some(STAFF))
            }
            13 => ("Officers attended an address on Constable Road and the complainant was unhappy with the outcome.".to_string(), None),
            14 => ("The Inspector reviewed the incident log and found no misconduct.".to_string(), None),
            15 => (format!("Complaint about a police vehicle parked on Sergeant's Way, {}.", rng.pick(&["Preston", "Lincoln"])), None),
            16 => (format!("See also PSD/2022/{:04} and PONI-2023-0412.", rng.range(1, 999)), None),
            17 => (format!("Serial {collar} refers; the call handler's advice was considered appropriate."), None),
            18 => ("Delay in attendance to a burglary in Lincoln; officers attended the next day.".to_string(), None),
            19 => ("The complainant states the PCSO was dismissive when reporting anti-social behaviour.".to_string(), None),
            20 => ("Several officers from the Tactical Support Group attended the protest in Preston.".to_string(), None),
            21 => (format!("Complaint about the conduct of custody staff at {station} custody suite."), None),
            22 => (format!("Complainant unhappy with the outcome of an investigation into the theft of a bicycle (crime ref 23/{:06}).", rng.range(0, 999_999)), None),
            23 => ("Complaint received by letter.\nThe Sergeant on duty advised the complainant to attend the front counter.\nNo further action.".to_string(), None),
            24 => (format!("Call to 101 not answered for {} minutes.", rng.range(20, 90)), None),
            _ => ("Complainant dissatisfied with the level of service provided by the control room.".to_string(), None),
        };
        let note = text.chars().take(70).collect::<String>();
        d.maybe(vec![reference, date, cat, text, outcome], kind, &note);
    }
    d
}

fn victims_witnesses() -> Doc {
    let mut rng = Rng::new(0x5EED_0006);
    let mut d = Doc::new(
        "victims_witnesses.csv",
        "The Norfolk and Suffolk shape: crime reference, offence, role (victim/witness), surname, forename, date of birth, address, postcode, telephone: every row is a member of the public (person). Rows with the name withheld but a mobile, or a date of birth with a home address, are still flagged (person). Traps: rows with the name withheld and only a postcode district (NR2) and nothing else identifying are not flagged.",
        Format::default(),
    );
    d.row(v(&[
        "Crime Reference",
        "Offence",
        "Role",
        "Surname",
        "Forename",
        "Date of Birth",
        "Address",
        "Postcode",
        "Telephone",
    ]));
    let offences = [
        "Theft from the person",
        "Burglary - residential",
        "Assault occasioning ABH",
        "Criminal damage",
        "Harassment",
        "Fraud by false representation",
        "Common assault",
        "Theft of motor vehicle",
    ];
    for i in 0..420 {
        let cref = format!("{}/{:06}/23", rng.range(30, 39), rng.range(0, 999_999));
        let off = rng.pick(&offences).to_string();
        let role = if rng.chance(0.6) { "Victim" } else { "Witness" }.to_string();
        match i % 25 {
            5 => {
                let district = format!("{}{}", rng.pick(&["NR", "IP"]), rng.range(1, 30));
                d.row(vec![
                    cref,
                    off,
                    role,
                    "Withheld".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    district,
                    "".into(),
                ]);
            }
            11 => {
                d.row(vec![
                    cref,
                    off,
                    role,
                    "Not known".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                    "".into(),
                ]);
            }
            17 => {
                let m = mobile(&mut rng);
                let note = format!("withheld, mobile {m}");
                d.flag(
                    vec![
                        cref,
                        off,
                        role,
                        "Withheld".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                        "".into(),
                        m,
                    ],
                    PERSON,
                    &note,
                );
            }
            23 => {
                let dob = date(&mut rng, 1940, 2008);
                let note = format!("withheld, DOB {dob} + address");
                d.flag(
                    vec![
                        cref,
                        off,
                        role,
                        "Withheld".into(),
                        "".into(),
                        dob,
                        address(&mut rng),
                        postcode(&mut rng),
                        "".into(),
                    ],
                    PERSON,
                    &note,
                );
            }
            _ => {
                let p = person(&mut rng);
                let sur = if rng.chance(0.5) {
                    p.surname.to_uppercase()
                } else {
                    p.surname.clone()
                };
                let phone = if rng.chance(0.7) {
                    mobile(&mut rng)
                } else {
                    String::new()
                };
                let note = p.full();
                d.flag(
                    vec![
                        cref,
                        off,
                        role,
                        sur,
                        p.forename,
                        date(&mut rng, 1940, 2008),
                        address(&mut rng),
                        postcode(&mut rng),
                        phone,
                    ],
                    PERSON,
                    &note,
                );
            }
        }
    }
    d
}

fn foi_requests_log() -> Doc {
    let mut rng = Rng::new(0x5EED_0007);
    let mut d = Doc::new(
        "foi_requests_log.csv",
        "FOI disclosure log: reference, date, requester, requester type, subject, outcome. Requesters who are people (\"Priya Patel\", \"Mr A Khan\", \"Dr Siobhán Kelly\") -> person. Traps: organisations (BBC News, Police Federation, Liberty, a county council, \"Thomson Reuters\", \"Morgan Sindall plc\"), \"Private individual\", \"Anonymous\", and subjects mentioning PCSOs, Preston, Lincoln, Taser, the Chief Constable's expenses, Inspector-rank officers.",
        Format::default(),
    );
    d.row(v(&[
        "Reference",
        "Date received",
        "Requester",
        "Requester type",
        "Subject",
        "Outcome",
        "Days to respond",
    ]));
    let orgs = [
        ("BBC News", "Media"),
        ("Police Federation", "Organisation"),
        ("Liberty", "Campaign group"),
        ("The Guardian", "Media"),
        ("Hull Daily Mail", "Media"),
        ("Unison Northshire Branch", "Trade union"),
        ("Big Brother Watch", "Campaign group"),
        ("Northshire County Council", "Public body"),
        ("Preston City Council", "Public body"),
        ("Thomson Reuters", "Media"),
        ("Morgan Sindall plc", "Commercial"),
        ("University of Lincoln", "Academic"),
    ];
    let subjects = [
        "Number of PCSOs in Preston",
        "Spend on overtime 2022/23",
        "Use of Taser by officers",
        "Body worn video policy",
        "Officers disciplined for misconduct",
        "Chief Constable's expenses",
        "Stop and search in Lincoln",
        "Vehicle fleet costs",
        "Complaints against Inspector-rank officers",
        "Number of officers vetted to NPPV3",
        "Cost of the Professional Standards Department",
        "Response times on Constable Road",
    ];
    let outcomes = [
        "Disclosed in full",
        "Partially disclosed",
        "Refused - s.40(2)",
        "Refused - s.12 cost",
        "Information not held",
        "Withdrawn",
    ];
    for i in 0..220 {
        let reference = format!("FOI-2023-{:04}", i + 1);
        let date = date(&mut rng, 2023, 2023);
        let subject = rng.pick(&subjects).to_string();
        let outcome = rng.pick(&outcomes).to_string();
        let days = rng.range(3, 40).to_string();
        let r = rng.below(100);
        if r < 55 {
            let p = person(&mut rng);
            let name = match rng.below(4) {
                0 => format!("{} {}", p.title(&mut rng), p.full()),
                1 => format!("{} {} {}", p.title(&mut rng), p.initial(), p.surname),
                2 => format!("Dr {}", p.full()),
                _ => p.full(),
            };
            let note = name.clone();
            d.flag(
                vec![
                    reference,
                    date,
                    name,
                    "Individual".into(),
                    subject,
                    outcome,
                    days,
                ],
                PERSON,
                &note,
            );
        } else if r < 90 {
            let (o, t) = rng.pick(&orgs);
            d.row(vec![
                reference,
                date,
                o.to_string(),
                t.to_string(),
                subject,
                outcome,
                days,
            ]);
        } else {
            let who = rng
                .pick(&["Private individual", "Anonymous", "WhatDoTheyKnow user"])
                .to_string();
            d.row(vec![
                reference,
                date,
                who,
                "Individual".into(),
                subject,
                outcome,
                days,
            ]);
        }
    }
    d
}

// ---------------------------------------------------------------- layouts

fn stacked_tables() -> Doc {
    let mut rng = Rng::new(0x5EED_0008);
    let mut d = Doc::new(
        "stacked_tables.csv",
        "Two tables in one file, as a clerk pastes them: a summary (officers by rank: headcount and FTE, with a total) under its own title, two blank rows, a second title, then the raw list it came from (surname, forename, rank, collar number, unit, station) with its own header, and a source footnote. Only the raw list's rows are flagged (staff; chief officers staff_senior). The summary has counts of 1 (chief officers): a small-count matter for issue 4, not a direct identifier.",
        Format { eol: "\n", ..Format::default() },
    );
    d.title("Table 1: Police officers by rank, 31 March 2023", 3);
    d.row(v(&["Rank", "Headcount", "FTE"]));
    let summary = [
        ("Chief Constable", 1),
        ("Deputy Chief Constable", 1),
        ("Assistant Chief Constable", 3),
        ("Chief Superintendent", 9),
        ("Superintendent", 22),
        ("Chief Inspector", 41),
        ("Inspector", 128),
        ("Sergeant", 402),
        ("Constable", 2187),
    ];
    let mut total = 0;
    for (rank, n) in summary {
        total += n;
        let fte = format!("{:.2}", n as f64 * 0.97);
        d.row(vec![rank.to_string(), n.to_string(), fte]);
    }
    d.row(vec![
        "Total".into(),
        total.to_string(),
        format!("{:.2}", total as f64 * 0.97),
    ]);
    d.blank();
    d.blank();
    d.title(
        "Table 2: Officers in Roads Policing and Operational Support (source data)",
        6,
    );
    d.row(v(&[
        "Surname",
        "Forename",
        "Rank",
        "Collar Number",
        "Unit",
        "Station",
    ]));
    for i in 0..160 {
        let p = person(&mut rng);
        let (rank, kind) = if i == 3 {
            ("Assistant Chief Constable".to_string(), SENIOR)
        } else {
            (rng.weighted(RANKS).to_string(), STAFF)
        };
        let collar = if kind == SENIOR {
            String::new()
        } else {
            rng.range(1000, 9999).to_string()
        };
        let note = format!("{} {rank}", p.full());
        let unit = if kind == SENIOR {
            "Operational Support"
        } else {
            *rng.pick(&[
                "Roads Policing",
                "Roads Policing",
                "Armed Response Unit",
                "Dog Section",
                "Air Support",
            ])
        };
        d.flag(
            vec![
                p.surname,
                p.forename,
                rank,
                collar,
                unit.to_string(),
                rng.pick(STATIONS).to_string(),
            ],
            kind,
            &note,
        );
    }
    d.blank();
    d.title("Source: HR system (SAP), extracted 03/04/2023", 6);
    d
}

fn pivot_with_source() -> Doc {
    let mut rng = Rng::new(0x5EED_0009);
    let mut d = Doc::new(
        "pivot_with_source.csv",
        "The PSNI case: a pivot summary (officers by location, with a grand total) in columns A-B, empty columns C-K, and the source data pasted in columns L-P (surname, initial, rank, location, unit) running far below the pivot. Row 1 holds both the pivot's title and the source header. Every source row is flagged (staff), including those that share a row with the pivot.",
        Format::default(),
    );
    let gap = 9;
    let mut src: Vec<(Vec<String>, &str, String)> = Vec::new();
    for _ in 0..450 {
        let p = person(&mut rng);
        let sur = p.surname.to_uppercase();
        let rank = rng.weighted(RANKS).to_string();
        let note = format!("{sur} {} {rank}", p.initial());
        src.push((
            vec![
                sur,
                p.initial(),
                rank,
                rng.pick(STATIONS).to_string(),
                rng.weighted(UNITS).to_string(),
            ],
            STAFF,
            note,
        ));
    }
    let mut left: Vec<Vec<String>> = vec![
        v(&["Officers by location (pivot)", ""]),
        v(&["", ""]),
        v(&["Row Labels", "Count of SURNAME"]),
    ];
    let mut total = 0;
    for st in STATIONS {
        let c = src.iter().filter(|s| s.0[3] == *st).count();
        total += c;
        left.push(vec![st.to_string(), c.to_string()]);
    }
    left.push(vec!["Grand Total".into(), total.to_string()]);
    // Row 1: pivot title + source header.
    let mut first = left[0].clone();
    first.extend(std::iter::repeat_n(String::new(), gap));
    first.extend(v(&["SURNAME", "INITIAL", "RANK", "LOCATION", "UNIT"]));
    d.row(first);
    for (i, (fields, kind, note)) in src.into_iter().enumerate() {
        let mut rec = left.get(i + 1).cloned().unwrap_or_else(|| v(&["", ""]));
        rec.extend(std::iter::repeat_n(String::new(), gap));
        rec.extend(fields);
        d.flag(rec, kind, &note);
    }
    d
}

fn overtime_semicolon() -> Doc {
    let mut rng = Rng::new(0x5EED_000A);
    let mut d = Doc::new(
        "overtime_semicolon.csv",
        "Semicolon-delimited with decimal commas (an export from a European-locale Excel): officers' overtime hours and payments. A title line, the list (staff), a totals row (not flagged).",
        Format { delimiter: b';', ..Format::default() },
    );
    d.title("Overtime payments 2022/23 - officers above 300 hours", 6);
    d.row(v(&[
        "Surname",
        "Forename",
        "Rank",
        "Station",
        "Overtime hours",
        "Overtime paid (£)",
    ]));
    let (mut th, mut tp) = (0.0f64, 0.0f64);
    for _ in 0..150 {
        let p = person(&mut rng);
        let hours = rng.range(3000, 9000) as f64 / 10.0;
        let paid = hours * rng.range(2200, 4200) as f64 / 100.0;
        th += hours;
        tp += paid;
        let note = p.full();
        d.flag(
            vec![
                p.surname,
                p.forename,
                rng.weighted(RANKS).to_string(),
                rng.pick(STATIONS).to_string(),
                format!("{hours:.1}").replace('.', ","),
                format!("{paid:.2}").replace('.', ","),
            ],
            STAFF,
            &note,
        );
    }
    d.row(vec![
        "Total".into(),
        "".into(),
        "".into(),
        "".into(),
        format!("{th:.1}").replace('.', ","),
        format!("{tp:.2}").replace('.', ","),
    ]);
    d
}

fn staff_unicode_text() -> Doc {
    let mut rng = Rng::new(0x5EED_000B);
    let mut d = Doc::new(
        "staff_unicode_text.txt",
        "Excel's \"Unicode Text\": UTF-16LE with BOM, tab-delimited, CRLF. A staff list with fadas, Polish and Turkish letters, curly apostrophes; a department with quotes in it (quoted field, doubled quotes). All data rows staff.",
        Format { delimiter: b'\t', encoding: Encoding::Utf16LeBom, ..Format::default() },
    );
    d.row(v(&[
        "Surname",
        "Forename",
        "Rank",
        "Station",
        "Department",
        "Start date",
    ]));
    for i in 0..200 {
        let p = person(&mut rng);
        let dept = if i % 37 == 5 {
            "Operation \"Kestrel\" team".to_string()
        } else {
            rng.weighted(UNITS).to_string()
        };
        let note = p.full();
        d.flag(
            vec![
                p.surname,
                p.forename,
                rng.weighted(RANKS).to_string(),
                rng.pick(STATIONS).to_string(),
                dept,
                date(&mut rng, 1990, 2023),
            ],
            STAFF,
            &note,
        );
    }
    d
}

fn civil_claims_1252() -> Doc {
    let mut rng = Rng::new(0x5EED_000C);
    let mut d = Doc::new(
        "civil_claims_1252.csv",
        "Windows-1252 (not UTF-8): 0x92 curly apostrophes (O’Neill), £ as 0xA3, é/á/Ó in names. Civil claims against the force: claimant (person), amounts like \"£1,250.00\" (quoted), notes sometimes naming an officer. Claimants that are organisations are not flagged unless the notes name an officer (staff).",
        Format { encoding: Encoding::Windows1252, ..Format::default() },
    );
    d.row(v(&[
        "Claim Ref",
        "Date",
        "Claimant",
        "Claim Type",
        "Amount Claimed",
        "Settled",
        "Notes",
    ]));
    let types = [
        "Wrongful arrest",
        "Damage to property",
        "Personal injury",
        "Data breach",
        "Vehicle collision",
        "Malicious prosecution",
    ];
    let orgs = [
        "Northshire Bus Company Ltd",
        "Royal Mail Group",
        "Preston Motors Ltd",
        "Lincoln Housing Association",
    ];
    for i in 0..140 {
        let cref = format!("CL/{}/{:03}", rng.pick(&["2022", "2023"]), i + 1);
        let date = date(&mut rng, 2022, 2023);
        let ty = rng.pick(&types).to_string();
        let claimed = rng.range(200, 40000);
        let amt = format!("£{},{:03}.00", claimed / 1000, claimed % 1000).replace("£0,", "£");
        let settled = if rng.chance(0.5) {
            format!("£{}", claimed * 6 / 10)
        } else {
            "Nil".to_string()
        };
        let officer = person_1252(&mut rng);
        let mention = rng.chance(0.2);
        let notes = if mention {
            format!(
                "Arresting officer {} {} ({}).",
                rng.pick(&["PC", "Sgt", "DC"]),
                officer.surname,
                rng.range(1000, 9999)
            )
        } else {
            rng.pick(&[
                "Liability denied.",
                "Settled without admission of liability.",
                "Awaiting legal advice.",
                "Vehicle repaired at the force’s expense.",
                "",
            ])
            .to_string()
        };
        if i % 9 == 4 {
            let org = rng.pick(&orgs).to_string();
            let kind = if mention { Some(STAFF) } else { None };
            d.maybe(
                vec![cref, date, org, ty, amt, settled, notes.clone()],
                kind,
                &notes,
            );
        } else {
            let p = person_1252(&mut rng);
            let name = if rng.chance(0.3) {
                format!("{} {}", p.title(&mut rng), p.full())
            } else {
                p.full()
            };
            let note = name.clone();
            d.flag(
                vec![cref, date, name, ty, amt, settled, notes],
                PERSON,
                &note,
            );
        }
    }
    d
}

fn training_attendance_cr() -> Doc {
    let mut rng = Rng::new(0x5EED_000D);
    let mut d = Doc::new(
        "training_attendance_cr.csv",
        "Old-Mac CR-only line endings and no final newline. Course attendance: attendee names in every common form (`SMITH J`, `Smith, J` quoted, `J. Smith`, `John Smith`, `O'NEILL S`), collar numbers, results: staff. Traps: cancelled sessions with no attendee.",
        Format { eol: "\r", final_newline: false, ..Format::default() },
    );
    d.row(v(&["Course", "Date", "Attendee", "Collar No", "Result"]));
    let courses = [
        "Taser refresher",
        "Officer Safety Training",
        "Public Order Level 2",
        "Emergency Life Support",
        "Initial Pursuit",
        "Search Awareness",
    ];
    for i in 0..130 {
        let course = rng.pick(&courses).to_string();
        let date = date(&mut rng, 2023, 2023);
        if i % 31 == 10 {
            d.row(vec![
                course,
                date,
                "Course cancelled".into(),
                "".into(),
                "".into(),
            ]);
            continue;
        }
        let p = person(&mut rng);
        let name = match rng.below(5) {
            0 => format!("{} {}", p.surname.to_uppercase(), p.initial()),
            1 => format!("{}, {}", p.surname, p.initial()),
            2 => format!("{}. {}", p.initial(), p.surname),
            3 => p.full(),
            _ => format!("{} {}", p.surname.to_uppercase(), p.forename.to_uppercase()),
        };
        let note = name.clone();
        d.flag(
            vec![
                course,
                date,
                name,
                rng.range(1000, 9999).to_string(),
                rng.pick(&["Pass", "Pass", "Pass", "Fail", "Did not attend"])
                    .to_string(),
            ],
            STAFF,
            &note,
        );
    }
    d
}

fn payroll_extract() -> Doc {
    let mut rng = Rng::new(0x5EED_000E);
    let mut d = Doc::new(
        "payroll_extract.csv",
        "Payroll extract: employee number, surname, forename, date of birth, National Insurance number (with and without spaces), pay band, salary, cost centre: staff. Traps: vacant posts with a band and a cost centre but no person.",
        Format::default(),
    );
    d.row(v(&[
        "Employee No",
        "Surname",
        "Forename",
        "Date of Birth",
        "NI Number",
        "Pay Band",
        "Annual Salary",
        "Cost Centre",
    ]));
    for i in 0..200 {
        let emp = format!("E{:06}", rng.range(100_000, 999_999));
        let band = rng.pick(STAFF_GRADES).to_string();
        let salary = rng.range(21000, 62000).to_string();
        let cc = format!("CC{}", rng.range(1000, 1999));
        if i % 23 == 9 {
            d.row(vec![
                format!("VAC{:04}", i),
                "VACANT POST".into(),
                "".into(),
                "".into(),
                "".into(),
                band,
                salary,
                cc,
            ]);
            continue;
        }
        let p = person(&mut rng);
        let note = p.full();
        d.flag(
            vec![
                emp,
                p.surname.to_uppercase(),
                p.forename,
                date(&mut rng, 1960, 2003),
                ni_number(&mut rng),
                band,
                salary,
                cc,
            ],
            STAFF,
            &note,
        );
    }
    d
}

// ---------------------------------------------------------------- traps only

fn crime_by_ward_month() -> Doc {
    let mut rng = Rng::new(0x5EED_000F);
    let mut d = Doc::new(
        "crime_by_ward_month.csv",
        "TRAPS ONLY, nothing flagged: recorded crime counts by ward, month and crime type (counts of crimes, including 0, 1 and 2 - routinely published). Ward names that are surnames or ranks (Preston Park, Lincoln Castle, Churchill, Kelvin, Morgan's Mill, Constable Hill).",
        Format::default(),
    );
    d.row(v(&["Ward", "Month", "Crime type", "Offences"]));
    let wards = [
        "Preston Park",
        "Lincoln Castle",
        "St Mary's",
        "Churchill",
        "Victoria",
        "Kelvin",
        "Morgan's Mill",
        "Constable Hill",
        "Ribbleton",
        "Abbey",
        "Carlton",
        "Boston West",
    ];
    let types = [
        "Burglary",
        "Criminal damage and arson",
        "Drugs",
        "Public order",
        "Shoplifting",
        "Vehicle crime",
        "Violence and sexual offences",
        "Anti-social behaviour",
    ];
    let months = [
        "2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06", "2023-07", "2023-08",
        "2023-09", "2023-10", "2023-11", "2023-12",
    ];
    for w in wards {
        for m in months {
            for t in types {
                let n = if rng.chance(0.3) {
                    rng.range(0, 3)
                } else {
                    rng.range(4, 60)
                };
                d.row(v(&[w, m, t, &n.to_string()]));
            }
        }
    }
    d
}

fn budget_by_department() -> Doc {
    let mut rng = Rng::new(0x5EED_0010);
    let mut d = Doc::new(
        "budget_by_department.csv",
        "TRAPS ONLY, nothing flagged: budget by department and budget line (money, quoted thousands). Departments named after posts or sensitive units (ACC Operational Support, Chief Constable's Office, Professional Standards, Counter Terrorism Policing, Surveillance).",
        Format::default(),
    );
    d.title("Revenue budget by department (£)", 6);
    d.row(v(&[
        "Department",
        "Cost centre",
        "Budget line",
        "Budget 2022/23 (£)",
        "Budget 2023/24 (£)",
        "Variance (£)",
    ]));
    let depts = [
        "ACC Operational Support",
        "Chief Constable's Office",
        "Professional Standards",
        "Counter Terrorism Policing",
        "Surveillance",
        "Roads Policing",
        "Contact Management",
        "Estates",
        "Fleet",
        "Information Management",
        "Crime Operations",
        "Local Policing - Preston",
        "Local Policing - Lincoln",
    ];
    let lines = [
        "Police officer pay",
        "Police staff pay",
        "Overtime",
        "Vehicle fuel",
        "Premises",
        "Supplies and services",
        "Training",
        "IT licences",
        "Travel and subsistence",
        "Agency staff",
    ];
    let fmt = |x: i64| {
        let s = x.abs().to_string();
        let mut out = String::new();
        for (i, c) in s.chars().enumerate() {
            if i > 0 && (s.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if x < 0 {
            format!("-{out}")
        } else {
            out
        }
    };
    for (i, dept) in depts.iter().enumerate() {
        for line in lines {
            let a = rng.range(5_000, 9_000_000) as i64;
            let b = a + rng.range(0, 400_000) as i64 - 200_000;
            d.row(vec![
                dept.to_string(),
                format!("CC{}", 1000 + i * 10),
                line.to_string(),
                fmt(a),
                fmt(b),
                fmt(b - a),
            ]);
        }
    }
    d
}

fn vehicle_fleet() -> Doc {
    let mut rng = Rng::new(0x5EED_0011);
    let mut d = Doc::new(
        "vehicle_fleet.csv",
        "TRAPS ONLY, nothing flagged: the vehicle fleet: registrations (AB12 CDE shape), make, model, type, allocated station (including Constable Road, Marsh Lane), dates and mileage.",
        Format::default(),
    );
    d.row(v(&[
        "Registration",
        "Make",
        "Model",
        "Vehicle type",
        "Allocated to",
        "Date registered",
        "Mileage",
    ]));
    let makes = [
        ("Ford", "Focus"),
        ("BMW", "X5"),
        ("Vauxhall", "Astra"),
        ("Volvo", "V90"),
        ("Mercedes-Benz", "Sprinter"),
        ("Skoda", "Octavia"),
        ("Kia", "Niro"),
        ("Land Rover", "Discovery"),
    ];
    let types = [
        "Response car",
        "Armed response vehicle",
        "Roads policing",
        "Van",
        "Unmarked",
        "Dog van",
        "Public order carrier",
    ];
    let letters = b"ABCDEFGHJKLMNOPRSTUVWXYZ";
    let alloc = [
        "Constable Road",
        "Marsh Lane",
        "Preston",
        "Lincoln",
        "Lisburn",
        "Headquarters",
        "Pool",
    ];
    for _ in 0..300 {
        let l = |rng: &mut Rng| letters[rng.below(letters.len())] as char;
        let reg = format!(
            "{}{}{:02} {}{}{}",
            l(&mut rng),
            l(&mut rng),
            rng.pick(&[15, 16, 65, 66, 17, 67, 18, 68, 19, 69, 20, 70, 21, 71, 22, 72, 23, 73]),
            l(&mut rng),
            l(&mut rng),
            l(&mut rng)
        );
        let (mk, md) = rng.pick(&makes);
        d.row(vec![
            reg,
            mk.to_string(),
            md.to_string(),
            rng.pick(&types).to_string(),
            rng.pick(&alloc).to_string(),
            date(&mut rng, 2015, 2023),
            rng.range(500, 180_000).to_string(),
        ]);
    }
    d
}

fn police_stations() -> Doc {
    let mut d = Doc::new(
        "police_stations.csv",
        "TRAPS ONLY, nothing flagged: police stations with street addresses (1 Constable Road, Sergeant's Way), full postcodes of public buildings, front-counter hours, the 101 / 0300 switchboard numbers, and role or station mailboxes (foi@, enquiries@, and station mailboxes named after roads: marsh.lane@, bootle.street@).",
        Format::default(),
    );
    d.row(v(&[
        "Station",
        "Address",
        "Postcode",
        "Front counter hours",
        "Telephone",
        "Email",
    ]));
    let rows: &[[&str; 6]] = &[
        [
            "Preston",
            "1 Constable Road, Preston",
            "PR1 2XY",
            "Mon-Sun 08:00-20:00",
            "101",
            "enquiries@northshire.police.uk",
        ],
        [
            "Lincoln",
            "West Parade, Lincoln",
            "LN1 1YP",
            "Mon-Fri 09:00-17:00",
            "101",
            "enquiries@northshire.police.uk",
        ],
        [
            "Marsh Lane",
            "Marsh Lane, Preston",
            "PR1 8UQ",
            "Closed to the public",
            "0300 123 4567",
            "marsh.lane@northshire.police.uk",
        ],
        [
            "Bootle Street",
            "Bootle Street, Manchester",
            "M2 5GU",
            "24 hours",
            "0300 123 4567",
            "bootle.street@northshire.police.uk",
        ],
        [
            "Sergeant's Way",
            "2 Sergeant's Way, Chorley",
            "PR7 1DR",
            "Mon-Fri 10:00-14:00",
            "101",
            "chorley@northshire.police.uk",
        ],
        [
            "Lisburn",
            "Barrack Street, Lisburn",
            "BT28 1TJ",
            "24 hours",
            "101",
            "lisburn@northshire.police.uk",
        ],
        [
            "Musgrave Street",
            "Musgrave Street, Belfast",
            "BT1 3JH",
            "24 hours",
            "028 9065 0222",
            "musgrave@northshire.police.uk",
        ],
        [
            "Skegness",
            "Park Avenue, Skegness",
            "PE25 2TE",
            "Mon-Sat 09:00-17:00",
            "01522 532222",
            "skegness@northshire.police.uk",
        ],
        [
            "Grantham",
            "Stonebridge Road, Grantham",
            "NG31 9AB",
            "Mon-Fri 08:00-18:00",
            "101",
            "grantham@northshire.police.uk",
        ],
        [
            "Headquarters",
            "Hutton, Preston",
            "PR4 5SB",
            "Not open to the public",
            "0300 123 4567",
            "foi@northshire.police.uk",
        ],
        [
            "Omagh",
            "Derry Road, Omagh",
            "BT78 5DU",
            "Mon-Fri 09:00-17:00",
            "101",
            "omagh@northshire.police.uk",
        ],
        [
            "Coleraine",
            "Lodge Road, Coleraine",
            "BT52 1NA",
            "24 hours",
            "101",
            "info@northshire.police.uk",
        ],
    ];
    for r in rows {
        d.row(v(r));
    }
    d
}

fn post_titles() -> Doc {
    let mut d = Doc::new(
        "post_titles.csv",
        "TRAPS ONLY, nothing flagged (as direct identifiers): the force's senior posts by title with role mailboxes and establishment, no names: \"ACC Operational Support\", \"Head of Professional Standards\", \"Chief Inspector, Crime Operations\", \"Director of Finance\".",
        Format::default(),
    );
    d.row(v(&[
        "Post title",
        "Directorate",
        "Rank / Grade",
        "Establishment (FTE)",
        "Contact",
    ]));
    let rows: &[[&str; 5]] = &[
        [
            "Chief Constable",
            "Chief Officer Group",
            "Chief Constable",
            "1.00",
            "chiefofficers@northshire.police.uk",
        ],
        [
            "ACC Operational Support",
            "Operational Support",
            "ACC",
            "1.00",
            "opsupport@northshire.police.uk",
        ],
        [
            "ACC Crime Operations",
            "Crime Operations",
            "ACC",
            "1.00",
            "crimeops@northshire.police.uk",
        ],
        [
            "Director of Finance",
            "Finance",
            "Police Staff Director",
            "1.00",
            "finance@northshire.police.uk",
        ],
        [
            "Head of Professional Standards",
            "Professional Standards",
            "Chief Superintendent",
            "1.00",
            "psd@northshire.police.uk",
        ],
        [
            "Chief Inspector, Crime Operations",
            "Crime Operations",
            "Chief Inspector",
            "2.00",
            "crimeops@northshire.police.uk",
        ],
        [
            "Detective Inspector, Public Protection",
            "Crime Operations",
            "Inspector",
            "6.00",
            "ppu@northshire.police.uk",
        ],
        [
            "Head of Information Management",
            "Corporate Services",
            "PO2",
            "1.00",
            "info@northshire.police.uk",
        ],
        [
            "Information Rights Officer",
            "Corporate Services",
            "SO1",
            "4.50",
            "foi@northshire.police.uk",
        ],
        [
            "Custody Sergeant",
            "Criminal Justice",
            "Sergeant",
            "36.00",
            "custody@northshire.police.uk",
        ],
        [
            "Response Constable",
            "Local Policing",
            "Constable",
            "912.40",
            "",
        ],
        ["PCSO", "Local Policing", "PCSO", "188.00", ""],
    ];
    for r in rows {
        d.row(v(r));
    }
    d
}

fn psd_case_outcomes() -> Doc {
    let mut rng = Rng::new(0x5EED_0012);
    let mut d = Doc::new(
        "psd_case_outcomes.csv",
        "TRAPS ONLY for direct identifiers, nothing flagged: misconduct case outcomes with reference numbers (PSD/2023/0001, PONI-2023-0412, Serial 4521), the subject officer's rank but no name or number, outcomes and days. (Rare rank combinations are a quasi-identifier matter for issue 4.)",
        Format::default(),
    );
    d.row(v(&[
        "Case reference",
        "Linked reference",
        "Incident serial",
        "Date opened",
        "Allegation",
        "Subject officer rank",
        "Outcome",
        "Days to finalise",
    ]));
    let alleg = [
        "Honesty and integrity",
        "Use of force",
        "Discreditable conduct",
        "Confidentiality",
        "Duties and responsibilities",
        "Equality and diversity",
    ];
    let outc = [
        "No case to answer",
        "Management advice",
        "Written warning",
        "Final written warning",
        "Dismissed",
        "Reflective practice",
    ];
    for i in 0..120 {
        let linked = if rng.chance(0.4) {
            format!("PONI-2023-{:04}", rng.range(1, 999))
        } else {
            String::new()
        };
        let serial = format!("Serial {}", rng.range(1, 9999));
        let rank = rng
            .pick(&[
                "Constable",
                "Constable",
                "Constable",
                "Sergeant",
                "Inspector",
                "PCSO",
                "Police Staff",
                "Special Constable",
            ])
            .to_string();
        d.row(vec![
            format!("PSD/2023/{:04}", i + 1),
            linked,
            serial,
            date(&mut rng, 2023, 2023),
            rng.pick(&alleg).to_string(),
            rank,
            rng.pick(&outc).to_string(),
            rng.range(10, 400).to_string(),
        ]);
    }
    d
}

// ---------------------------------------------------------------- output

fn main() -> std::io::Result<()> {
    let docs = vec![
        psni_staff_list(),
        staff_contacts(),
        organogram(),
        senior_officers(),
        complaint_log(),
        victims_witnesses(),
        foi_requests_log(),
        stacked_tables(),
        pivot_with_source(),
        overtime_semicolon(),
        staff_unicode_text(),
        civil_claims_1252(),
        training_attendance_cr(),
        payroll_extract(),
        crime_by_ward_month(),
        budget_by_department(),
        vehicle_fleet(),
        police_stations(),
        post_titles(),
        psd_case_outcomes(),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    std::fs::create_dir_all(&dir)?;

    let mut manifest = String::from(
        "// @generated by examples/gen_corpus.rs (cargo run --release --example gen_corpus). Do not edit.\n\
         //! The accuracy corpus: every file, its expected rows and its record count.\n\n\
         /// One corpus file.\n\
         pub struct CorpusFile {\n    /// File name.\n    pub name: &'static str,\n    /// The file's bytes.\n    pub bytes: &'static [u8],\n    /// `ROW KIND  # note` lines: rows that must be flagged.\n    pub expected: &'static str,\n    /// Records in the file (what `rows_checked` must be).\n    pub records: u64,\n}\n\n\
         /// Every corpus file.\n\
         pub const CORPUS: &[CorpusFile] = &[\n",
    );
    let mut readme = String::from(
        "# The accuracy corpus\n\n\
         Synthetic FOI response files, generated with fixed seeds by\n\
         `examples/gen_corpus.rs` (`cargo run --release --example gen_corpus`; do not edit the\n\
         files by hand). Every person is invented: forenames and surnames drawn independently\n\
         from lists covering the UK's main communities (`examples/synth/mod.rs`); phone numbers\n\
         are in Ofcom's drama ranges.\n\n\
         Each `NAME` has `NAME.expected`: one line per row that must be flagged, `ROW KIND  # note`,\n\
         where ROW is the 1-based record number as a spreadsheet shows the file (title lines,\n\
         blank lines and headers count; a quoted field with line breaks is one row) and KIND is\n\
         `staff`, `staff_senior` or `person` (issue 4 will add `quasi_identifier` and\n\
         `small_count`). Header lines `# records: N` give the number of records\n\
         (`rows_checked`). Rows not listed must not be flagged with a direct kind.\n\n\
         `tests/accuracy.rs` checks the detector against them (precision and recall);\n\
         `check_expectations.py` checks the expectations themselves with Python's csv module.\n\n\
         | file | records | flagged | staff | staff_senior | person | what it is, and its traps |\n\
         | --- | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    let mut total_bytes = 0;
    for d in &docs {
        let bytes = encode(&d.recs, d.fmt);
        total_bytes += bytes.len();
        std::fs::write(dir.join(d.name), &bytes)?;
        let mut exp = String::new();
        writeln!(
            exp,
            "# expected rows of {} (generated; ROW KIND  # note)",
            d.name
        )
        .unwrap();
        writeln!(exp, "# records: {}", d.recs.len()).unwrap();
        for (row, kind, note) in &d.expect {
            writeln!(exp, "{row} {kind}  # {note}").unwrap();
        }
        std::fs::write(dir.join(format!("{}.expected", d.name)), exp)?;
        writeln!(
            manifest,
            "    CorpusFile {{ name: {:?}, bytes: include_bytes!({:?}), expected: include_str!({:?}), records: {} }},",
            d.name,
            d.name,
            format!("{}.expected", d.name),
            d.recs.len()
        )
        .unwrap();
        let count = |k: &str| d.expect.iter().filter(|e| e.1 == k).count();
        writeln!(
            readme,
            "| `{}` | {} | {} | {} | {} | {} | {} |",
            d.name,
            d.recs.len(),
            d.expect.len(),
            count(STAFF),
            count(SENIOR),
            count(PERSON),
            d.about.replace('|', "\\|")
        )
        .unwrap();
        println!(
            "{:28} {:6} records {:5} flagged {:8} bytes",
            d.name,
            d.recs.len(),
            d.expect.len(),
            bytes.len()
        );
    }
    manifest.push_str("];\n");
    std::fs::write(dir.join("manifest.rs"), manifest)?;
    std::fs::write(dir.join("README.md"), readme)?;
    println!("total {total_bytes} bytes");
    Ok(())
}
