//! `foi-check`: the command line over the core. Glue only: read files in
//! chunks, push them to a [`Checker`], print the [`Report`]s.

use std::io::{self, Read, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use foi_check::profile::{Profile, Roster};
use foi_check::record::{self, FileRecord, Record, RecordOptions};
use foi_check::redact::{self, Policy};
use foi_check::{text, Checker, Options, Report, Threads};
use std::sync::Arc;

const USAGE: &str = "\
foi-check: find the rows of an FOI response that identify staff or members of the public.

Usage:
  foi-check check FILE... [--format text|json] [--record OUT.html|OUT.json] [SETTINGS]
  foi-check redact FILE --out SAFE.csv [--policy POLICY.json] [--record OUT.html] [SETTINGS]
  foi-check rules
  foi-check --version

  FILE        a CSV file; - reads standard input
  --format    text (default, for people) or json (one object; an array for several files)
  --out       where to write the safe copy (never the input file)
  --policy    a policy saved from the page (default: the proposed default policy)
  --record    write the audit record (HTML, or JSON when the name ends .json); one
              record for all the files checked
  --no-values leave matched values out of the record (it then holds no personal data)
  --reference REF, --note TEXT   the request reference and a note for the record
  --profile P the organisation's profile: a JSON file, or uk-police / generic
  --roster R  a staff roster (an HR export CSV with name, surname, forename or number
              columns) to match against; read into memory only, never written out
  --threads N 1 or 2: the cores a check may use (default 2 for files of 1 MB or more;
              1 when many checks run side by side); the report is the same

Settings (the same as the page's settings panel):
  -k N                  a combination of attributes shared by fewer than N rows is flagged (default 3)
  --small-count N       counts of people from 1 to N-1 are flagged (default 5)
  --count-zeros yes|no  flag counts of 0 too
  --round-to N          advise rounding other counts to a multiple of N
  --preset P            under3, under5, under10_zeros or suppress7_round5
  --qi-columns H,H      use these headers as quasi-identifiers
  --not-qi-columns H,H  never use these headers as quasi-identifiers
  --max-qi-columns N    at most N quasi-identifier columns per table (default 10)

Exit status: 0 nothing flagged, 1 something flagged (redact: the safe copy still has a row
that names or numbers someone, or a small count), 2 a file could not be read or bad usage.
";

/// Bytes read per push: large chunks read fastest (TOOLCHAIN.md).
const CHUNK: usize = 8 << 20;

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
        Some("redact") => redact_cmd(args.collect()),
        Some("rules") => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            for r in foi_check::rules::all() {
                writeln!(out, "{:<32} {}", r.id, r.description)?;
            }
            out.flush()?;
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

/// What the command line asked for.
#[derive(Default)]
struct Args {
    files: Vec<String>,
    json: bool,
    options: Options,
    out: Option<String>,
    policy: Option<String>,
    record: Option<String>,
    values: bool,
    reference: String,
    note: String,
    roster: Option<Arc<Roster>>,
    threads: Threads,
}

fn parse(args: Vec<String>) -> Result<Option<Args>> {
    let mut a = Args {
        values: true,
        ..Args::default()
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().with_context(|| format!("{flag} needs a value"));
        match arg.as_str() {
            "--format" => {
                a.json = match value("--format")?.as_str() {
                    "text" => false,
                    "json" => true,
                    f => bail!("unknown format {f:?}: use text or json"),
                }
            }
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(None);
            }
            "--out" | "-o" => a.out = Some(value("--out")?),
            "--policy" => a.policy = Some(value("--policy")?),
            "--record" => a.record = Some(value("--record")?),
            "--threads" => {
                a.threads = match value("--threads")?.as_str() {
                    "1" => Threads::One,
                    "2" => Threads::Auto,
                    n => bail!("--threads takes 1 or 2, not {n:?}"),
                }
            }
            "--no-values" => a.values = false,
            "--reference" => a.reference = value("--reference")?,
            "--note" => a.note = value("--note")?,
            "--roster" => {
                let path = value("--roster")?;
                let bytes = std::fs::read(&path)
                    .with_context(|| format!("cannot read the roster {path}"))?;
                let r = Roster::from_csv(&bytes).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
                a.roster = Some(Arc::new(r));
            }
            "--profile" => {
                let p = load_profile(&value("--profile")?)?;
                p.apply_defaults(&mut a.options);
                a.options.profile = Some(p);
            }
            f if f.starts_with('-') && f != "-" => {
                let v = value(f)?;
                a.options
                    .set(f, &v)
                    .map_err(|e| anyhow::anyhow!("{f}: {e}"))?
            }
            _ => a.files.push(arg),
        }
    }
    if a.files.is_empty() {
        bail!("no file given\n\n{USAGE}");
    }
    Ok(Some(a))
}

/// A built-in profile by name, or a profile file.
fn load_profile(arg: &str) -> Result<Profile> {
    if !std::path::Path::new(arg).exists() {
        if let Some(p) = Profile::builtin(arg) {
            return Ok(p);
        }
    }
    let text = std::fs::read_to_string(arg).with_context(|| {
        format!(
            "cannot read the profile {arg} (built-in profiles: {})",
            foi_check::profile::BUILTIN.join(", ")
        )
    })?;
    Profile::from_json(&text).map_err(|e| anyhow::anyhow!("{arg}: {e}"))
}

fn record_options(a: &Args) -> RecordOptions {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    RecordOptions {
        created: record::format_utc(now),
        reference: a.reference.clone(),
        note: a.note.clone(),
        values: a.values,
    }
}

fn write_record(path: &str, r: &Record) -> Result<()> {
    let text = if path.to_ascii_lowercase().ends_with(".json") {
        r.to_json()
    } else {
        r.to_html()
    };
    std::fs::write(path, text).with_context(|| format!("cannot write the record {path}"))
}

fn check(args: Vec<String>) -> Result<u8> {
    let Some(a) = parse(args)? else { return Ok(0) };
    // A workbook gives a report for each of its sheets.
    let checked: Vec<(Report, String)> = a
        .files
        .iter()
        .flat_map(|f| check_input(f, &a.options, a.roster.as_ref(), a.threads))
        .collect();
    let reports: Vec<&Report> = checked.iter().map(|c| &c.0).collect();
    let mut out = io::BufWriter::new(io::stdout().lock());
    if a.json {
        match reports.as_slice() {
            [one] => serde_json::to_writer_pretty(&mut out, one)?,
            all => serde_json::to_writer_pretty(&mut out, all)?,
        }
    } else {
        for r in &reports {
            write_text(&mut out, r)?;
        }
    }
    writeln!(out)?;
    out.flush()?;
    if let Some(path) = &a.record {
        let mut rec = Record::new(&record_options(&a));
        for (r, sha) in &checked {
            rec.add(FileRecord::new(r, sha, a.values), r);
        }
        write_record(path, &rec)?;
    }
    Ok(if reports.iter().any(|r| !r.errors.is_empty()) {
        2
    } else if reports.iter().any(|r| r.summary.rows_flagged > 0) {
        1
    } else {
        0
    })
}

fn redact_cmd(args: Vec<String>) -> Result<u8> {
    let Some(a) = parse(args)? else { return Ok(0) };
    let [input] = a.files.as_slice() else {
        bail!("redact takes one file");
    };
    let out_path = a.out.as_deref().context("redact needs --out SAFE.csv")?;
    let same = out_path == input
        || std::fs::canonicalize(out_path)
            .ok()
            .zip(std::fs::canonicalize(input).ok())
            .is_some_and(|(o, i)| o == i);
    if same || input == "-" {
        bail!("--out must be a new file: the original {input} is never changed");
    }
    // The input is read from disk two or three times and never held whole:
    // a check for the default decisions (unless a policy is given), the
    // check the copy is made from, then the copy itself, checked as it is
    // written.
    std::fs::File::open(input).with_context(|| format!("cannot read {input}"))?;
    if starts_as_zip(input)
        && std::fs::read(input).is_ok_and(|b| foi_check::read::xlsx::is_xlsx(&b))
    {
        bail!(
            "{input} is an Excel workbook: `foi-check check` checks each of its sheets, hidden ones too; \
             a safe copy is made of a CSV file, so save each sheet as CSV (unhide them first) and redact each"
        );
    }
    let roster = a.roster.as_ref();
    let (policy, first) = match &a.policy {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("cannot read the policy {p}"))?;
            let policy = Policy::from_json(&text).map_err(|e| anyhow::anyhow!("{p}: {e}"))?;
            (policy, None)
        }
        None => {
            let (report, hash) = check_file(input, &a.options, roster, a.threads);
            (Policy::default_for(&report), Some((report, hash)))
        }
    };
    let options = policy.check_options(&a.options);
    let (report_before, original) = match first {
        Some(checked) if options == a.options => checked,
        _ => check_file(input, &options, roster, a.threads),
    };
    if let Some(e) = report_before.errors.first() {
        let e = foi_check::Error::new(
            foi_check::ErrorKind::Malformed(format!("no safe copy was made: {}", e.reason)),
            e.row,
            e.byte,
        );
        bail!("{input}: {e}");
    }
    let copy = write_safe_copy(
        input,
        out_path,
        &policy,
        &report_before,
        &options,
        roster,
        a.threads,
    )?;
    if copy.original != original {
        bail!("{input} changed while the safe copy was being made: no safe copy was written");
    }
    // The copy is complete and checked: only now does it take its name.
    std::fs::rename(&copy.part, out_path).with_context(|| format!("cannot write {out_path}"))?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "before:")?;
    write_text(&mut out, &report_before)?;
    for d in policy.describe() {
        writeln!(out, "  decision: {d}")?;
    }
    for w in &copy.outcome.warnings {
        writeln!(out, "  note: {w}")?;
    }
    writeln!(out, "after ({out_path}):")?;
    let mut after = copy.report_after.clone();
    after.file = out_path.to_string();
    write_text(&mut out, &after)?;
    out.flush()?;
    if let Some(path) = &a.record {
        let mut rec = Record::new(&record_options(&a));
        let file = FileRecord::new(&report_before, &original, a.values).with_safe_copy_digest(
            out_path,
            copy.size,
            &copy.sha256,
            &copy.report_after,
            &policy,
            &copy.outcome,
        );
        rec.add(file, &report_before);
        write_record(path, &rec)?;
    }
    Ok(u8::from(redact::still_identifies(&copy.report_after)))
}

/// A safe copy written to disk: where (before it takes its name), its size
/// and SHA-256, the check of it, what was done, and the SHA-256 of the
/// original as read this time.
struct Written {
    part: String,
    size: u64,
    sha256: String,
    report_after: Report,
    outcome: redact::Outcome,
    original: String,
}

/// Stream `input` through the redactor into `OUT.part`, checking the copy
/// as it is written; the partial file is removed on any error.
fn write_safe_copy(
    input: &str,
    out_path: &str,
    policy: &Policy,
    report_before: &Report,
    options: &Options,
    roster: Option<&Arc<Roster>>,
    threads: Threads,
) -> Result<Written> {
    let part = format!("{out_path}.part");
    let result = (|| -> Result<Written> {
        let mut file = io::BufWriter::new(
            std::fs::File::create(&part).with_context(|| format!("cannot write {out_path}"))?,
        );
        let mut redactor = redact::Redactor::new(policy, report_before);
        let mut after =
            Checker::new(&redact::safe_name(input), options.clone()).with_threads(threads);
        if let Some(r) = roster {
            after = after.with_roster(Arc::clone(r));
        }
        let (mut original, mut copy) = (record::Hasher::new(), record::Hasher::new());
        let mut size = 0u64;
        let mut emit = |bytes: &[u8], after: &mut Checker| -> Result<()> {
            file.write_all(bytes)
                .with_context(|| format!("cannot write {out_path}"))?;
            copy.push(bytes);
            size += bytes.len() as u64;
            // An error here is in the after-check's report (incomplete).
            let _ = after.push(bytes);
            Ok(())
        };
        let mut input_file =
            std::fs::File::open(input).with_context(|| format!("cannot read {input}"))?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = read_full(&mut input_file, &mut buf)
                .with_context(|| format!("cannot read {input}"))?;
            let Some(chunk) = buf.get(..n).filter(|c| !c.is_empty()) else {
                break;
            };
            original.push(chunk);
            let out = redactor
                .push(chunk)
                .map_err(|e| anyhow::anyhow!("{input}: {e}"))?;
            emit(&out, &mut after)?;
        }
        let (rest, outcome) = redactor
            .finish()
            .map_err(|e| anyhow::anyhow!("{input}: {e}"))?;
        emit(&rest, &mut after)?;
        file.flush()
            .with_context(|| format!("cannot write {out_path}"))?;
        Ok(Written {
            part: part.clone(),
            size,
            sha256: copy.finish(),
            report_after: after.finish(),
            outcome,
            original: original.finish(),
        })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&part);
    }
    result
}

/// A report as text, written to `out` as it is made (a report of a million
/// flagged rows is never held as one string).
fn write_text(out: &mut impl Write, r: &Report) -> io::Result<()> {
    /// `fmt::Write` over `io::Write`, keeping the first I/O error.
    struct Adapter<'a, W: Write> {
        out: &'a mut W,
        error: Option<io::Error>,
    }
    impl<W: Write> std::fmt::Write for Adapter<'_, W> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.out.write_all(s.as_bytes()).map_err(|e| {
                self.error = Some(e);
                std::fmt::Error
            })
        }
    }
    let mut a = Adapter { out, error: None };
    match text::write(&mut a, r) {
        Ok(()) => Ok(()),
        Err(_) => Err(a
            .error
            .unwrap_or_else(|| io::Error::other("the report could not be written as text"))),
    }
}

/// Streams one file through a checker; an unreadable file gives a report
/// whose `errors` say why.
fn check_file(
    path: &str,
    options: &Options,
    roster: Option<&Arc<Roster>>,
    threads: Threads,
) -> (Report, String) {
    let mut checker = Checker::new(path, options.clone()).with_threads(threads);
    if let Some(r) = roster {
        checker = checker.with_roster(Arc::clone(r));
    }
    let mut hash = record::Hasher::new();
    let mut failed = false;
    let mut input: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return (unreadable(path, e, options), String::new()),
        }
    };
    let mut buf = vec![0u8; CHUNK];
    loop {
        let n = match read_full(&mut input, &mut buf) {
            Ok(n) => n,
            Err(e) => return (unreadable(path, e, options), String::new()),
        };
        if n == 0 {
            break;
        }
        hash.push(&buf[..n]);
        // After an error the rest is still hashed: the record names the whole file.
        if !failed {
            failed = checker.push(&buf[..n]).is_err();
        }
    }
    (checker.finish(), hash.finish())
}

/// Checks one input: a CSV file, or each sheet of an Excel workbook (.xlsx),
/// hidden ones included ([`foi_check::workbook`]). Each report comes with
/// the SHA-256 of the file read (for a sheet, of its workbook).
fn check_input(
    path: &str,
    options: &Options,
    roster: Option<&Arc<Roster>>,
    threads: Threads,
) -> Vec<(Report, String)> {
    if path == "-" || !starts_as_zip(path) {
        return vec![check_file(path, options, roster, threads)];
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![(unreadable(path, e, options), String::new())],
    };
    let sheets = match foi_check::workbook::split(path, &bytes) {
        Ok(Some(sheets)) => sheets,
        // Another kind of ZIP: the CSV reader says what it looks like.
        Ok(None) => return vec![check_file(path, options, roster, threads)],
        Err(e) => {
            let r = not_checked(path, e.row, e.byte, e.reason(), options);
            return vec![(r, String::new())];
        }
    };
    let sha = record::sha256_hex(&bytes);
    sheets
        .into_iter()
        .map(|s| {
            let mut checker = Checker::new(&s.name, options.clone())
                .with_threads(threads)
                .with_warnings(s.warnings);
            if let Some(r) = roster {
                checker = checker.with_roster(Arc::clone(r));
            }
            for part in s.csv.chunks(CHUNK) {
                // The error is in the report: the checker keeps it.
                if checker.push(part).is_err() {
                    break;
                }
            }
            (checker.finish(), sha.clone())
        })
        .collect()
}

/// Whether the file starts as a ZIP archive does (an .xlsx is one).
fn starts_as_zip(path: &str) -> bool {
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"PK\x03\x04")
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
    not_checked(
        path,
        None,
        None,
        format!("cannot read the file: {e}"),
        options,
    )
}

/// The report of a file that could not be checked at all: its one error.
fn not_checked(
    path: &str,
    row: Option<u64>,
    byte: Option<u64>,
    reason: String,
    options: &Options,
) -> Report {
    let mut r = Checker::new(path, options.clone()).finish();
    r.complete = false;
    // Not "the file is empty" too: nothing was read.
    r.errors = vec![foi_check::Problem {
        file: path.to_string(),
        row,
        byte,
        reason,
    }];
    r
}
