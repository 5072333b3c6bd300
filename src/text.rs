//! The report as text for people (the CLI's default output). Pure: a
//! [`Report`] in, a `String` out ([`render`]), or written piece by piece to
//! any [`std::fmt::Write`] ([`write`]: the CLI's adapter over standard
//! output, so a report of a million flagged rows is never one string).
//!
//! Everything that comes from the file (names, cells, headers, the file name)
//! is shown with control, bidi and invisible characters written as `\u{…}`,
//! so a cell can neither drive the terminal (escape sequences) nor disguise a
//! line (a right-to-left override).
//!
//! ```
//! use foi_check::{check_bytes, text, Options};
//! let r = check_bytes("a.csv", b"Surname,Initial,Rank\nMORGAN,J,Inspector\n", &Options::default());
//! let t = text::render(&r);
//! assert!(t.starts_with("a.csv: 2 rows checked"));
//! assert!(t.contains("row 2 [staff]"));
//! ```

use std::borrow::Cow;
use std::fmt::Write;

use crate::report::{Kind, Problem, Report};

/// The report as text: a summary, then each flagged row with its reasons.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write(&mut out, r);
    out
}

/// `1 row`, `2 rows`.
fn rows(n: u64) -> String {
    match n {
        1 => "1 row".to_string(),
        n => format!("{n} rows"),
    }
}

/// A kind's label for more than one row.
fn plural(k: Kind) -> &'static str {
    match k {
        Kind::Staff => "members of staff",
        Kind::StaffSenior => "senior members of staff",
        Kind::Person => "members of the public",
        Kind::QuasiIdentifier => "rare combinations",
        Kind::SmallCount => "small numbers",
    }
}

/// [`render`], written to `out` as it goes.
pub fn write<W: Write>(out: &mut W, r: &Report) -> std::fmt::Result {
    writeln!(
        out,
        "{}: {} checked ({}, delimiter {})",
        shown(&r.file),
        rows(r.rows_checked),
        r.encoding,
        r.delimiter
    )?;
    for e in &r.errors {
        writeln!(out, "  ERROR {}{}", at(e), shown(&e.reason))?;
    }
    if !r.complete {
        writeln!(
            out,
            "  NOT COMPLETE: only the rows before the error were checked"
        )?;
    }
    for w in &r.warnings {
        writeln!(out, "  note: {}{}", at(w), shown(&w.reason))?;
    }
    let scope = if r.complete {
        ""
    } else {
        " in the rows checked"
    };
    if r.summary.rows_flagged == 0 {
        writeln!(out, "  no rows identify anyone{scope}")?;
    } else {
        let by_kind: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| r.summary.get(**k) > 0)
            .map(|k| {
                let n = r.summary.get(*k);
                format!("{n} {}", if n == 1 { k.label() } else { plural(*k) })
            })
            .collect();
        writeln!(
            out,
            "  {} flagged{scope}: {}",
            rows(r.summary.rows_flagged),
            by_kind.join(", ")
        )?;
    }
    let identifying: Vec<String> = r
        .columns
        .iter()
        .filter(|c| c.identifying)
        .map(|c| format!("{} ({:?})", shown(&c.name), c.class))
        .collect();
    if !identifying.is_empty() {
        writeln!(out, "  identifying columns: {}", identifying.join(", "))?;
    }
    // Where people are named inside cells of columns kept whole (notes): a
    // clerk who removes the identifying columns would leave these.
    let inside: Vec<String> = r
        .columns
        .iter()
        .filter(|c| !c.identifying && c.mentions > 0)
        .map(|c| {
            let n = c.mentions;
            format!(
                "{} ({n} {})",
                shown(&c.name),
                if n == 1 { "cell" } else { "cells" }
            )
        })
        .collect();
    if !inside.is_empty() {
        writeln!(out, "  people named inside: {}", inside.join(", "))?;
    }
    for a in &r.advice {
        writeln!(out, "  advice: {}", shown(&a.text))?;
    }
    for row in &r.rows {
        writeln!(out, "  row {} [{}]", row.row, row.kind.id())?;
        for reason in &row.reasons {
            writeln!(
                out,
                "    {} ({}: \"{}\")",
                shown(&reason.why),
                reason.rule,
                shown(&reason.text)
            )?;
        }
    }
    Ok(())
}

fn at(p: &Problem) -> String {
    match (p.row, p.byte) {
        (Some(row), Some(b)) => format!("row {row}, byte {b}: "),
        (Some(row), None) => format!("row {row}: "),
        (None, Some(b)) => format!("byte {b}: "),
        (None, None) => String::new(),
    }
}

/// Text from the file, safe to print: control characters (C0, DEL, C1: this
/// includes ESC, CR and LF), bidi controls and invisible format characters are
/// written as `\u{…}`. Everything else is unchanged.
pub fn shown(s: &str) -> Cow<'_, str> {
    if !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters that act on the terminal or the layout rather than show.
pub(crate) fn hidden(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200b}'..='\u{200f}'   // zero-width space, joiners, LRM, RLM
            | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidi isolates
            | '\u{feff}'              // zero-width no-break space
        )
}
