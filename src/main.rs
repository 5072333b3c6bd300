//! `foi-check`: the command line over the core. Glue only: read files in
//! chunks, push them to a [`Checker`], print the [`Report`]s.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use foi_check::{Checker, Kind, Options, Report};

const USAGE: &str = "\
foi-check: find the rows of an FOI response that identify staff or members of the public.

Usage:
  foi-check check FILE... [--format text|json] [SETTINGS]
  foi-check rules
  foi-check --version

  FILE        a CSV file; - reads standard input
  --format    text (default, for people) or json (one object; an array for several files)

Settings (the same as the page's settings panel):
  -k N                  a combination of attributes shared by fewer than N rows is flagged (default 3)
  --small-count N       counts of people from 1 to N-1 are flagged (default 5)
  --count-zeros yes|no  flag counts of 0 too
  --round-to N          advise rounding other counts to a multiple of N
  --preset P            under3, under5, under10_zeros or suppress7_round5
  --qi-columns H,H      use these headers as quasi-identifiers
  --not-qi-columns H,H  never use these headers as quasi-identifiers
  --max-qi-columns N    at most N quasi-identifier columns per table (default 10)

Exit status: 0 nothing flagged, 1 something flagged, 2 a file could not be read or bad usage.
";

/// Bytes read per push: large chunks read fastest (TOOLCHAIN.md).
const CHUNK: usize = 8 << 20;

enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`foi-check check big.csv | head`) is the reader's choice, not an error.
        Err(e)
            if e.downcast_ref::<io::Error>()
                .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("foi-check: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<u8> {
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("check") => check(args.collect()),
        Some("rules") => {
            let mut out = io::stdout().lock();
            for r in foi_check::rules::all() {
                writeln!(out, "{:<32} {}", r.id, r.description)?;
            }
            Ok(0)
        }
        Some("--version" | "-V") => {
            println!("foi-check {}", env!("CARGO_PKG_VERSION"));
            Ok(0)
        }
        Some("--help" | "-h" | "help") => {
            print!("{USAGE}");
            Ok(0)
        }
        _ => {
            eprint!("{USAGE}");
            Ok(2)
        }
    }
}

fn check(args: Vec<String>) -> Result<u8> {
    let mut files = Vec::new();
    let mut format = Format::Text;
    let mut options = Options::default();
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        let mut value = |flag: &str| args.next().with_context(|| format!("{flag} needs a value"));
        match a.as_str() {
            "--format" => {
                format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    f => bail!("unknown format {f:?}: use text or json"),
                }
            }
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(0);
            }
            f if f.starts_with('-') && f != "-" => {
                let v = value(f)?;
                options
                    .set(f, &v)
                    .map_err(|e| anyhow::anyhow!("{f}: {e}"))?
            }
            _ => files.push(a),
        }
    }
    if files.is_empty() {
        bail!("no file given\n\n{USAGE}");
    }

    let reports: Vec<Report> = files.iter().map(|f| check_file(f, &options)).collect();
    let mut out = io::stdout().lock();
    match format {
        Format::Json if reports.len() == 1 => serde_json::to_writer_pretty(&mut out, &reports[0])?,
        Format::Json => serde_json::to_writer_pretty(&mut out, &reports)?,
        Format::Text => {
            for r in &reports {
                print_text(&mut out, r)?;
            }
        }
    }
    writeln!(out)?;
    Ok(if reports.iter().any(|r| !r.errors.is_empty()) {
        2
    } else if reports.iter().any(|r| r.summary.rows_flagged > 0) {
        1
    } else {
        0
    })
}

/// Streams one file through a checker; an unreadable file gives a report
/// whose `errors` say why.
fn check_file(path: &str, options: &Options) -> Report {
    let mut checker = Checker::new(path, options.clone());
    let mut input: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return unreadable(path, e, options),
        }
    };
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match read_full(&mut input, &mut buf) {
            Ok(n) => n,
            Err(e) => return unreadable(path, e, options),
        };
        if n == 0 || checker.push(&buf[..n]).is_err() {
            break;
        }
    }
    checker.finish()
}

/// Fills `buf` unless the input ends first (pipes deliver small reads).
fn read_full(input: &mut dyn Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

fn unreadable(path: &str, e: io::Error, options: &Options) -> Report {
    let mut r = Checker::new(path, options.clone()).finish();
    r.complete = false;
    r.errors.push(foi_check::Problem {
        file: path.to_string(),
        row: None,
        byte: None,
        reason: format!("cannot read the file: {e}"),
    });
    r
}

fn print_text(out: &mut impl Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} rows checked ({}, delimiter {})",
        r.file, r.rows_checked, r.encoding, r.delimiter
    )?;
    for e in &r.errors {
        let at = match (e.row, e.byte) {
            (Some(row), Some(b)) => format!("row {row}, byte {b}: "),
            (Some(row), None) => format!("row {row}: "),
            (None, Some(b)) => format!("byte {b}: "),
            _ => String::new(),
        };
        writeln!(out, "  ERROR {at}{}", e.reason)?;
    }
    if !r.complete {
        writeln!(
            out,
            "  NOT COMPLETE: only the rows before the error were checked"
        )?;
    }
    for w in &r.warnings {
        let at = w.row.map(|row| format!("row {row}: ")).unwrap_or_default();
        writeln!(out, "  note: {at}{}", w.reason)?;
    }
    if r.summary.rows_flagged == 0 {
        writeln!(out, "  no rows identify anyone")?;
    } else {
        let by_kind: Vec<String> = Kind::ALL
            .iter()
            .filter(|k| r.summary.get(**k) > 0)
            .map(|k| format!("{} {}", r.summary.get(*k), k.label()))
            .collect();
        writeln!(
            out,
            "  {} rows flagged: {}",
            r.summary.rows_flagged,
            by_kind.join(", ")
        )?;
    }
    let identifying: Vec<String> = r
        .columns
        .iter()
        .filter(|c| c.identifying)
        .map(|c| format!("{} ({:?})", c.name, c.class))
        .collect();
    if !identifying.is_empty() {
        writeln!(out, "  identifying columns: {}", identifying.join(", "))?;
    }
    for row in &r.rows {
        writeln!(out, "  row {} [{}]", row.row, row.kind.id())?;
        for reason in &row.reasons {
            writeln!(
                out,
                "    {} ({}: {:?})",
                reason.why, reason.rule, reason.text
            )?;
        }
    }
    Ok(())
}
