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
