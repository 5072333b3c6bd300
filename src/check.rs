//! The checker: bytes in (pushed in chunks), a [`Report`] out.

use crate::detect::{Findings, TableScanner};
use crate::error::{Error, ErrorKind};
use crate::options::Options;
use crate::profile::{Compiled, Roster};
use crate::read::{Reader, Sink, Table};
use crate::report::{
    Advice, ColumnReport, Kind, Problem, Reasons, Report, RowFinding, Summary, TableInfo,
};
use crate::risk::{RiskFindings, RiskScanner};
use std::sync::Arc;

#[cfg(not(target_arch = "wasm32"))]
mod pipe;

/// WebAssembly in the page has one thread: there a pipe cannot exist, and
/// none of the code for one is built.
#[cfg(target_arch = "wasm32")]
mod pipe {
    use super::Local;

    pub(super) enum Pipe {}

    impl Pipe {
        pub(super) fn start(local: Box<Local>) -> Result<Pipe, Box<Local>> {
            Err(local)
        }
        pub(super) fn front(&mut self) -> &mut Local {
            match *self {}
        }
        pub(super) fn broken(&self) -> bool {
            match *self {}
        }
        pub(super) fn close(self) -> Result<Box<Local>, Box<Local>> {
            match self {}
        }
    }
}

/// Checks one file. Push chunks with [`Checker::push`], then take the report
/// with [`Checker::finish`].
///
/// ```
/// use foi_check::{Checker, Options};
/// let mut checker = Checker::new("staff.csv", Options::default());
/// checker.push(b"Surname,Initial,Rank\nMORGAN,J,Inspector\n").unwrap();
/// let report = checker.finish();
/// assert_eq!(report.rows_checked, 2);
/// ```
pub struct Checker {
    name: String,
    reader: Reader,
    stage: Stage,
    threads: Threads,
    /// Whether a chunk has been pushed (the stage is chosen then).
    started: bool,
    error: Option<Error>,
    /// Warnings the caller knows before the bytes: a workbook's sheet is
    /// hidden ([`crate::workbook`]).
    notes: Vec<String>,
}

/// How many threads a [`Checker`] may use. Whatever the choice, the report
/// is the same; only the time it takes differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Threads {
    /// Two for a large file (its first chunk at least 1 MB), one otherwise.
    #[default]
    Auto,
    /// Everything on the caller's thread.
    One,
    /// The detector on a second thread, whatever the size (where threads
    /// exist: WebAssembly in the page has one).
    Two,
}

/// A first chunk at least this large puts the detector on its own thread
/// ([`Threads::Auto`]): below it, starting a thread costs more than it saves.
const TWO_THREADS_FROM: usize = 1 << 20;

/// Where the scanners run.
enum Stage {
    /// As the reader reads, on the caller's thread.
    Local(Box<Local>),
    /// The reader and the risk models on the caller's thread, the detector
    /// on a worker ([`pipe`]).
    Piped(Box<pipe::Pipe>),
    /// Only while moving from one to the other.
    Moving,
}

/// Both halves on one thread.
struct Local {
    state: State,
    risks: Risks,
}

impl Local {
    fn new(options: Options, profile: Option<Arc<Compiled>>) -> Local {
        Local {
            state: State {
                tables: Vec::new(),
                open: Vec::new(),
                loose: None,
                findings: Vec::new(),
                risks: Vec::new(),
                profile,
                roster: None,
                label_header: None,
            },
            risks: Risks {
                options,
                open: Vec::new(),
            },
        }
    }
}

impl Sink for Local {
    fn table_start(&mut self, table: &Table) {
        self.state.table_start(table);
        self.risks.table_start(table);
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.state.record(table, row, fields);
        self.risks.record(table, row, fields);
    }

    fn table_end(&mut self, index: usize, _last_row: u64) {
        let risk = self.risks.table_end(index);
        self.state.table_end(index, risk);
    }
}

/// The detector's half of a check: the tables, their direct-identifier
/// scanners and, as tables end, what both the detector and the risk models
/// found (the risk models are judged on the detector's columns).
struct State {
    tables: Vec<TableInfo>,
    open: Vec<(usize, TableScanner)>,
    loose: Option<TableScanner>,
    findings: Vec<Findings>,
    risks: Vec<RiskFindings>,
    /// The options' profile, compiled once for every table.
    profile: Option<Arc<Compiled>>,
    /// The session's roster: in memory only, never in the report.
    roster: Option<Arc<Roster>>,
    /// A header that may be a label and its value (`Surname,MORGAN`), until
    /// its table's first row shows which ([`State::header_as_text`]).
    label_header: Option<LabelHeader>,
}

/// A table's header that reads as a label and its values, held until the
/// table's first data row: under a key/value list or a table on its side
/// that row starts with a label too (`Rank,PC`), under a table of records
/// with data (`MORGAN,First aid` under `Surname,Training Course`, whose
/// `Training Course` is no surname).
struct LabelHeader {
    table: usize,
    row: u64,
    first_column: usize,
    /// The header's cells and the text read from them, in file columns.
    header: Vec<String>,
    text: Vec<String>,
    label: (crate::report::ColumnClass, crate::rules::headers::Role),
}

impl State {
    fn scanner(&self, table: Option<&Table>) -> TableScanner {
        TableScanner::with_profile(table, self.profile.as_ref(), self.roster.as_ref())
    }

    fn table_start(&mut self, table: &Table) {
        self.settle_label(None);
        self.tables.push(TableInfo {
            header_row: table.header_row,
            first_row: table.header_row,
            last_row: table.header_row,
            first_column: table.first_column,
            header: table.header.clone(),
        });
        self.open.push((table.index, self.scanner(Some(table))));
        self.header_as_text(table);
    }

    /// Header cells are cells too: a pivot by officer names them in its
    /// header (`Month,PC 1234 Morgan,Sgt Patel`). Every header cell that is
    /// not a header word (`Surname`, `Officer`, `Count`) is read as free
    /// text, as a line outside the table on the header's row would be.
    ///
    /// A header that is a label and its values (`Surname,MORGAN,PATEL`, see
    /// [`crate::detect::header_label`]), or a form's labels and values
    /// ([`crate::detect::form_row`]), has them read as the labels say.
    fn header_as_text(&mut self, table: &Table) {
        let cells: Vec<&str> = table
            .header
            .iter()
            .map(|h| match crate::rules::headers::match_header(h) {
                None => h.as_str(),
                Some(_) => "",
            })
            .collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        // In their file columns, as a line outside a table holds them.
        let mut fields: Vec<&str> = vec![""; table.first_column];
        fields.extend(cells);
        if self.loose.is_none() {
            self.loose = Some(self.scanner(None));
        }
        let label = crate::detect::header_label(&table.header);
        let mut header: Vec<&str> = vec![""; table.first_column];
        header.extend(table.header.iter().map(String::as_str));
        if let Some(s) = self.loose.as_mut() {
            if crate::detect::form_row(&table.header) {
                return s.record_form_row(table.header_row, &header, &fields, table.first_column);
            }
            match label {
                Some(label) => {
                    self.label_header = Some(LabelHeader {
                        table: table.index,
                        row: table.header_row,
                        first_column: table.first_column,
                        header: header.iter().map(|h| h.to_string()).collect(),
                        text: fields.iter().map(|f| f.to_string()).collect(),
                        label,
                    });
                }
                None => s.record(table.header_row, &fields),
            }
        }
    }

    /// Read a held header ([`LabelHeader`]) now: as a label and its values
    /// unless `first` (the first cell of its table's first data row) is
    /// data, not a label; without that row (another table, a line outside
    /// tables, the end), as a label and its values.
    fn settle_label(&mut self, first: Option<&str>) {
        let Some(h) = self.label_header.take() else {
            return;
        };
        let Some(s) = self.loose.as_mut() else {
            return;
        };
        let text: Vec<&str> = h.text.iter().map(String::as_str).collect();
        let labelled = first.is_none_or(|c| {
            c.trim().is_empty() || crate::rules::headers::match_header(c).is_some()
        });
        if labelled {
            let header: Vec<&str> = h.header.iter().map(String::as_str).collect();
            s.record_label_row(h.row, &header, &text, h.first_column, h.label);
        } else {
            s.record(h.row, &text);
        }
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        if let Some(h) = &self.label_header {
            let first = (table == Some(h.table)).then(|| fields.first().copied().unwrap_or(""));
            self.settle_label(first);
        }
        match table {
            Some(i) => {
                if let Some(info) = self.tables.get_mut(i) {
                    if info.first_row == info.header_row {
                        info.first_row = row;
                    }
                    info.last_row = row;
                }
                if let Some((_, t)) = self.open.iter_mut().find(|(index, _)| *index == i) {
                    t.record(row, fields);
                }
            }
            None => {
                if self.loose.is_none() {
                    self.loose = Some(self.scanner(None));
                }
                if let Some(s) = self.loose.as_mut() {
                    s.record(row, fields);
                }
            }
        }
    }

    /// Judge table `index`: the detector folds its columns first, and the
    /// risk models choose their quasi-identifiers and counts from those classes.
    fn table_end(&mut self, index: usize, risk: Option<RiskScanner>) {
        self.settle_label(None);
        if let Some(pos) = self.open.iter().position(|(i, _)| *i == index) {
            let (_, direct) = self.open.remove(pos);
            // A table on its side whose labels say staff (`Rank`): the
            // names in its header, read with the rows outside tables, are
            // staff too.
            if let (true, Some(info), Some(loose)) = (
                direct.labels_staff(),
                self.tables.get(index),
                self.loose.as_mut(),
            ) {
                loose.labelled_row_is_staff(info.header_row);
            }
            let direct = direct.finish();
            if let Some(risk) = risk {
                self.risks.push(match direct.records {
                    true => risk.finish(&direct.columns),
                    false => risk.finish_list(&direct.columns),
                });
            }
            self.findings.push(direct);
        }
    }
}

/// The risk models' half: one [`RiskScanner`] per open table.
struct Risks {
    options: Options,
    open: Vec<(usize, RiskScanner)>,
}

impl Risks {
    fn table_start(&mut self, table: &Table) {
        self.open
            .push((table.index, RiskScanner::new(table, &self.options)));
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        if let Some(i) = table {
            if let Some((_, r)) = self.open.iter_mut().find(|(index, _)| *index == i) {
                r.record(row, fields);
            }
        }
    }

    /// Table `index`'s scanner, to be judged with the detector's columns.
    fn table_end(&mut self, index: usize) -> Option<RiskScanner> {
        let pos = self.open.iter().position(|(i, _)| *i == index)?;
        Some(self.open.remove(pos).1)
    }
}

/// Forwards every reader event to the checker's scanners and to a tap, so a
/// caller (the page's table view) sees exactly the rows the checker saw, with
/// the same row numbers, from one parse.
struct Tee<'a> {
    state: &'a mut dyn Sink,
    tap: &'a mut dyn Sink,
}

impl Sink for Tee<'_> {
    fn table_start(&mut self, table: &Table) {
        self.state.table_start(table);
        self.tap.table_start(table);
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.state.record(table, row, fields);
        self.tap.record(table, row, fields);
    }

    fn table_end(&mut self, index: usize, last_row: u64) {
        self.state.table_end(index, last_row);
        self.tap.table_end(index, last_row);
    }

    fn raw_record(&mut self, row: u64, byte: u64, fields: &[&str]) {
        self.state.raw_record(row, byte, fields);
        self.tap.raw_record(row, byte, fields);
    }
}

/// A tap that wants nothing.
struct NoTap;

impl Sink for NoTap {
    fn table_start(&mut self, _: &Table) {}
    fn record(&mut self, _: Option<usize>, _: u64, _: &[&str]) {}
    fn table_end(&mut self, _: usize, _: u64) {}
}

impl Checker {
    /// A checker for the file `name` (used in the report and in errors).
    /// The options' profile is compiled here, once; a profile that does not
    /// compile makes the check fail with the profile's error.
    pub fn new(name: &str, options: Options) -> Self {
        let (profile, error) = match options.profile.as_ref().map(|p| p.compile()) {
            None => (None, None),
            Some(Ok(c)) => (Some(Arc::new(c)), None),
            Some(Err(e)) => (
                None,
                Some(Error::new(
                    ErrorKind::Malformed(format!("the organisation's profile cannot be used: {e}")),
                    None,
                    None,
                )),
            ),
        };
        Checker {
            name: name.to_string(),
            reader: Reader::new(),
            stage: Stage::Local(Box::new(Local::new(options, profile))),
            threads: Threads::Auto,
            started: false,
            error,
            notes: Vec::new(),
        }
    }

    /// Warnings the report starts with, known before the bytes (a workbook's
    /// sheet is hidden: [`crate::workbook::SheetInput::warnings`]).
    pub fn with_warnings(mut self, warnings: Vec<String>) -> Self {
        self.notes = warnings;
        self
    }

    /// How many threads the check may use (see [`Threads`]); give it before
    /// the first chunk. The report does not depend on it.
    pub fn with_threads(mut self, threads: Threads) -> Self {
        self.threads = threads;
        self
    }

    /// Match against a staff roster loaded for the session (the strongest
    /// signal there is). Give it before the first chunk. The roster is held
    /// in memory only: it is not part of the options, and the report's
    /// settings never include it.
    ///
    /// ```
    /// use foi_check::profile::Roster;
    /// use foi_check::{Checker, Kind, Options};
    /// use std::sync::Arc;
    /// let mut roster = Roster::default();
    /// roster.add_name("Alex Kay");
    /// let mut checker = Checker::new("notes.csv", Options::default()).with_roster(Arc::new(roster));
    /// checker.push(b"Ref,Note\n1,Seen by alex kay at the desk\n").unwrap();
    /// let report = checker.finish();
    /// assert_eq!(report.rows[0].kind, Kind::Staff);
    /// assert_eq!(report.rows[0].reasons.first().expect("a reason").rule, "profile.roster");
    /// ```
    pub fn with_roster(mut self, roster: Arc<Roster>) -> Self {
        if let Stage::Local(local) = &mut self.stage {
            local.state.roster = Some(roster);
        }
        self
    }

    /// Feed the next chunk of the file. After an error, further chunks are
    /// ignored and the same error is returned; the report will say the check
    /// is incomplete.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        self.push_tapped(chunk, &mut NoTap)
    }

    /// [`Checker::push`], and every event the reader produces (tables,
    /// records with their row numbers) also goes to `tap`. Nothing reaches the
    /// tap after an error. Finish with [`Checker::finish_tapped`] so the tap
    /// also gets the last records.
    ///
    /// ```
    /// use foi_check::read::{Sink, Table};
    /// use foi_check::{Checker, Options};
    /// struct Rows(Vec<u64>);
    /// impl Sink for Rows {
    ///     fn table_start(&mut self, t: &Table) { self.0.push(t.header_row) }
    ///     fn record(&mut self, _: Option<usize>, row: u64, _: &[&str]) { self.0.push(row) }
    ///     fn table_end(&mut self, _: usize, _: u64) {}
    /// }
    /// let mut rows = Rows(Vec::new());
    /// let mut checker = Checker::new("staff.csv", Options::default());
    /// checker.push_tapped(b"Staff\n\nSurname,Rank\nMORGAN,PC\n", &mut rows).unwrap();
    /// let report = checker.finish_tapped(&mut rows);
    /// assert_eq!(rows.0, [1, 3, 4]);
    /// assert_eq!(report.rows_checked, 4);
    /// ```
    pub fn push_tapped(&mut self, chunk: &[u8], tap: &mut dyn Sink) -> Result<(), Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        if !self.started {
            self.started = true;
            self.choose_stage(chunk.len());
        }
        let state: &mut dyn Sink = match &mut self.stage {
            Stage::Local(local) => local.as_mut(),
            Stage::Piped(pipe) => pipe.front(),
            Stage::Moving => return Ok(()),
        };
        let mut tee = Tee { state, tap };
        let result = self.reader.push(chunk, &mut tee);
        if let (Ok(()), Stage::Piped(pipe)) = (&result, &self.stage) {
            if pipe.broken() {
                self.error = Some(stopped());
                return Err(stopped());
            }
        }
        result.inspect_err(|e| self.error = Some(e.clone()))
    }

    /// Before the first chunk: put the detector on a second thread when
    /// that pays and the platform has threads.
    fn choose_stage(&mut self, first_chunk: usize) {
        let two = match self.threads {
            Threads::One => false,
            Threads::Two => true,
            Threads::Auto => first_chunk >= TWO_THREADS_FROM,
        };
        if !two {
            return;
        }
        if let Stage::Local(local) = std::mem::replace(&mut self.stage, Stage::Moving) {
            self.stage = match pipe::Pipe::start(local) {
                Ok(p) => Stage::Piped(Box::new(p)),
                Err(local) => Stage::Local(local),
            };
        }
    }

    /// How many threads the check is using: 2 once the detector runs on a
    /// worker (see [`Threads`]), otherwise 1.
    pub fn threads_used(&self) -> usize {
        match self.stage {
            Stage::Piped(_) => 2,
            Stage::Local(_) | Stage::Moving => 1,
        }
    }

    /// Records read so far (for progress).
    pub fn rows_read(&self) -> u64 {
        self.reader.info().rows
    }

    /// Bytes consumed so far (for progress).
    pub fn bytes_read(&self) -> u64 {
        self.reader.info().bytes
    }

    /// End of input: the report.
    pub fn finish(self) -> Report {
        self.finish_tapped(&mut NoTap)
    }

    /// [`Checker::finish`] after [`Checker::push_tapped`]: the records the
    /// reader still held go to `tap` too.
    pub fn finish_tapped(mut self, tap: &mut dyn Sink) -> Report {
        if self.error.is_none() {
            let state: Option<&mut dyn Sink> = match &mut self.stage {
                Stage::Local(local) => Some(local.as_mut()),
                Stage::Piped(pipe) => Some(pipe.front()),
                Stage::Moving => None,
            };
            if let Some(state) = state {
                let mut tee = Tee { state, tap };
                if let Err(e) = self.reader.finish(&mut tee) {
                    self.error = Some(e);
                }
            }
        }
        let local = match self.stage {
            Stage::Local(local) => local,
            Stage::Piped(pipe) => match pipe.close() {
                Ok(local) => local,
                Err(local) => {
                    self.error = Some(stopped());
                    local
                }
            },
            // Never left there (see `choose_stage`); if it were, say so.
            Stage::Moving => {
                self.error = Some(stopped());
                Box::new(Local::new(Options::default(), None))
            }
        };
        let Local {
            mut state,
            mut risks,
        } = *local;
        state.settle_label(None);
        // A file with nothing in it must never read as "checked, nothing found".
        if self.error.is_none() && state.tables.is_empty() && state.loose.is_none() {
            let info = self.reader.info();
            let reason = if info.bytes == 0 {
                "the file is empty (0 bytes): there is nothing to check; \
                 was the right file chosen, or did the export fail?"
                    .to_string()
            } else {
                format!(
                    "the file has no cells ({} bytes, {} blank rows): there is nothing to check; \
                     was the right file chosen, or did the export fail?",
                    info.bytes, info.rows
                )
            };
            self.error = Some(Error::new(ErrorKind::Malformed(reason), None, None));
        }
        let State {
            tables,
            open,
            loose,
            mut findings,
            risks: mut risk_findings,
            ..
        } = state;
        // Tables still open after an error are judged on what was read.
        for (index, direct) in open {
            let direct = direct.finish();
            if let Some(risk) = risks.table_end(index) {
                risk_findings.push(risk.finish(&direct.columns));
            }
            findings.push(direct);
        }
        findings.extend(loose.map(TableScanner::finish));
        let options = risks.options;
        let risks = risk_findings;

        let mut rows: Vec<RowFinding> = Vec::new();
        let mut columns = Vec::new();
        let mut special = Vec::new();
        for f in findings {
            if rows.is_empty() {
                rows = f.rows;
            } else {
                rows.extend(f.rows);
            }
            columns.extend(f.columns);
            special.extend(f.special);
        }
        let mut advice: Vec<Advice> = Vec::new();
        let mut more: Vec<RowFinding> = Vec::new();
        for r in risks {
            more.extend(r.rows);
            advice.extend(r.advice);
        }
        let rows = merge_rows(rows, more);
        columns.sort_by_key(|c| (c.table, c.index));
        // The most serious first: what a disclosure of the rows would reveal.
        let mut special = special_advice(&special, &columns);
        if !special.is_empty() {
            special.append(&mut advice);
            advice = special;
        }
        let mut summary = Summary::default();
        for r in &rows {
            summary.add(r.kind);
        }

        let info = self.reader.info();
        let problem = |row, byte, reason| Problem {
            file: self.name.clone(),
            row,
            byte,
            reason,
        };
        let errors: Vec<Problem> = self
            .error
            .iter()
            .map(|e| problem(e.row, e.byte, e.reason()))
            .collect();
        let mut warnings: Vec<Problem> = self
            .notes
            .iter()
            .map(|w| problem(None, None, w.clone()))
            .collect();
        warnings.extend(
            info.warnings
                .iter()
                .map(|(row, w)| problem(*row, None, w.clone())),
        );
        // The file is published under its name: a person named there is
        // disclosed whatever its rows say.
        if let Some(who) = crate::detect::text::person_in_file_name(&self.name) {
            warnings.push(problem(
                None,
                None,
                format!(
                    "the file's name mentions a person ({who}): rename the file before publishing it, as its name is published with it"
                ),
            ));
        }
        // A header with nothing under it: say so, or "no rows identify anyone"
        // would read as a clean bill of health for data that is not there.
        for t in tables.iter().filter(|t| t.last_row == t.header_row) {
            warnings.push(problem(
                Some(t.header_row),
                None,
                format!(
                    "the table whose header is on row {} has no data rows: only its header was checked",
                    t.header_row
                ),
            ));
        }
        Report {
            file: self.name.clone(),
            bytes: info.bytes,
            encoding: info.encoding.to_string(),
            delimiter: delimiter_name(info.delimiter),
            rows_checked: info.rows,
            complete: errors.is_empty(),
            summary,
            rows,
            columns,
            tables,
            errors,
            warnings,
            advice,
            settings: options,
        }
    }
}

/// Advice on each column of special category data (UK GDPR Article 9)
/// that rows identifying someone hold (counted by the detector): published
/// beside what identifies them, it makes a serious breach.
fn special_advice(special: &[crate::detect::SpecialRows], columns: &[ColumnReport]) -> Vec<Advice> {
    special
        .iter()
        .filter_map(|s| {
            let cat = crate::rules::special::category(s.category)?;
            let col = columns
                .iter()
                .find(|c| c.table == s.table && c.index == s.column)?;
            let ids: Vec<String> = columns
                .iter()
                .filter(|i| i.table == col.table && i.identifying)
                .map(|i| format!("\"{}\"", i.name))
                .collect();
            let what = if ids.is_empty() {
                "what identifies them (each row's reasons say what)".to_string()
            } else {
                format!("what identifies them ({})", ids.join(", "))
            };
            let rows = if s.rows == 1 {
                "1 row that identifies someone".to_string()
            } else {
                format!(
                    "{} rows that identify someone",
                    crate::detect::thousands(s.rows)
                )
            };
            Some(Advice {
                table: col.table,
                rule: crate::rules::special::ADVICE.to_string(),
                columns: vec![col.name.clone()],
                text: format!(
                    "\"{}\" holds {}, special category data (UK GDPR Article 9), on {rows}. Published beside what identifies them, it makes a serious breach: remove {what}, or remove \"{}\", before publishing.",
                    col.name, cat.holds, col.name
                ),
            })
        })
        .collect()
}

/// The error a check gets if its detector's thread stops early.
fn stopped() -> Error {
    Error::new(
        ErrorKind::Malformed(
            "internal error: the checker stopped before the end of the file; \
             the rows after that point were not checked"
                .to_string(),
        ),
        None,
        None,
    )
}

/// Rows in row order; a row flagged by several scanners (two side-by-side
/// tables, or a direct and a combination finding) becomes one finding with the
/// most serious kind first and all reasons: the same as a stable sort of
/// `rows` then `more` by row and kind, merged, but without sorting or copying
/// the usual case (`rows` in order already, and few in `more`): `more` is
/// merged in from the back, so each row moves at most once. A row of `more`
/// already in `rows` (a combination finding on a row whose names are
/// flagged: the usual case) joins it where it is, so `rows` (a finding for
/// every row of a staff list) grows, and is copied, only for new rows.
fn merge_rows(mut rows: Vec<RowFinding>, mut more: Vec<RowFinding>) -> Vec<RowFinding> {
    let key = |r: &RowFinding| (r.row, r.kind);
    let sorted = |v: &[RowFinding]| {
        v.windows(2)
            .all(|w| matches!(w, [a, b] if key(a) <= key(b)))
    };
    if !sorted(&rows) {
        rows.sort_by_key(key);
    }
    if !sorted(&more) {
        more.sort_by_key(key);
    }
    let mut more = join_present_rows(&mut rows, more);
    if !more.is_empty() {
        // rows[..i] are still to place; rows[k..] are placed.
        let mut i = rows.len();
        rows.resize_with(rows.len() + more.len(), || RowFinding {
            row: 0,
            kind: Kind::Staff,
            table: None,
            reasons: Reasons::new(),
        });
        let mut k = rows.len();
        while let Some(m) = more.pop() {
            // Rows after `m` (on ties, `m` goes after: it came later).
            while i > 0 && rows.get(i - 1).is_some_and(|r| key(r) > key(&m)) {
                i -= 1;
                k -= 1;
                rows.swap(i, k);
            }
            k -= 1;
            if let Some(slot) = rows.get_mut(k) {
                *slot = m;
            }
        }
    }
    rows.dedup_by(|later, first| {
        if later.row != first.row {
            return false;
        }
        first.reasons.extend(std::mem::take(&mut later.reasons));
        true
    });
    rows
}

/// Joins the findings of `more` whose row is in `rows` to that row's first
/// finding, as the stable sort and merge of [`merge_rows`] would (the
/// group's findings in kind order, `rows`' first on ties; the first one's
/// kind and table, every reason in that order); the row's other findings in
/// `rows` are left with no reasons, for the merge to fold away. Both lists
/// sorted by row and kind; the findings of `more` for rows not in `rows`.
fn join_present_rows(rows: &mut [RowFinding], more: Vec<RowFinding>) -> Vec<RowFinding> {
    let mut absent = Vec::new();
    let mut more = more.into_iter().peekable();
    while let Some(m) = more.next() {
        let start = rows.partition_point(|r| r.row < m.row);
        let end = start
            + rows
                .get(start..)
                .map_or(0, |g| g.partition_point(|r| r.row == m.row));
        let Some(group) = rows.get_mut(start..end).filter(|g| !g.is_empty()) else {
            absent.push(m);
            continue;
        };
        let mut joining = vec![m];
        while let Some(next) = more.next_if(|n| n.row == joining[0].row) {
            joining.push(next);
        }
        let blank = |r: &RowFinding| RowFinding {
            row: r.row,
            kind: r.kind,
            table: r.table,
            reasons: Reasons::new(),
        };
        let mut all: Vec<RowFinding> = group
            .iter_mut()
            .map(|r| std::mem::replace(r, blank(r)))
            .chain(joining)
            .collect();
        // Stable: `rows`' findings stay before `more`'s of the same kind.
        all.sort_by_key(|r| r.kind);
        let mut all = all.into_iter();
        if let (Some(mut first), Some(slot)) = (all.next(), group.first_mut()) {
            for r in all {
                first.reasons.extend(r.reasons);
            }
            *slot = first;
        }
    }
    absent
}

fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "\\t".to_string(),
        d => (d as char).to_string(),
    }
}

/// Check a whole file held in memory (tests, small inputs). Large inputs
/// should be pushed in chunks with [`Checker`].
pub fn check_bytes(name: &str, bytes: &[u8], options: &Options) -> Report {
    check_bytes_with_roster(name, bytes, options, None)
}

/// [`check_bytes`] matching against the session's roster too (see
/// [`Checker::with_roster`]).
pub fn check_bytes_with_roster(
    name: &str,
    bytes: &[u8],
    options: &Options,
    roster: Option<&Arc<Roster>>,
) -> Report {
    let mut checker = Checker::new(name, options.clone());
    if let Some(r) = roster {
        checker = checker.with_roster(Arc::clone(r));
    }
    for chunk in bytes.chunks(8 << 20) {
        if checker.push(chunk).is_err() {
            break;
        }
    }
    checker.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Reason, SharedStr};

    fn finding(row: u64, kind: Kind, why: &str) -> RowFinding {
        RowFinding {
            row,
            kind,
            table: None,
            reasons: Reasons::from(vec![Reason {
                rule: "test".into(),
                column: SharedStr::new(""),
                text: SharedStr::new(""),
                why: SharedStr::new(why),
            }]),
        }
    }

    /// What `merge_rows` promises, the plain way: a stable sort of both
    /// lists by row and kind, then rows merged.
    fn reference(rows: Vec<RowFinding>, more: Vec<RowFinding>) -> Vec<RowFinding> {
        let mut all = rows;
        all.extend(more);
        all.sort_by_key(|r| (r.row, r.kind));
        let mut out: Vec<RowFinding> = Vec::new();
        for r in all {
            match out.last_mut() {
                Some(last) if last.row == r.row => last.reasons.extend(r.reasons),
                _ => out.push(r),
            }
        }
        out
    }

    fn whys(rows: &[RowFinding]) -> Vec<(u64, Kind, Vec<String>)> {
        rows.iter()
            .map(|r| {
                (
                    r.row,
                    r.kind,
                    r.reasons.iter().map(|x| x.why.to_string()).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn merging_rows_is_a_stable_sort_and_merge() {
        let kinds = [
            Kind::Staff,
            Kind::Person,
            Kind::QuasiIdentifier,
            Kind::SmallCount,
        ];
        let mut rng = crate::testgen::Xorshift::new(0x5eed_0004);
        for case in 0..2000 {
            let list = |rng: &mut crate::testgen::Xorshift, n: usize, tag: &str, sorted: bool| {
                let mut v: Vec<RowFinding> = (0..rng.below(n))
                    .map(|i| {
                        let kind = kinds[rng.below(kinds.len())];
                        finding(rng.below(40) as u64, kind, &format!("{tag}{i}"))
                    })
                    .collect();
                if sorted {
                    v.sort_by_key(|r| (r.row, r.kind));
                }
                v
            };
            let rows = list(&mut rng, 30, "d", case % 3 != 0);
            let more = list(&mut rng, 8, "r", case % 5 != 0);
            let got = merge_rows(rows.clone(), more.clone());
            assert_eq!(whys(&got), whys(&reference(rows, more)), "case {case}");
        }
    }

    /// Combination findings on rows already flagged join them where they
    /// are: the list of every flagged row is neither grown nor copied.
    #[test]
    fn rows_already_flagged_are_joined_in_place() {
        let mut rows: Vec<RowFinding> = (1..=1000)
            .map(|r| finding(r, Kind::Staff, &format!("d{r}")))
            .collect();
        rows.shrink_to_fit();
        let more = vec![
            finding(7, Kind::Staff, "r7"),
            finding(500, Kind::QuasiIdentifier, "r500"),
            finding(500, Kind::SmallCount, "r500b"),
        ];
        let want = whys(&reference(rows.clone(), more.clone()));
        let at = rows.as_ptr();
        let got = merge_rows(rows, more);
        assert_eq!(got.as_ptr(), at, "the rows were copied");
        assert_eq!(whys(&got), want);
        assert_eq!(
            whys(&got[499..500]),
            [(
                500,
                Kind::Staff,
                vec!["d500".into(), "r500".into(), "r500b".into()]
            )]
        );
    }
}
