//! Issue 6 §3: the organisation's profile and the session roster.
//! No files: the suite also runs in wasm.

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use foi_check::profile::{NumberKind, Profile, Roster, BUILTIN};
use foi_check::Options;

const EXAMPLE: &str = r#"{
  "version": 1,
  "name": "Northshire Police",
  "email_domains": ["northshire.police.uk", "@nsp.example"],
  "number_shapes": [
    {"kind": "collar", "pattern": "NS\\d{4}", "note": "collar numbers"},
    {"kind": "payroll", "pattern": "P-\\d{6}"}
  ],
  "stations": [{"name": "Lisburn Road", "district": "Belfast South"}, {"name": "Antrim"}],
  "units": ["Roads Policing"],
  "districts": ["Belfast South"],
  "sensitive_units": ["Op Kestrel"],
  "allow_names": ["Jane Doe", "Sam Lee"],
  "defaults": {"k": 5, "small_count": 10, "marker": "[c]"}
}"#;

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn profile_answers() {
    let p = Profile::from_json(EXAMPLE).unwrap();
    let c = p.compile().unwrap();
    let emails = [
        ("a.b@northshire.police.uk", true),
        ("A.B@NORTHSHIRE.POLICE.UK", true),
        ("x@hq.northshire.police.uk", true),
        ("x@nsp.example", true),
        ("x@notnorthshire.police.uk", false),
        ("x@gmail.com", false),
        ("no at sign", false),
    ];
    for (e, want) in emails {
        assert_eq!(c.is_staff_email(e), want, "{e}");
    }
    let numbers = [
        ("NS1234", Some(NumberKind::Collar)),
        (" NS1234 ", Some(NumberKind::Collar)),
        ("NS12345", None),
        ("xNS1234", None),
        ("P-123456", Some(NumberKind::Payroll)),
        ("123456", None),
    ];
    for (n, want) in numbers {
        assert_eq!(c.number_shape(n).map(|s| s.kind), want, "{n}");
    }
    for (n, want) in [
        ("Jane Doe", true),
        ("jane  DOE", true),
        ("Chief Constable Jane Doe", true),
        ("Jane Doevan", false),
        ("Doe", false),
    ] {
        assert_eq!(c.is_allowed_name(n), want, "{n}");
    }
    assert!(c.is_sensitive_unit("Op Kestrel team 2"));
    assert!(!c.is_sensitive_unit("Roads Policing"));
    assert_eq!(p.district_of("LISBURN  road"), Some("Belfast South"));
    assert_eq!(
        p.district_of("Antrim"),
        None,
        "a station without a district"
    );
    // Defaults apply to settings left at theirs, not to ones the user set.
    let mut o = Options::default();
    p.apply_defaults(&mut o);
    assert_eq!((o.k, o.small_count), (5, 10));
    let mut o = Options {
        k: 4,
        ..Options::default()
    };
    p.apply_defaults(&mut o);
    assert_eq!((o.k, o.small_count), (4, 10));
    // The profile round-trips through JSON and travels in the options.
    let again = Profile::from_json(&serde_json::to_string(&p).unwrap()).unwrap();
    assert_eq!(again, p);
    let o = Options {
        profile: Some(p.clone()),
        ..Options::default()
    };
    let back: Options = serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
    assert_eq!(back.profile, Some(p));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn bad_profiles_say_what_is_wrong() {
    let cases = [
        (r#"{"version": 2}"#, "version 2"),
        (
            r#"{"version": 1, "number_shapes": [{"kind": "staff", "pattern": "(\\d"}]}"#,
            "number_shapes[0]",
        ),
        (
            r#"{"version": 1, "number_shapes": [{"kind": "staff", "pattern": "\\d*"}]}"#,
            "matches an empty cell",
        ),
        (
            r#"{"version": 1, "email_domains": ["a b"]}"#,
            "email_domains[0]",
        ),
        (
            r#"{"version": 1, "number_shapes": [{"kind": "badge", "pattern": "x"}]}"#,
            "not valid JSON",
        ),
        ("not json", "not valid JSON"),
    ];
    for (json, want) in cases {
        let e = Profile::from_json(json).unwrap_err();
        assert!(e.to_string().contains(want), "{json}: {e}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn builtin_profiles_are_valid() {
    for name in BUILTIN {
        let p = Profile::builtin(name).unwrap();
        assert!(p.compile().is_ok(), "{name}");
        assert!(!p.name.is_empty());
    }
    assert!(Profile::builtin("nope").is_none());
    let police = Profile::builtin("uk-police").unwrap().compile().unwrap();
    assert!(police.is_staff_email("j.smith@psni.police.uk"));
    assert_eq!(
        police.number_shape("PC 1234").map(|s| s.kind),
        Some(NumberKind::Collar)
    );
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn roster_from_an_hr_export() {
    let csv = "HR export 2026\n\nSurname,Forename,Staff number,Post\nDoe,Jane,012345,Analyst\nO'NEILL,Seán,NS9876,Sergeant\n";
    let r = Roster::from_csv(csv.as_bytes()).unwrap();
    for (name, want) in [
        ("Jane Doe", true),
        ("DOE, Jane", true),
        ("Sgt Seán O'Neill", true),
        ("Jane Smith", false),
        ("Doe", false),
    ] {
        assert_eq!(r.has_name(name), want, "{name}");
    }
    assert!(r.has_surname("o'neill"));
    for (n, want) in [
        ("12345", true),
        ("012345", true),
        ("ns 9876", true),
        ("99999", false),
        ("", false),
    ] {
        assert_eq!(r.has_number(n), want, "{n:?}");
    }
    let e = Roster::from_csv(b"Post,Grade\nAnalyst,B2\n").unwrap_err();
    assert!(e.to_string().contains("no column headed"), "{e}");
    let mut r = Roster::default();
    assert!(r.is_empty());
    r.add_name("Alex Kay");
    r.add_number("77");
    assert!(r.has_name("alex kay") && r.has_number("0077") && r.len() == 2);
}

/// A check of `csv` with the example profile (or none) and a roster (or
/// none): each row flagged for a direct identifier as (row, kind id, rules of its reasons, reasons'
/// sentences).
fn flagged(
    csv: &str,
    profile: bool,
    roster: Option<&Roster>,
) -> Vec<(u64, &'static str, Vec<String>, String)> {
    let options = Options {
        profile: profile.then(|| Profile::from_json(EXAMPLE).unwrap()),
        ..Options::default()
    };
    let mut checker = foi_check::Checker::new("t.csv", options);
    if let Some(r) = roster {
        checker = checker.with_roster(std::sync::Arc::new(r.clone()));
    }
    checker.push(csv.as_bytes()).unwrap();
    let report = checker.finish();
    assert!(report.complete, "{csv}: {:?}", report.errors);
    // The roster is never part of the settings a report records.
    let settings = serde_json::to_string(&report.settings).unwrap();
    assert!(!settings.to_lowercase().contains("kay"), "{settings}");
    // Rare combinations and small counts are the risk models' business.
    report
        .rows
        .iter()
        .filter(|r| !matches!(r.kind.id(), "quasi_identifier" | "small_count"))
        .map(|r| {
            (
                r.row,
                r.kind.id(),
                r.reasons.iter().map(|x| x.rule.to_string()).collect(),
                r.reasons
                    .iter()
                    .map(|x| x.why.into_owned())
                    .collect::<Vec<_>>()
                    .join(" | "),
            )
        })
        .collect()
}

/// One case: the file, whether the example profile and the roster are
/// given, and what row 2 should give: `None` for not flagged, else the kind
/// and the rule of its first reason, and whether a `profile.*` rule must
/// appear among its reasons at all.
struct Case {
    what: &'static str,
    csv: &'static str,
    profile: bool,
    roster: bool,
    want: Option<(&'static str, &'static str)>,
}

fn roster() -> Roster {
    Roster::from_csv(
        b"Surname,Forename,Staff number\nKay,Alex,005521\nMorgan,Jo,AB778\nLee,Sam,030\n",
    )
    .unwrap()
}

const PROFILE_CASES: &[Case] = &[
    // A custom domain: staff when personal; role mailboxes still not flagged.
    Case {
        what: "personal address at the organisation's domain",
        csv: "Ref,Contact\n1,a.kay@nsp.example\n",
        profile: true,
        roster: false,
        want: Some(("staff", "profile.domain")),
    },
    Case {
        what: "same address without the profile: a person",
        csv: "Ref,Contact\n1,a.kay@nsp.example\n",
        profile: false,
        roster: false,
        want: Some(("person", "contact.email.personal")),
    },
    Case {
        what: "address at a subdomain, in free text",
        csv: "Ref,Note\n1,Please write to a.kay@hq.northshire.police.uk about this\n",
        profile: true,
        roster: false,
        want: Some(("staff", "profile.domain")),
    },
    Case {
        what: "role mailbox at the domain",
        csv: "Ref,Contact\n1,foi@nsp.example\n",
        profile: true,
        roster: false,
        want: None,
    },
    Case {
        what: "personal address elsewhere",
        csv: "Ref,Contact\n1,a.kay@example.com\n",
        profile: true,
        roster: false,
        want: Some(("person", "contact.email.personal")),
    },
    // A custom number shape, in any column or in free text.
    Case {
        what: "collar number shape in an unlabelled column",
        csv: "Ref,Code\n1,NS1234\n",
        profile: true,
        roster: false,
        want: Some(("staff", "profile.number_shape")),
    },
    Case {
        what: "same cell without the profile",
        csv: "Ref,Code\n1,NS1234\n",
        profile: false,
        roster: false,
        want: None,
    },
    Case {
        what: "payroll shape in free text",
        csv: "Ref,Note\n1,Overtime claimed under P-123456 last week\n",
        profile: true,
        roster: false,
        want: Some(("staff", "profile.number_shape")),
    },
    Case {
        what: "a longer number is not the shape",
        csv: "Ref,Code\n1,NS12345\n",
        profile: true,
        roster: false,
        want: None,
    },
    Case {
        what: "shape in a staff number column replaces the generic rule",
        csv: "Surname,Collar no\nMORGAN,NS1234\n",
        profile: true,
        roster: false,
        want: Some(("staff", "name.surname")),
    },
    // An allow-listed name: that name is not flagged; other identifiers are.
    Case {
        what: "allowed full name",
        csv: "Name,Role\nJane Doe,Chief Constable\n",
        profile: true,
        roster: false,
        want: None,
    },
    Case {
        what: "same name without the profile",
        csv: "Name,Role\nJane Doe,Chief Constable\n",
        profile: false,
        roster: false,
        want: Some(("staff_senior", "name.full")),
    },
    Case {
        what: "allowed name in separate columns",
        csv: "Surname,Forename,Role\nDoe,Jane,Chief Constable\n",
        profile: true,
        roster: false,
        want: None,
    },
    Case {
        what: "allowed name in free text",
        csv: "Ref,Note\n1,Statement approved by Chief Constable Jane Doe\n",
        profile: true,
        roster: false,
        want: None,
    },
    Case {
        what: "another Doe is flagged",
        csv: "Name,Role\nJohn Doe,Constable\n",
        profile: true,
        roster: false,
        want: Some(("staff", "name.full")),
    },
    Case {
        what: "allowed name with a mobile number",
        csv: "Name,Mobile\nJane Doe,07700 900123\n",
        profile: true,
        roster: false,
        want: Some(("person", "contact.phone.mobile")),
    },
    Case {
        what: "surname and initial is never allowed",
        csv: "Surname,Initial\nDoe,J\n",
        profile: true,
        roster: false,
        want: Some(("person", "name.surname_initial")),
    },
    // A roster match: staff, the strongest reason.
    Case {
        what: "roster name in free text",
        csv: "Ref,Note\n1,Passed to alex kay for review\n",
        profile: false,
        roster: true,
        want: Some(("staff", "profile.roster")),
    },
    Case {
        what: "roster surname and initial in columns",
        csv: "Surname,Initial,Outcome\nKay,A,Upheld\n",
        profile: false,
        roster: true,
        want: Some(("staff", "profile.roster")),
    },
    Case {
        what: "roster name written surname first",
        csv: "Complainant\n\"MORGAN, Jo\"\n",
        profile: false,
        roster: true,
        want: Some(("staff", "profile.roster")),
    },
    Case {
        what: "roster number without leading zeros",
        csv: "Ref,Code\n1,5521\n",
        profile: false,
        roster: true,
        want: Some(("staff", "profile.roster")),
    },
    Case {
        what: "roster number in free text",
        csv: "Ref,Note\n1,Logged by ab778 on arrival\n",
        profile: false,
        roster: true,
        want: Some(("staff", "profile.roster")),
    },
    Case {
        what: "other initial: flagged, not by the roster",
        csv: "Surname,Initial,Outcome\nKay,B,Upheld\n",
        profile: false,
        roster: true,
        want: Some(("person", "name.surname_initial")),
    },
    Case {
        what: "a number not on the roster",
        csv: "Ref,Code\n1,5522\n",
        profile: false,
        roster: true,
        want: None,
    },
    Case {
        what: "a short count is not a roster number",
        csv: "Ref,Count\n1,30\n",
        profile: false,
        roster: true,
        want: None,
    },
    Case {
        what: "a name not on the roster",
        csv: "Ref,Note\n1,Passed to the duty desk for review\n",
        profile: false,
        roster: true,
        want: None,
    },
    Case {
        what: "allow-list beats the roster",
        csv: "Ref,Note\n1,Passed to Sam Lee for review\n",
        profile: true,
        roster: true,
        want: None,
    },
];

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn profile_effects() {
    let r = roster();
    let mut failures = Vec::new();
    for c in PROFILE_CASES {
        let got = flagged(c.csv, c.profile, c.roster.then_some(&r));
        let row2: Vec<_> = got.iter().filter(|g| g.0 == 2).collect();
        let ok = match (c.want, row2.first()) {
            (None, None) => true,
            (Some((kind, rule)), Some(g)) => {
                g.1 == kind && g.2.first().map(String::as_str) == Some(rule)
            }
            _ => false,
        };
        if !ok || row2.len() > 1 || got.len() != row2.len() {
            failures.push(format!("{}: want {:?}, got {got:?}", c.what, c.want));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn profile_reasons_say_why() {
    let got = flagged("Ref,Code\n1,NS1234\n", true, None);
    let why = &got[0].3;
    assert!(
        why.contains("collar number") && why.contains("NS\\d{4}") && why.contains("NS1234"),
        "{why}"
    );
    // The shape replaces the generic staff-number reason in a number column.
    let got = flagged("Surname,Collar no\nMORGAN,NS1234\n", true, None);
    assert!(
        got[0].2.contains(&"profile.number_shape".to_string()),
        "{got:?}"
    );
    assert!(!got[0].2.contains(&"number.staff".to_string()), "{got:?}");
    let r = roster();
    let got = flagged(
        "Ref,Note\n1,Passed to alex kay for review\n",
        false,
        Some(&r),
    );
    assert!(
        got[0].3.contains("staff roster") && got[0].3.contains("alex kay"),
        "{got:?}"
    );
    // An invalid profile in the options fails the check, clearly.
    let options = Options {
        profile: Some(Profile {
            version: 9,
            ..Profile::default()
        }),
        ..Options::default()
    };
    let report = foi_check::check_bytes("t.csv", b"Name\nJane Doe\n", &options);
    assert!(!report.complete);
    assert!(
        report.errors[0].reason.contains("version 9"),
        "{:?}",
        report.errors
    );
    let ids: Vec<&str> = foi_check::rules::all().iter().map(|r| r.id).collect();
    for id in [
        "profile.domain",
        "profile.number_shape",
        "profile.allowed_name",
        "profile.roster",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
}

/// The profile's own sensitive units (`"sensitive_units": ["Op Kestrel"]`)
/// are named among a flagged row's reasons, as the built-in sensitive units
/// are; like them they never flag a row on their own.
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn profile_sensitive_units_are_named_in_the_reasons() {
    let rules_of = |csv: &str, profile: bool| -> Vec<(u64, Vec<String>)> {
        flagged(csv, profile, None)
            .into_iter()
            .map(|(row, _, rules, _)| (row, rules))
            .collect()
    };
    let named =
        "Surname,Initial,Rank,Unit\nMORGAN,J,Sergeant,Op Kestrel\nPATEL,P,Constable,Response\n";
    // With the profile: row 2's unit is on the list, row 3's is not.
    let with = rules_of(named, true);
    let unit = "profile.sensitive_unit".to_string();
    assert!(
        with.iter()
            .any(|(r, rules)| *r == 2 && rules.contains(&unit)),
        "{with:?}"
    );
    assert!(
        with.iter()
            .any(|(r, rules)| *r == 3 && !rules.contains(&unit)),
        "{with:?}"
    );
    // Without the profile, Op Kestrel is just a unit.
    let without = rules_of(named, false);
    assert!(
        without.iter().all(|(_, rules)| !rules.contains(&unit)),
        "{without:?}"
    );
    // A de-named row in that unit is not flagged for it.
    let denamed = "Rank,Unit\nSergeant,Op Kestrel\nConstable,Response\nConstable,Response\n";
    assert!(rules_of(denamed, true)
        .iter()
        .all(|(_, rules)| !rules.contains(&unit)));
    assert!(foi_check::rules::all()
        .iter()
        .any(|r| r.id == "profile.sensitive_unit"));
}
