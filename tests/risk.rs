//! Issue 4: rare combinations (k-anonymity) and small counts of people.
//! Tables are built by hand; no files, so the suite also runs in wasm.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::options::{Options, Preset};
use foi_check::read::Table;
use foi_check::report::{ColumnClass, ColumnReport, Kind};
use foi_check::risk::counts::{parse_cell, Cell};
use foi_check::risk::group::Groups;
use foi_check::risk::words::{
    header_meaning, is_suppressed, is_total, is_vacant, trim, HeaderMeaning, QiKind, VACANT_VALUES,
};
use foi_check::risk::{rules, RiskFindings, RiskScanner};

/// Runs a table given as CSV-ish text (`,` separated, first line the header,
/// data rows numbered from 2) through a scanner.
fn scan_with(text: &str, options: &Options, columns: &[ColumnReport]) -> RiskFindings {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let header: Vec<String> = lines
        .next()
        .unwrap_or("")
        .split(',')
        .map(|h| h.trim().to_string())
        .collect();
    let table = Table {
        index: 0,
        header_row: 1,
        first_column: 0,
        header,
    };
    let mut s = RiskScanner::new(&table, options);
    for (i, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        s.record(i as u64 + 2, &fields);
    }
    s.finish(columns)
}

fn scan(text: &str) -> RiskFindings {
    scan_with(text, &Options::default(), &[])
}

fn flagged(f: &RiskFindings, kind: Kind) -> Vec<u64> {
    f.rows
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.row)
        .collect()
}

fn column(index: usize, name: &str, class: ColumnClass) -> ColumnReport {
    ColumnReport {
        table: 0,
        index,
        name: name.to_string(),
        class,
        confidence: 0.9,
        evidence: String::new(),
        identifying: false,
        mentions: 0,
    }
}

// ---------------------------------------------------------------- group counting

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn group_sizes_of_combined_columns() {
    // (a, b) pairs: (1,1) x3, (1,2) x1, (2,1) x2
    let a: [u16; 6] = [1, 1, 1, 1, 2, 2];
    let b: [u16; 6] = [1, 1, 1, 2, 1, 1];
    let g = Groups::of_column(&a, 3).with_column(&b, 3);
    assert_eq!(g.count, 3);
    assert_eq!(g.row_sizes(), vec![3, 3, 3, 1, 2, 2]);
    assert_eq!(g.rows_below(3), 3);
    assert_eq!(g.rows_below(2), 1);
    // Combining with itself changes nothing; combining groupings commutes in sizes.
    let ga = Groups::of_column(&a, 3);
    let gb = Groups::of_column(&b, 3);
    assert_eq!(
        ga.with_groups(&gb).row_sizes(),
        gb.with_groups(&ga).row_sizes()
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn group_counting_with_a_large_key_space_uses_the_hash_path() {
    // 3001 x 3001 possible ids: beyond the direct table, same answers.
    let n = 6000usize;
    let a: Vec<u16> = (0..n).map(|i| (i % 3000) as u16 + 1).collect();
    let b: Vec<u16> = (0..n)
        .map(|i| {
            if i < 3000 || i % 4 == 0 {
                1
            } else {
                2 + (i % 2000) as u16
            }
        })
        .collect();
    let g = Groups::of_column(&a, 3001).with_column(&b, 3001);
    let sizes = g.row_sizes();
    let mut expected = std::collections::BTreeMap::new();
    for i in 0..n {
        *expected.entry((a[i], b[i])).or_insert(0u32) += 1;
    }
    assert!(sizes.contains(&1) && sizes.contains(&2));
    for i in 0..n {
        assert_eq!(sizes[i], expected[&(a[i], b[i])], "row {i}");
    }
}

// ---------------------------------------------------------------- combinations

const STAFF: &str = "
Rank,Unit,Station,Gender
Constable,Response,Lisburn,M
Constable,Response,Lisburn,M
Constable,Response,Lisburn,M
Constable,Response,Lisburn,F
Constable,Response,Lisburn,F
Constable,Response,Lisburn,F
Sergeant,Response,Lisburn,M
Sergeant,Response,Lisburn,M
Sergeant,Response,Lisburn,M
Chief Inspector,Crime Operations,Lisburn,F
Constable,Crime Operations,Lisburn,M
Constable,Crime Operations,Lisburn,M
Constable,Crime Operations,Lisburn,M
Sergeant,Response,Lisburn,F
Sergeant,Response,Lisburn,F
";

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn denamed_staff_list_flags_the_rare_combinations() {
    let f = scan(STAFF);
    // Row 11: the only Chief Inspector; rows 15, 16: two female sergeants (< 3).
    assert_eq!(flagged(&f, Kind::QuasiIdentifier), vec![11, 15, 16]);
    let ci = &f.rows[0];
    let r = &ci.reasons.first().expect("a reason");
    assert_eq!(r.rule, "combo.k_anonymity");
    // The simplest combination: the rank alone.
    assert_eq!(r.column, "Rank");
    assert_eq!(r.text, "Chief Inspector");
    assert!(r.why.contains("the only Chief Inspector"), "{}", r.why);
    let sgt = &f.rows[1];
    assert_eq!(
        sgt.reasons.first().expect("a reason").column,
        "Rank + Gender"
    );
    assert!(
        sgt.reasons
            .first()
            .expect("a reason")
            .why
            .contains("one of only 2 rows that describe a female Sergeant"),
        "{}",
        sgt.reasons.first().expect("a reason").why
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn explanation_reads_like_a_sentence() {
    let f = scan(
        "Rank,Unit,Station,Gender,Year joined
         Chief Inspector,Crime Operations,Lisburn,F,1998
         Chief Inspector,Crime Operations,Lisburn,M,1998
         Chief Inspector,Crime Operations,Lisburn,M,1998
         Chief Inspector,Crime Operations,Lisburn,M,1998",
    );
    assert_eq!(flagged(&f, Kind::QuasiIdentifier), vec![2]);
    let r = &f.rows[0].reasons.first().expect("a reason");
    assert_eq!(r.column, "Gender");
    assert!(r.why.contains("the only woman"), "{}", r.why);

    use foi_check::risk::combo::describe;
    let d = describe(&[
        (QiKind::Rank, "Rank", "Chief Inspector"),
        (QiKind::Unit, "Unit", "Crime Operations"),
        (QiKind::Location, "Station", "Lisburn"),
        (QiKind::Gender, "Gender", "Female"),
        (QiKind::Service, "Year joined", "1998"),
    ]);
    assert_eq!(
        d,
        "female Chief Inspector in Crime Operations at Lisburn who joined in 1998"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_two_column_subset_is_reported_when_it_singles_out() {
    // Every single column is common, the pair (Gender, Ethnicity) is not.
    let f = scan(
        "Gender,Ethnicity,Station
         M,White,A
         M,White,A
         M,White,A
         F,White,A
         F,White,A
         F,White,A
         F,Asian,A
         M,Asian,A
         M,Asian,A
         M,Asian,A",
    );
    assert_eq!(flagged(&f, Kind::QuasiIdentifier), vec![8]);
    assert_eq!(
        f.rows[0].reasons.first().expect("a reason").column,
        "Gender + Ethnicity"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn k_threshold_changes_what_is_flagged() {
    let all: Vec<u64> = (2..=16).collect();
    let cases: [(u32, &[u64]); 3] = [(2, &[11]), (3, &[11, 15, 16]), (4, &all)];
    for (k, want) in cases {
        let o = Options {
            k,
            ..Options::default()
        };
        assert_eq!(
            flagged(&scan_with(STAFF, &o, &[]), Kind::QuasiIdentifier),
            want,
            "k = {k}"
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn column_choice_from_headers() {
    // (header, expected meaning)
    let cases: &[(&str, Option<HeaderMeaning>)] = &[
        ("Rank", Some(HeaderMeaning::Qi(QiKind::Rank))),
        ("Grade", Some(HeaderMeaning::Qi(QiKind::Rank))),
        ("Age band", Some(HeaderMeaning::Qi(QiKind::Age))),
        ("Pay band", Some(HeaderMeaning::Qi(QiKind::Salary))),
        ("Station name", Some(HeaderMeaning::Qi(QiKind::Location))),
        // Map coordinates place a row to a few metres.
        ("Latitude", Some(HeaderMeaning::Qi(QiKind::Location))),
        ("Easting", Some(HeaderMeaning::Qi(QiKind::Location))),
        ("Grid ref", Some(HeaderMeaning::Qi(QiKind::Location))),
        ("Department", Some(HeaderMeaning::Qi(QiKind::Unit))),
        ("Sex", Some(HeaderMeaning::Qi(QiKind::Gender))),
        ("Ethnic origin", Some(HeaderMeaning::Qi(QiKind::Ethnicity))),
        (
            "Length of service",
            Some(HeaderMeaning::Qi(QiKind::Service)),
        ),
        ("Date joined", Some(HeaderMeaning::Qi(QiKind::Service))),
        ("Start date", Some(HeaderMeaning::Qi(QiKind::Service))),
        (
            "Officer start date",
            Some(HeaderMeaning::Qi(QiKind::Service)),
        ),
        // a start that is not the person's joining
        ("Liability start date", Some(HeaderMeaning::Period)),
        ("Contract start date", Some(HeaderMeaning::Period)),
        ("Working pattern", Some(HeaderMeaning::Qi(QiKind::Contract))),
        ("Job title", Some(HeaderMeaning::Qi(QiKind::JobTitle))),
        ("Officer name", Some(HeaderMeaning::Identifier)),
        ("Surname", Some(HeaderMeaning::Identifier)),
        ("Service number", Some(HeaderMeaning::Identifier)),
        ("Collar number", Some(HeaderMeaning::Identifier)),
        ("Postcode", Some(HeaderMeaning::Identifier)),
        ("Comments", Some(HeaderMeaning::Identifier)),
        ("Headcount", Some(HeaderMeaning::Count(Some(true)))),
        ("FTE", Some(HeaderMeaning::Count(Some(true)))),
        ("Number of officers", Some(HeaderMeaning::Count(Some(true)))),
        ("Victims", Some(HeaderMeaning::Count(Some(true)))),
        ("Crimes", Some(HeaderMeaning::Count(Some(false)))),
        (
            "Number of incidents",
            Some(HeaderMeaning::Count(Some(false))),
        ),
        ("Cost (£)", Some(HeaderMeaning::Count(Some(false)))),
        ("Count", Some(HeaderMeaning::Count(None))),
        ("Percentage", Some(HeaderMeaning::Derived)),
        ("Month", Some(HeaderMeaning::Period)),
        ("Lisburn", None),
    ];
    for (h, want) in cases {
        assert_eq!(header_meaning(h).map(|m| m.0), *want, "header {h:?}");
    }
}

/// The head noun of a header decides what it means, not the longest word in
/// it: "Subject officer rank" is a rank (not a count of officers), "Rank
/// description" a rank (not prose), "Count of SURNAME" a count of people
/// (not a surname), "Establishment (FTE)" a number of posts.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn header_head_noun_decides_its_meaning() {
    use HeaderMeaning::{Count, Derived, Identifier, Period, Qi};
    let cases: &[(&str, Option<HeaderMeaning>)] = &[
        // The last word is the head noun.
        ("Subject officer rank", Some(Qi(QiKind::Rank))),
        ("Officer rank", Some(Qi(QiKind::Rank))),
        ("Staff grade", Some(Qi(QiKind::Rank))),
        ("Officer gender", Some(Qi(QiKind::Gender))),
        ("Officer station", Some(Qi(QiKind::Location))),
        ("Overtime hours", Some(Qi(QiKind::Contract))),
        // A light head noun gives way to the category before it.
        ("Rank description", Some(Qi(QiKind::Rank))),
        ("Ethnicity description", Some(Qi(QiKind::Ethnicity))),
        ("Ethnic group", Some(Qi(QiKind::Ethnicity))),
        ("Unit name", Some(Qi(QiKind::Unit))),
        ("Rank title", Some(Qi(QiKind::Rank))),
        ("Offence description", Some(Count(Some(false)))),
        ("Crime type description", Some(Count(Some(false)))),
        // ... but not to a person: an officer's name is a name.
        ("Officer name", Some(Identifier)),
        ("Incident description", Some(Identifier)),
        ("Description", Some(Identifier)),
        // Before a preposition: "X of Y" is an X.
        ("Name of officer", Some(Identifier)),
        ("Length of service (years)", Some(Qi(QiKind::Service))),
        ("Rank at date of incident", Some(Qi(QiKind::Rank))),
        ("Headcount as at 31 March", Some(Count(Some(true)))),
        ("As at 31 March", Some(Period)),
        ("Time in rank", Some(Qi(QiKind::Service))),
        // Excel pivots: "Count of X" counts what X belongs to.
        ("Count of SURNAME", Some(Count(Some(true)))),
        ("Count of Name", Some(Count(Some(true)))),
        ("Count of Staff Number", Some(Count(Some(true)))),
        ("Count of Officer", Some(Count(Some(true)))),
        ("Number of employees", Some(Count(Some(true)))),
        ("No. of Employee", Some(Count(Some(true)))),
        ("Sum of FTE", Some(Count(Some(true)))),
        ("Count of Rank", Some(Count(Some(true)))),
        ("Count of Crimes", Some(Count(Some(false)))),
        ("Sum of Amount", Some(Count(Some(false)))),
        ("Number of incidents", Some(Count(Some(false)))),
        ("Count of Ward", Some(Count(None))),
        ("Number of", Some(Count(None))),
        // Brackets qualify: an establishment of posts in FTE is not people.
        ("Establishment (FTE)", Some(Count(Some(false)))),
        ("Funded posts", Some(Count(Some(false)))),
        ("Headcount (FTE)", Some(Count(Some(true)))),
        ("Overtime paid (£)", None),
        // A building's hours are not a working pattern.
        ("Front counter hours", Some(Period)),
        ("Opening hours", Some(Period)),
        ("Hours of opening", Some(Period)),
        ("Working hours", Some(Qi(QiKind::Contract))),
        // Rates stay derived.
        ("Crimes per 1000 population", Some(Derived)),
        ("Percentage of officers", Some(Derived)),
    ];
    for (h, want) in cases {
        assert_eq!(header_meaning(h).map(|m| m.0), *want, "header {h:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn never_ids_free_text_or_counts() {
    // 30 rows: a unique reference on every row, a gender column and a rank.
    let mut t = String::from("Ref,Notes,Gender,Rank,Overtime\n");
    for i in 0..30 {
        let g = if i % 2 == 0 { "M" } else { "F" };
        t.push_str(&format!("R{i:04},note {i},{g},Constable,{}\n", i * 3));
    }
    let f = scan(&t);
    assert!(f.rows.is_empty(), "{:?}", f.rows);

    // A QI header whose values differ on almost every row works as an ID:
    // not combined (else every row would be "the only ..."), but advised on.
    let mut t = String::from("Job title,Gender\n");
    for i in 0..30 {
        t.push_str(&format!("Analyst {i},M\n"));
    }
    let f = scan(&t);
    assert!(f.rows.is_empty(), "{:?}", f.rows);
    assert!(f
        .advice
        .iter()
        .any(|a| a.columns == ["Job title"]
            && a.text.contains("different value on almost every row")));

    // Map coordinates to a few metres are such a column: a stop-and-search
    // list with them is advised on (they were read as counts).
    let mut t = String::from("Latitude,Longitude,Gender\n");
    for i in 0..30 {
        let g = if i % 2 == 0 { "M" } else { "F" };
        t.push_str(&format!(
            "54.{:06},-5.{:06},{g}\n",
            512_345 + i * 7919,
            930_011 + i * 104_729
        ));
    }
    let f = scan(&t);
    for col in ["Latitude", "Longitude"] {
        assert!(
            f.advice
                .iter()
                .any(|a| a.columns == [col]
                    && a.text.contains("different value on almost every row")),
            "{col}: {:?}",
            f.advice
        );
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn detector_classes_decide_unknown_headers_and_override_headers() {
    let text = "Posted to,Gender
                Lisburn,M
                Lisburn,M
                Lisburn,M
                Newry,M";
    // "Posted to" means nothing to the header table; Gender alone is common.
    assert!(scan(text).rows.is_empty());
    // The detector says column 0 is a location: Newry is now a rare combination.
    let cols = [
        column(0, "Posted to", ColumnClass::Location),
        column(1, "Gender", ColumnClass::Gender),
    ];
    assert_eq!(
        flagged(
            &scan_with(text, &Options::default(), &cols),
            Kind::QuasiIdentifier
        ),
        vec![5]
    );
    // The detector says the Gender column holds names: nothing personal is left.
    let cols = [
        column(0, "Posted to", ColumnClass::Location),
        column(1, "Gender", ColumnClass::Name),
    ];
    assert!(scan_with(text, &Options::default(), &cols).rows.is_empty());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn qi_overrides_from_options() {
    let text = "Posted to,Gender
                Lisburn,M
                Lisburn,M
                Lisburn,M
                Newry,M";
    let mut o = Options::default();
    o.set("qi_columns", "posted to").unwrap();
    assert_eq!(
        flagged(&scan_with(text, &o, &[]), Kind::QuasiIdentifier),
        vec![5]
    );
    let mut o = Options::default();
    o.set("not_qi_columns", "Rank").unwrap();
    // Without Rank the two female sergeants join the other women in Response.
    assert_eq!(
        flagged(&scan_with(STAFF, &o, &[]), Kind::QuasiIdentifier),
        vec![11]
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rows_that_are_not_people_are_not_combined() {
    // An incident log: location is not a personal attribute.
    let f = scan(
        "Incident,Date,Location
         Theft,2023-01-02,Lisburn
         Assault,2023-01-03,Newry",
    );
    assert!(f.rows.is_empty());
}

/// Rows with no person (vacant or eliminated posts, totals rows, a role
/// mailbox with no rank) are neither flagged nor counted in anyone's group;
/// a post whose holder is not disclosed (N/D) is still a person.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rows_without_a_person_are_not_grouped() {
    // (table, rows flagged as quasi_identifier)
    let cases: &[(&str, &[u64])] = &[
        // Organogram: the N/D holder shares grade, title and unit only with
        // vacant posts, so they are the only person with it (row 5).
        (
            "Name,Grade,Job title,Unit
             N/D,G7,Analyst,HR
             N/D,G7,Analyst,HR
             N/D,G7,Analyst,HR
             N/D,G6,Adviser,HR
             Vacant,G6,Adviser,HR
             VACANT POST,G6,Adviser,HR
             Eliminated,G7,Lead,Finance",
            &[5],
        ),
        // A status column saying the post is vacant does the same.
        (
            "Grade,Job title,Status
             G7,Analyst,Filled
             G7,Analyst,Filled
             G7,Analyst,Filled
             G6,Head of Unit,Vacant",
            &[],
        ),
        // A totals row under a list of people.
        (
            "Rank,Station,Overtime paid (£)
             Constable,Preston,100
             Constable,Preston,200
             Constable,Preston,300
             Total,,600",
            &[],
        ),
        (
            "Surname,Rank,Station
             Smith,Constable,Preston
             Jones,Constable,Preston
             Brown,Constable,Preston
             Grand total,,",
            &[],
        ),
        // A role mailbox among chief officers: no rank, nothing personal.
        (
            "Name,Rank,Portfolio,Email
             A Smith,ACC,Crime,a@x.uk
             B Jones,ACC,Crime,b@x.uk
             C Brown,ACC,Crime,c@x.uk
             Chief Officers' Office,,Diary and correspondence,co@x.uk",
            &[],
        ),
        // A shared mailbox or the switchboard in a staff directory is no one.
        (
            "Role,Team
             Constable,Response
             Constable,Response
             Constable,Response
             Mailbox,Response
             Switchboard,Response",
            &[],
        ),
        // ... but a person with a rank at a unique station still stands out.
        (
            "Rank,Station
             Constable,Preston
             Constable,Preston
             Constable,Preston
             Constable,Omagh",
            &[5],
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let f = scan(text);
        assert_eq!(
            flagged(&f, Kind::QuasiIdentifier),
            *want,
            "case {i}: {:?}",
            f.rows
        );
    }
}

/// A list of places (station, address, postcode, front-counter hours,
/// switchboard) has no person attribute: opening hours are not a working
/// pattern, even when the detector reads the column as one.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_list_of_buildings_is_not_a_list_of_people() {
    let text = "Station,Address,Postcode,Front counter hours,Telephone
         Preston,1 Constable Road,PR1 2XY,Mon-Sun 08:00-20:00,101
         Lincoln,West Parade,LN1 1YP,Mon-Fri 09:00-17:00,101
         Marsh Lane,Marsh Lane,PR1 8UQ,Closed to the public,0300 123 4567";
    let columns = [
        column(0, "Station", ColumnClass::Location),
        column(1, "Address", ColumnClass::Other),
        column(2, "Postcode", ColumnClass::Postcode),
        column(3, "Front counter hours", ColumnClass::Contract),
        column(4, "Telephone", ColumnClass::Phone),
    ];
    for cols in [&columns[..], &[]] {
        let f = scan_with(text, &Options::default(), cols);
        assert!(f.rows.is_empty(), "{:?}", f.rows);
    }
    // A person's working hours still are.
    let f = scan(
        "Rank,Working hours
         Constable,37
         Constable,37
         Constable,37
         Constable,20",
    );
    assert_eq!(flagged(&f, Kind::QuasiIdentifier), vec![5]);
}

/// The rank of the subject officer is a rank, not a count of officers: a
/// rank that fewer than k cases share points to a handful of officers.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn subject_officer_rank_is_combined() {
    let f = scan(
        "Case reference,Allegation,Subject officer rank,Outcome
         PSD/1,Honesty,Constable,Dismissed
         PSD/2,Honesty,Constable,Written warning
         PSD/3,Honesty,Constable,No case to answer
         PSD/4,Confidentiality,Superintendent,Final written warning",
    );
    assert_eq!(flagged(&f, Kind::QuasiIdentifier), vec![5]);
    assert_eq!(
        f.rows[0].reasons.first().expect("a reason").column,
        "Subject officer rank"
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn advice_names_the_columns_to_remove_or_coarsen() {
    // Year joined makes everyone unique; without it every group has 3 rows.
    let mut t = String::from("Rank,Gender,Year joined\n");
    let mut year = 1990;
    for rank in ["Constable", "Sergeant"] {
        for g in ["M", "F"] {
            for _ in 0..3 {
                t.push_str(&format!("{rank},{g},{year}\n"));
                year += 1;
            }
        }
    }
    let f = scan(&t);
    assert_eq!(flagged(&f, Kind::QuasiIdentifier).len(), 12);
    let fix = f
        .advice
        .iter()
        .find(|a| a.rule == "combo.k_anonymity")
        .expect("advice");
    assert_eq!(fix.columns, vec!["Year joined".to_string()]);
    assert!(
        fix.text
            .contains("Then every combination is shared by at least 3 rows"),
        "{}",
        fix.text
    );

    // When years fall into decades with 3 or more each, coarsening is preferred.
    let mut t = String::from("Rank,Gender,Year joined\n");
    for y in [1991, 1992, 1993, 1994, 2001, 2002, 2003, 2004] {
        t.push_str(&format!("Constable,M,{y}\n"));
    }
    let f = scan(&t);
    let fix = f
        .advice
        .iter()
        .find(|a| a.rule == "combo.k_anonymity")
        .expect("advice");
    assert!(
        fix.text
            .contains("coarsen \"Year joined\", years to decades"),
        "{}",
        fix.text
    );
}

/// A combination of one column: removing it is the fix, and the advice says
/// so (it used to say that no single column removal helps).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn advice_for_one_column_is_to_remove_it() {
    let f = scan(
        "Case reference,Subject officer rank,Outcome
         PSD/1,Constable,Dismissed
         PSD/2,Constable,Written warning
         PSD/3,Constable,No case to answer
         PSD/4,Superintendent,Final written warning",
    );
    let fix = f
        .advice
        .iter()
        .find(|a| a.rule == "combo.k_anonymity")
        .expect("advice");
    assert_eq!(fix.columns, vec!["Subject officer rank".to_string()]);
    assert!(
        fix.text
            .contains("To fix it: remove \"Subject officer rank\""),
        "{}",
        fix.text
    );
    assert!(
        !fix.text.contains("No single column removal helps"),
        "{}",
        fix.text
    );
}

// ---------------------------------------------------------------- count tables

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn count_tables_people_versus_things() {
    // (table, rows flagged as small_count)
    let cases: &[(&str, &[u64])] = &[
        // Home Office workforce layout: headcount of people.
        (
            "Force,Rank,Gender,Headcount,FTE
             Lisburn,Constable,Female,40,38.5
             Lisburn,Chief Inspector,Female,1,1
             Lisburn,Sergeant,Male,12,12",
            &[3],
        ),
        // Long table of crimes by ward: things, published routinely.
        (
            "Ward,Month,Crimes
             Ward A,2023-01,3
             Ward B,2023-01,1
             Ward C,2023-01,25",
            &[],
        ),
        // Money.
        (
            "Department,Spend
             Fleet,£3
             Estates,£2000",
            &[],
        ),
        // Crosstab of officers by rank and station (labels are ranks).
        (
            "Rank,Lisburn,Newry,Total
             Constable,40,22,62
             Sergeant,6,2,8
             Chief Inspector,1,0,1",
            &[3, 4],
        ),
        // Crosstab of crime types by station: things.
        (
            "Crime type,Lisburn,Newry
             Burglary,4,2
             Theft,30,12",
            &[],
        ),
        // Victims by age band: people, named by the column.
        (
            "Age band,Victims
             18-24,12
             25-34,3",
            &[3],
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        assert_eq!(flagged(&scan(text), Kind::SmallCount), *want, "case {i}");
        // A count table is not a list of people: no combination findings.
        assert!(
            flagged(&scan(text), Kind::QuasiIdentifier).is_empty(),
            "case {i}"
        );
    }
}

/// Count tables whose headers used to be misread (issue 4 corpus): a header
/// read as prose or as a surname made the whole table a list of people, and
/// a count of posts was taken for a count of people.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn count_tables_recognised_by_their_head_nouns() {
    // (table, rows flagged as small_count)
    let cases: &[(&str, &[u64])] = &[
        // Home Office workforce open data: "Rank description" is a rank label.
        (
            "As at 31 March,Force name,Region,Sex,Rank description,Worker type,Headcount,FTE
             2024,Northshire,North West,Male,Chief Constable,Police officer,1,1.00
             2024,Northshire,North West,Male,Constable,Police officer,1499,1474.60
             2024,Northshire,North West,Female,Superintendent,Police officer,4,3.60
             2024,Northshire,North West,Female,Constable,Police officer,708,650.40",
            &[2, 4],
        ),
        // Excel pivot of a staff list with the source deleted.
        (
            "Row Labels,Count of SURNAME
             Antrim,0
             Armagh,26
             Banbridge,2
             Grand Total,28",
            &[4],
        ),
        // "Number of X" / "Sum of FTE" pivots.
        (
            "Station,Sum of FTE
             Armagh,26.4
             Banbridge,1.0",
            &[3],
        ),
        // Funded posts by title: an establishment of posts, not people.
        (
            "Post title,Directorate,Rank / Grade,Establishment (FTE)
             Chief Constable,Chief Officer Group,Chief Constable,1.00
             ACC Crime Operations,Crime Operations,ACC,1.00
             Information Rights Officer,Corporate Services,SO1,4.50
             Response Constable,Local Policing,Constable,912.40",
            &[],
        ),
        // Posts by title with a number that does not say what it counts:
        // posts, so advice rather than flags.
        (
            "Post title,Number
             Chief Constable,1
             Response Constable,900",
            &[],
        ),
        // ... but people when the header says so.
        (
            "Post title,Headcount
             Chief Constable,1
             Response Constable,900",
            &[2],
        ),
        // A pivot counting crime records is a count of things.
        (
            "Ward,Count of Crimes
             Preston Park,2
             Churchill,40",
            &[],
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let f = scan(text);
        assert_eq!(flagged(&f, Kind::SmallCount), *want, "case {i}");
        assert!(flagged(&f, Kind::QuasiIdentifier).is_empty(), "case {i}");
    }
}

/// A header that reads as prose does not make a count table a list of
/// people when the table counts people by name and the detector saw short
/// labels in that column; with prose (or no classification) it does.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_count_of_people_with_short_labels_trusts_the_detector() {
    let text = "Force,Details,Headcount
         Northshire,Chief Constable,1
         Northshire,Constable,1499";
    // (class of "Details", flagged rows)
    let cases: &[(Option<ColumnClass>, &[u64])] = &[
        (Some(ColumnClass::RankGrade), &[2]),
        (Some(ColumnClass::Other), &[2]),
        (Some(ColumnClass::FreeText), &[]),
        (Some(ColumnClass::Reference), &[]),
        (None, &[]),
    ];
    for (class, want) in cases {
        let columns: Vec<ColumnReport> = class
            .map(|c| {
                vec![
                    column(0, "Force", ColumnClass::Location),
                    column(1, "Details", c),
                    column(2, "Headcount", ColumnClass::Count),
                ]
            })
            .unwrap_or_default();
        let f = scan_with(text, &Options::default(), &columns);
        assert_eq!(flagged(&f, Kind::SmallCount), *want, "class {class:?}");
    }
}

/// The count check keeps nothing of a table whose headers already make it a
/// list of people (an identifier header and no count of people), whatever the
/// detector says; with a count of people among the headers the rows are kept
/// and the detector's classes decide. Either way the combination check runs.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_list_by_its_headers_is_never_a_count_table() {
    /// (table, class of column 0, small-count rows, rare-combination rows)
    type Case<'a> = (&'a str, Option<ColumnClass>, &'a [u64], &'a [u64]);
    let cases: &[Case] = &[
        // An identifier header, counts of things: a list, whatever column 0 holds.
        (
            "Surname,Rank,Number of crimes
             A,Constable,2
             B,Constable,40
             C,Constable,3
             D,Sergeant,1",
            None,
            &[],
            &[5],
        ),
        (
            "Surname,Rank,Number of crimes
             A,Constable,2
             B,Constable,40
             C,Constable,3
             D,Sergeant,1",
            Some(ColumnClass::Unit),
            &[],
            &[5],
        ),
        // Free text ("Notes") is a list sign too, even in the last column.
        (
            "Station,Officers,Notes
             Lisburn,2,
             Omagh,40,
             Antrim,3,",
            Some(ColumnClass::Location),
            &[],
            &[],
        ),
        // A count of people beside an identifier header: the classes decide.
        (
            "Name,Headcount
             Response,40
             CID,2
             Roads Policing,12",
            Some(ColumnClass::Unit),
            &[3],
            &[],
        ),
        (
            "Name,Headcount
             Response,40
             CID,2
             Roads Policing,12",
            Some(ColumnClass::Name),
            &[],
            &[],
        ),
        (
            "Name,Headcount
             Response,40
             CID,2
             Roads Policing,12",
            None,
            &[],
            &[],
        ),
        // No identifier header: a count table.
        (
            "Station,Officers
             Lisburn,2
             Omagh,40
             Antrim,3",
            None,
            &[2, 4],
            &[],
        ),
    ];
    for (i, (text, class, small, combo)) in cases.iter().enumerate() {
        let columns: Vec<ColumnReport> = class
            .map(|c| vec![column(0, "first", c)])
            .unwrap_or_default();
        let f = scan_with(text, &Options::default(), &columns);
        assert_eq!(flagged(&f, Kind::SmallCount), *small, "case {i}");
        assert_eq!(flagged(&f, Kind::QuasiIdentifier), *combo, "case {i}");
    }
}

/// An FTE beside a headcount is judged through the headcount: five
/// part-timers (4.6 FTE) are still five people, but an FTE of 1.00 beside a
/// suppressed headcount gives the headcount away.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn fte_beside_a_headcount_is_judged_by_the_headcount() {
    // (headcount, FTE, flagged?, rule)
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("5", "4.60", None),
        ("40", "38.5", None),
        ("0", "0.00", None),
        ("2", "1.60", Some("count.small")),
        ("*", "1.00", Some("count.secondary")),
        ("*", "1.60", Some("count.secondary")),
        ("*", "0.00", None),
        ("[c]", "", None),
    ];
    for (hc, fte, want) in cases {
        let text = format!(
            "Force,Rank,Headcount,FTE
             Northshire,Constable,1499,1474.60
             Northshire,Superintendent,{hc},{fte}"
        );
        let f = scan(&text);
        let got = f
            .rows
            .iter()
            .find(|r| r.row == 3)
            .map(|r| (r.kind, r.reasons.first().expect("a reason").rule));
        assert_eq!(
            got,
            want.map(|rule| (Kind::SmallCount, rule)),
            "headcount {hc}, FTE {fte}: {:?}",
            f.rows
        );
    }
    // Without a headcount the FTE is the count of people.
    let f = scan(
        "Rank,FTE
         Constable,1474.6
         Superintendent,3.6",
    );
    assert_eq!(flagged(&f, Kind::SmallCount), vec![3]);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn small_count_reason_names_the_cell() {
    let f = scan(
        "Rank,Lisburn,Newry,Total
         Constable,40,22,62
         Sergeant,6,2,8",
    );
    let row = &f.rows[0];
    assert_eq!((row.row, row.kind), (3, Kind::SmallCount));
    let r = &row.reasons.first().expect("a reason");
    assert_eq!(
        (r.rule, &*r.column, &*r.text),
        ("count.small", "Newry", "2")
    );
    assert!(r.why.starts_with("Sergeant: Newry is 2."), "{}", r.why);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_list_of_people_with_numbers_is_not_a_count_table() {
    // Each row a person: FTE 0.6 or 1 is theirs, not a count.
    let f = scan(
        "Rank,Station,FTE
         Constable,Lisburn,1
         Constable,Lisburn,0.6
         Constable,Lisburn,1",
    );
    assert!(flagged(&f, Kind::SmallCount).is_empty());
    // Names: a list of people, whatever the numbers.
    let f = scan(
        "Surname,Headcount
         SMITH,1",
    );
    assert!(f.rows.is_empty());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn unknown_counts_get_advice_not_flags() {
    let f = scan(
        "Station,Count
         Lisburn,2
         Newry,30",
    );
    assert!(f.rows.is_empty());
    let a = f
        .advice
        .iter()
        .find(|a| a.rule == "count.small")
        .expect("advice");
    assert!(a.text.contains("row 2 Count = 2"), "{}", a.text);
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn suppressed_cells_are_fine() {
    for marker in ["*", "<5", "[c]", "..", "-", "[x]", "~", "x", "c", "< 5"] {
        assert!(is_suppressed(marker), "{marker}");
        let f = scan(&format!(
            "Rank,Headcount
             Constable,40
             Sergeant,{marker}"
        ));
        assert!(f.rows.is_empty(), "{marker}: {:?}", f.rows);
    }
    for not in ["5", "Lisburn", "", "x5", "-3"] {
        assert!(!is_suppressed(not), "{not}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn thresholds_and_presets() {
    let table = "Rank,Headcount
                 A,0
                 B,1
                 C,2
                 D,4
                 E,5
                 F,7
                 G,9
                 H,10
                 I,23";
    // rows 2.. are A.. : A=2 B=3 C=4 D=5 E=6 F=7 G=8 H=9 I=10
    let cases: &[(&str, Options, &[u64])] = &[
        ("default <5", Options::default(), &[3, 4, 5]),
        (
            "<3",
            Options {
                preset: Some(Preset::Under3),
                ..Options::default()
            },
            &[3, 4],
        ),
        (
            "<5",
            Options {
                preset: Some(Preset::Under5),
                ..Options::default()
            },
            &[3, 4, 5],
        ),
        (
            "<10 with zeros",
            Options {
                preset: Some(Preset::Under10Zeros),
                ..Options::default()
            },
            &[2, 3, 4, 5, 6, 7, 8],
        ),
        (
            "1-7 and round",
            Options {
                preset: Some(Preset::Suppress7Round5),
                ..Options::default()
            },
            &[3, 4, 5, 6, 7],
        ),
        (
            "t = 2",
            Options {
                small_count: 2,
                ..Options::default()
            },
            &[3],
        ),
        (
            "zeros",
            Options {
                count_zeros: true,
                ..Options::default()
            },
            &[2, 3, 4, 5],
        ),
    ];
    for (name, o, want) in cases {
        let f = scan_with(table, o, &[]);
        assert_eq!(flagged(&f, Kind::SmallCount), *want, "{name}");
    }
    // The rounding preset also says which counts are not rounded (9 and 23).
    let o = Options {
        preset: Some(Preset::Suppress7Round5),
        ..Options::default()
    };
    let f = scan_with(table, &o, &[]);
    let a = f
        .advice
        .iter()
        .find(|a| a.rule == "count.unrounded")
        .expect("advice");
    assert!(
        a.text.starts_with("2 counts in \"Headcount\""),
        "{}",
        a.text
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn options_from_text() {
    let mut o = Options::default();
    o.set("k", "5").unwrap();
    o.set("--small-count", "3").unwrap();
    o.set("preset", "<10 including zeros").unwrap();
    assert_eq!(
        (o.k, o.small_count, o.preset),
        (5, 3, Some(Preset::Under10Zeros))
    );
    assert!(o.set("preset", "nonsense").is_err());
    assert!(o.set("k", "three").is_err());
    assert!(o.set("colour", "red").is_err());
    o.set("preset", "none").unwrap();
    assert_eq!(o.count_rule().threshold, 3);
    // Serde: every field optional (the page sends a partial object).
    let o: Options = serde_json::from_str(r#"{"preset":"suppress7_round5"}"#).unwrap();
    assert_eq!(
        (o.k, o.count_rule().threshold, o.count_rule().round_to),
        (3, 8, 5)
    );
    for p in Preset::ALL {
        assert_eq!(Preset::parse(p.id()), Some(p));
        assert_eq!(Preset::parse(p.label()), Some(p));
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn cells_parse_as_numbers() {
    let num = |v: f64| Cell::Number {
        value: v,
        money: false,
        percent: false,
    };
    let cases: &[(&str, Cell)] = &[
        ("12", num(12.0)),
        (" 1,234 ", num(1234.0)),
        ("0.5", num(0.5)),
        ("1,5", num(1.5)),
        (
            "£5",
            Cell::Number {
                value: 5.0,
                money: true,
                percent: false,
            },
        ),
        (
            "12%",
            Cell::Number {
                value: 12.0,
                money: false,
                percent: true,
            },
        ),
        ("*", Cell::Suppressed),
        ("", Cell::Blank),
        ("Lisburn", Cell::Text),
        ("12 officers", Cell::Text),
        // The first character picks a fast way through; each must agree
        // with the general one.
        ("\u{a0}7\u{a0}", num(7.0)),
        ("\t3", num(3.0)),
        ("0012", num(12.0)),
        ("1e3", num(1000.0)),
        (
            "12 %",
            Cell::Number {
                value: 12.0,
                money: false,
                percent: true,
            },
        ),
        ("1,234.5", num(1234.5)),
        ("1,23,4", Cell::Text),
        ("5a", Cell::Text),
        ("-3", num(-3.0)),
        (".5", num(0.5)),
        ("-", Cell::Suppressed),
        ("..", Cell::Suppressed),
        ("<5", Cell::Suppressed),
        ("< 10", Cell::Suppressed),
        ("[c]", Cell::Suppressed),
        ("x", Cell::Suppressed),
        ("C", Cell::Suppressed),
        ("Redacted", Cell::Suppressed),
        ("N/D", Cell::Suppressed),
        ("fewer than 5", Cell::Suppressed),
        ("Less than 3", Cell::Suppressed),
        ("abc%", Cell::Text),
        ("a", Cell::Text),
        ("nan", Cell::Text),
        ("inf", Cell::Text),
        ("%", Cell::Text),
        (
            "$ 7",
            Cell::Number {
                value: 7.0,
                money: true,
                percent: false,
            },
        ),
        (
            "€1,5",
            Cell::Number {
                value: 1.5,
                money: true,
                percent: false,
            },
        ),
        ("£x", Cell::Text),
        ("(5)", Cell::Text),
    ];
    for (raw, want) in cases {
        assert_eq!(parse_cell(raw), *want, "{raw:?}");
    }
}

/// A column whose header lets it hold counts is read to the end, however
/// much text comes first: it is a count column when at least 80% of its
/// filled cells are numbers, so 1,250 text cells need 5,000 numbers.
/// (Columns that cannot be counts stop being read after 1,000 text cells.)
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_count_column_is_judged_on_all_its_cells() {
    // (text cells first, numbers after, small counts flagged?)
    let cases: &[(usize, usize, bool)] = &[
        (1250, 4900, false),
        (1250, 5000, true),
        (999, 3996, true),
        (1001, 4003, false),
    ];
    for &(texts, numbers, want) in cases {
        let mut text = String::from("Team,Years of service,Headcount\n");
        for i in 0..texts {
            text.push_str(&format!("Team {i},n/a,not known\n"));
        }
        for i in 0..numbers {
            // One small count, in the last row.
            let count = if i + 1 == numbers { 2 } else { 40 + i % 7 };
            text.push_str(&format!("Team {},{},{count}\n", texts + i, i % 30));
        }
        let f = scan(&text);
        let last = (texts + numbers + 1) as u64;
        let want: Vec<u64> = if want { vec![last] } else { vec![] };
        assert_eq!(
            flagged(&f, Kind::SmallCount),
            want,
            "{texts} text cells, {numbers} numbers"
        );
    }
}

// ---------------------------------------------------------------- differencing

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn one_suppressed_cell_in_a_row_with_a_total_is_given_away() {
    let f = scan(
        "Rank,Lisburn,Newry,Total
         Constable,40,22,62
         Sergeant,*,12,14
         Inspector,6,5,11",
    );
    assert_eq!(flagged(&f, Kind::SmallCount), vec![3]);
    let r = &f.rows[0].reasons.first().expect("a reason");
    assert_eq!(
        (r.rule, &*r.column, &*r.text),
        ("count.secondary", "Lisburn", "*")
    );
    assert!(r.why.contains("Sergeant / Lisburn"), "{}", r.why);
    assert!(
        r.why
            .contains("Total (14) minus the other cells in its row (12) = 2"),
        "{}",
        r.why
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn totals_row_gives_away_a_suppressed_cell() {
    let f = scan(
        "Gender,Headcount
         Female,*
         Male,30
         Total,33",
    );
    assert_eq!(flagged(&f, Kind::SmallCount), vec![2]);
    assert_eq!(
        f.rows[0].reasons.first().expect("a reason").rule,
        "count.secondary"
    );
    assert!(
        f.rows[0]
            .reasons
            .first()
            .expect("a reason")
            .why
            .contains("= 3, a small number of people"),
        "{}",
        f.rows[0].reasons.first().expect("a reason").why
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn two_suppressed_cells_in_a_row_are_safe_unless_columns_give_them_away() {
    // Two hidden cells in a row, and column totals: each column has one hidden
    // cell, so both are recovered.
    let with_col_totals = scan(
        "Rank,Lisburn,Newry,Total
         Constable,40,22,62
         Sergeant,*,*,5
         Total,42,25,67",
    );
    let rows = flagged(&with_col_totals, Kind::SmallCount);
    assert_eq!(rows, vec![3]);
    assert_eq!(with_col_totals.rows[0].reasons.len(), 2);
    // Without the totals row, the two hidden cells in one row stay hidden.
    let safe = scan(
        "Rank,Lisburn,Newry,Total
         Constable,40,22,62
         Sergeant,*,*,5",
    );
    assert!(
        flagged(&safe, Kind::SmallCount).is_empty(),
        "{:?}",
        safe.rows
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn totals_that_do_not_add_up_are_not_used() {
    // The "Total" column is not the sum of the others (another column is
    // missing from the table), so nothing can be worked out from it.
    let f = scan(
        "Rank,Lisburn,Newry,Total
         Constable,40,22,90
         Sergeant,*,12,30",
    );
    assert!(flagged(&f, Kind::SmallCount).is_empty(), "{:?}", f.rows);
    assert!(
        is_total("Grand total")
            && is_total("All ranks")
            && is_total("Total")
            && !is_total("Totally")
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn rules_are_listed_with_ids() {
    let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
    assert_eq!(
        ids,
        vec![
            "combo.k_anonymity",
            "count.small",
            "count.secondary",
            "count.unrounded"
        ]
    );
    assert!(rules().iter().all(|r| r.description.len() > 40));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn ragged_rows_and_odd_input_do_not_panic() {
    let table = Table {
        index: 3,
        header_row: 5,
        first_column: 2,
        header: vec!["Rank".into(), "Gender".into()],
    };
    let mut s = RiskScanner::new(
        &table,
        &Options {
            k: 0,
            small_count: 0,
            ..Options::default()
        },
    );
    s.record(6, &[]);
    s.record(7, &["Constable"]);
    s.record(8, &["Constable", "F", "extra", "more"]);
    s.record(9, &["\u{0}", "ü", ""]);
    let f = s.finish(&[column(2, "Rank", ColumnClass::RankGrade)]);
    assert!(f
        .rows
        .iter()
        .all(|r| r.table == Some(3) && (6..=9).contains(&r.row)));
    // An empty table.
    let s = RiskScanner::new(&table, &Options::default());
    assert_eq!(s.finish(&[]), RiskFindings::default());
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn a_pair_is_explained_and_the_unique_combination_too() {
    // Two Chief Inspectors (rank alone: group of 2), one of them the only woman.
    let f = scan(
        "Rank,Gender
         Chief Inspector,F
         Chief Inspector,M
         Constable,M
         Constable,M
         Constable,M
         Constable,F
         Constable,F
         Constable,F",
    );
    assert_eq!(flagged(&f, Kind::QuasiIdentifier), vec![2, 3]);
    let reasons = &f.rows[0].reasons;
    assert_eq!(reasons.len(), 2);
    assert_eq!(
        (
            &*reasons.first().expect("a reason").column,
            &*reasons.first().expect("a reason").text
        ),
        ("Rank", "Chief Inspector")
    );
    assert!(
        reasons
            .first()
            .expect("a reason")
            .why
            .contains("one of only 2 rows that describe a Chief Inspector"),
        "{}",
        reasons.first().expect("a reason").why
    );
    assert_eq!(reasons.get(1).expect("a reason").column, "Rank + Gender");
    assert!(
        reasons
            .get(1)
            .expect("a reason")
            .why
            .contains("the only female Chief Inspector"),
        "{}",
        reasons.get(1).expect("a reason").why
    );
}

/// The risk checks' own trim skips the Unicode scan on cells that start and
/// end with a visible ASCII character; it must agree with `str::trim`
/// everywhere, non-breaking and em spaces and accented letters included.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn trim_agrees_with_str_trim() {
    let cases = [
        "",
        " ",
        "a",
        " a",
        "a ",
        "\ta\r\n",
        "Lisburn",
        "Chief Inspector",
        "\u{a0}Omagh\u{a0}",
        "\u{2003}x",
        "x\u{3000}",
        "\u{85}x",
        "\u{b}x\u{c}",
        "\u{1}x\u{1f}",
        "\u{7f}",
        "Ó BRIAIN",
        "Derry\u{a0}City",
        "Seán",
        "~",
        "!",
    ];
    for c in cases {
        assert_eq!(trim(c), c.trim(), "{c:?}");
    }
}

/// Vacant posts: every entry of the table in any case and with spaces
/// around; near misses are not vacant (the length and first-letter guard
/// must not change the answer).
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn vacant_values_are_found_in_any_case() {
    for v in VACANT_VALUES {
        assert!(is_vacant(v), "{v}");
        assert!(is_vacant(&v.to_uppercase()), "{v}");
        assert!(is_vacant(&format!(" {v}\u{a0}")), "{v}");
        let mut chars = v.chars();
        let capital: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        assert!(is_vacant(&capital), "{v}");
    }
    for c in [
        "",
        "vacan",
        "vacants",
        "vacancies",
        "post",
        "N/D",
        "Not disclosed",
        "Constable",
        "not filled yet",
        "xvacant",
        "vacant post (acting)",
    ] {
        assert!(!is_vacant(c), "{c}");
    }
}
