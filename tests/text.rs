//! The CLI's text output (src/text.rs): what a clerk or IT reads in a terminal.

use foi_check::{check_bytes, text, Options};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn control_bidi_and_invisible_characters_are_shown_not_obeyed() {
    let cases: &[(&str, &str)] = &[
        ("plain O’Neill, Seán", "plain O’Neill, Seán"),
        ("\u{1b}]0;title\u{7}", "\\u{1b}]0;title\\u{7}"),
        ("\u{1b}[2J", "\\u{1b}[2J"),
        ("two\nlines\r", "two\\u{a}lines\\u{d}"),
        ("\u{202e}NAGROM", "\\u{202e}NAGROM"),
        ("Mor\u{200b}gan", "Mor\\u{200b}gan"),
        ("\u{2066}x\u{2069}", "\\u{2066}x\\u{2069}"),
        ("\u{85}next line", "\\u{85}next line"),
    ];
    for (input, expected) in cases {
        assert_eq!(text::shown(input), *expected, "{input:?}");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn the_file_name_and_cells_cannot_reach_the_terminal() {
    let csv = "Surname,Initial,Rank,Notes\nMORGAN,J,Inspector,Seen by PC 4521 Jones\u{1b}[2J\n";
    let r = check_bytes("staff\u{1b}[31m.csv", csv.as_bytes(), &Options::default());
    let out = text::render(&r);
    assert!(
        !out.contains('\u{1b}'),
        "an escape character reached the output:\n{out}"
    );
    assert!(
        out.starts_with("staff\\u{1b}[31m.csv: 2 rows checked"),
        "{out}"
    );
    assert!(out.contains("row 2 [staff]"), "{out}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn an_incomplete_check_never_reads_as_clean() {
    // A quote opened on row 3 is never closed: rows 1-2 were checked, no more.
    let r = check_bytes(
        "broken.csv",
        b"Year,Count\n2021,4\n\"2022,5\n2023,6\n",
        &Options::default(),
    );
    assert!(!r.complete);
    let out = text::render(&r);
    assert!(out.contains("NOT COMPLETE"), "{out}");
    assert!(!out.contains("no rows identify anyone\n"), "{out}");
    assert!(out.contains("in the rows checked"), "{out}");
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn counts_read_as_english() {
    let one = check_bytes("a.csv", b"Surname,Rank\nMORGAN,PC\n", &Options::default());
    let out = text::render(&one);
    assert!(out.starts_with("a.csv: 2 rows checked"), "{out}");
    assert!(
        out.contains("  1 row flagged: 1 member of staff\n"),
        "{out}"
    );
    let two = check_bytes(
        "b.csv",
        b"Surname,Rank\nMORGAN,PC\nPATEL,Sgt\n",
        &Options::default(),
    );
    let out = text::render(&two);
    assert!(
        out.contains("  2 rows flagged: 2 members of staff"),
        "{out}"
    );
    let title = check_bytes("c.csv", b"Staff list\n", &Options::default());
    assert!(text::render(&title).starts_with("c.csv: 1 row checked"));
}
