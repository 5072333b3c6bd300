//! Small numbers in aggregate tables.
//!
//! A table is a count table when some columns hold numbers and their headers
//! say they are counts (headcount, number of officers, crimes...), or when it
//! is a crosstab (labels down the first column, categories across the header,
//! numbers in the cells). Counts are of people or of things; only counts of
//! people are a risk. Small counts of people are flagged; suppressed cells
//! that totals let someone work out are flagged as secondary disclosure.
//!
//! Per column the scanner keeps a few statistics; the cells below the
//! threshold are kept as they stream by, and the whole table is kept (as
//! text) only while it is small enough for the differencing check.

use super::words::{
    class_is_identifier, header_meaning, is_fte, is_people_value, is_suppressed, is_total, trim,
    HeaderMeaning, QiKind,
};
use crate::options::CountRule;
use crate::report::{Advice, ColumnClass, ColumnReport, Kind, Reason, RowFinding};

/// Rule id: a small count of people.
pub const RULE_SMALL: &str = "count.small";
/// Rule id: a suppressed count that totals give away.
pub const RULE_SECONDARY: &str = "count.secondary";
/// Rule id: counts not rounded as the chosen policy requires.
pub const RULE_UNROUNDED: &str = "count.unrounded";

/// Tables up to this many rows are kept whole for the differencing check.
const GRID_ROWS: usize = 50_000;
/// ... and up to this many cells.
const GRID_CELLS: usize = 2_000_000;
/// Small cells kept at most (a count table has far fewer).
const MAX_SMALL: usize = 500_000;

/// A parsed cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// Empty.
    Blank,
    /// A suppression marker (`*`, `<5`, `[c]`...).
    Suppressed,
    /// A number.
    Number {
        /// The value.
        value: f64,
        /// Written with a currency sign.
        money: bool,
        /// Written with a percent sign.
        percent: bool,
    },
    /// Anything else.
    Text,
}

/// Parse a cell: `1,234`, `£5`, `12%`, `0.5`, `1,5` (decimal comma).
pub fn parse_cell(raw: &str) -> Cell {
    let t = trim(raw);
    let Some(&first) = t.as_bytes().first() else {
        return Cell::Blank;
    };
    // Fast ways through for the usual cells, same answers: no suppression
    // marker or currency sign starts with a digit, and a cell starting with
    // a letter is a suppression word or text.
    if first.is_ascii_digit() {
        return number(t, false);
    }
    if first.is_ascii_alphabetic() {
        return if is_suppressed(t) {
            Cell::Suppressed
        } else {
            Cell::Text
        };
    }
    if is_suppressed(t) {
        return Cell::Suppressed;
    }
    let mut s = t;
    let mut money = false;
    for sign in ['£', '$', '€'] {
        if let Some(rest) = s.strip_prefix(sign) {
            s = rest.trim_start();
            money = true;
        }
    }
    number(s, money)
}

/// The number in `s` (trimmed at the start, any currency sign removed):
/// `1,234`, `12%`, `0.5`, `1,5`; text when it is none.
fn number(s: &str, money: bool) -> Cell {
    let mut s = s;
    let mut percent = false;
    if let Some(rest) = s.strip_suffix('%') {
        s = rest.trim_end();
        percent = true;
    }
    let first = s.chars().next();
    if !first.is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.') {
        return Cell::Text;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) && s.len() <= 15 {
        let value = s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
        return Cell::Number {
            value,
            money,
            percent,
        };
    }
    let cleaned: std::borrow::Cow<str> = if s.contains(',') {
        let groups: Vec<&str> = s.split(',').collect();
        let thousands = groups.len() > 1
            && groups.iter().skip(1).all(|g| {
                let int = g.split('.').next().unwrap_or("");
                int.len() == 3 && int.chars().all(|c| c.is_ascii_digit())
            })
            && groups
                .iter()
                .take(groups.len() - 1)
                .all(|g| !g.contains('.'));
        if thousands {
            s.replace(',', "").into()
        } else if groups.len() == 2 && !s.contains('.') {
            s.replace(',', ".").into()
        } else {
            return Cell::Text;
        }
    } else {
        s.into()
    };
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() => Cell::Number {
            value: v,
            money,
            percent,
        },
        _ => Cell::Text,
    }
}

/// Per-column statistics.
#[derive(Debug, Clone, Default)]
struct ColStats {
    numbers: u64,
    suppressed: u64,
    text: u64,
    money: u64,
    percent: u64,
    years: u64,
    negative: u64,
    people_values: u64,
    max: f64,
    unrounded: u64,
    unrounded_example: Option<(u64, String)>,
}

/// A cell below the threshold.
#[derive(Debug, Clone)]
struct SmallCell {
    row: u64,
    col: usize,
    value: f64,
    raw: Box<str>,
    label: Box<str>,
}

/// What the counts of a column are of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// People: a risk when small.
    People,
    /// Things (crimes, calls, money): published routinely.
    Things,
    /// The headers do not say.
    Unknown,
}

/// Whether a column with this header meaning can be a count column (see
/// `Counts::is_count_column`): the header says count, or nothing, or names
/// a place or unit (a crosstab's categories: "Lisburn", "Response").
fn may_count(meaning: Option<HeaderMeaning>) -> bool {
    matches!(
        meaning,
        None | Some(HeaderMeaning::Count(_))
            | Some(HeaderMeaning::Qi(QiKind::Location | QiKind::Unit))
    )
}

/// How many text cells of a column tell what a label column holds
/// (`ColStats::people_values`).
const LABEL_SAMPLE: u64 = 1000;

/// Whether a trimmed cell can be a number written without a currency sign
/// (what `parse_cell` requires of a small count).
fn may_be_plain_number(cell: &str) -> bool {
    trim(cell)
        .as_bytes()
        .first()
        .is_some_and(|&b| b.is_ascii_digit() || b == b'-' || b == b'.')
}

/// Collects one table for the count checks.
pub(crate) struct Counts {
    header: Vec<String>,
    meanings: Vec<Option<HeaderMeaning>>,
    /// Per column, whether its header lets it be a count column.
    may_count: Vec<bool>,
    stats: Vec<ColStats>,
    grid: Option<Grid>,
    grid_cells: usize,
    /// The small cells of the columns that may be counts.
    small: Vec<SmallCell>,
    /// Small numbers seen in any column (the cap counts them all).
    small_seen: usize,
    small_overflow: bool,
    rule: CountRule,
    rows: u64,
    /// The headers alone say this is a list of people, not a count table
    /// (see [`listed_by_headers`]): `finish` judges nothing, so `record`
    /// keeps nothing.
    listed: bool,
}

/// Whether the headers alone make a table a list of people whatever the
/// detector says of its columns: a header reads as an identifier, free text
/// or date of birth ("Surname", "Collar number", "Notes") and no header
/// counts people (a "Headcount" beside a "Name" header lets the detector's
/// classes decide, see `Counts::finish`).
fn listed_by_headers(meanings: &[Option<HeaderMeaning>]) -> bool {
    let counts_people = meanings
        .iter()
        .any(|m| matches!(m, Some(HeaderMeaning::Count(Some(true)))));
    !counts_people
        && meanings
            .iter()
            .any(|m| matches!(m, Some(HeaderMeaning::Identifier)))
}

impl Counts {
    pub(crate) fn new(header: &[String], rule: CountRule) -> Self {
        let meanings: Vec<Option<HeaderMeaning>> = header
            .iter()
            .map(|h| header_meaning(h).map(|m| m.0))
            .collect();
        Counts {
            header: header.to_vec(),
            listed: listed_by_headers(&meanings),
            may_count: meanings.iter().map(|&m| may_count(m)).collect(),
            meanings,
            stats: vec![ColStats::default(); header.len()],
            grid: Some(Grid::default()),
            grid_cells: 0,
            small: Vec::new(),
            small_seen: 0,
            small_overflow: false,
            rule,
            rows: 0,
        }
    }

    pub(crate) fn record(&mut self, row: u64, fields: &[&str]) {
        self.rows += 1;
        if self.listed {
            // A staff list: nothing here is a count (most of the time of
            // the risk checks on a large list went on parsing its cells).
            return;
        }
        let width = self.header.len();
        let mut label: Option<Box<str>> = None;
        for (j, raw) in fields.iter().enumerate().take(width) {
            let Some(st) = self.stats.get_mut(j) else {
                continue;
            };
            let may_count = self.may_count.get(j).copied().unwrap_or(false);
            // A column that cannot be a count column only ever tells whether
            // it holds text, and what its first text cells are; after those,
            // only its small numbers matter (they count towards the cap).
            if !may_count && st.text >= LABEL_SAMPLE && !may_be_plain_number(raw) {
                continue;
            }
            match parse_cell(raw) {
                Cell::Blank => {}
                Cell::Suppressed => st.suppressed += 1,
                Cell::Text => {
                    st.text += 1;
                    // The first cells are enough to tell what a label column holds.
                    if st.text <= LABEL_SAMPLE && is_people_value(raw) {
                        st.people_values += 1;
                    }
                }
                Cell::Number {
                    value,
                    money,
                    percent,
                } => {
                    st.numbers += 1;
                    st.money += u64::from(money);
                    st.percent += u64::from(percent);
                    st.negative += u64::from(value < 0.0);
                    if value.fract() == 0.0 && (1900.0..2100.0).contains(&value) {
                        st.years += 1;
                    }
                    if value > st.max {
                        st.max = value;
                    }
                    let threshold = f64::from(self.rule.threshold);
                    if self.rule.round_to > 1
                        && value.fract() == 0.0
                        && value >= threshold
                        && value % f64::from(self.rule.round_to) != 0.0
                    {
                        st.unrounded += 1;
                        if st.unrounded_example.is_none() {
                            st.unrounded_example = Some((row, trim(raw).to_string()));
                        }
                    }
                    if (0.0..threshold).contains(&value) && !money && !percent {
                        if self.small_seen >= MAX_SMALL {
                            self.small_overflow = true;
                        } else {
                            self.small_seen += 1;
                            // Only a count column's small cells are judged.
                            if may_count {
                                let label = label.get_or_insert_with(|| row_label(fields)).clone();
                                self.small.push(SmallCell {
                                    row,
                                    col: j,
                                    value,
                                    raw: trim(raw).into(),
                                    label,
                                });
                            }
                        }
                    }
                }
            }
        }
        if let Some(grid) = &mut self.grid {
            self.grid_cells += fields.len();
            if grid.len() >= GRID_ROWS || self.grid_cells > GRID_CELLS {
                self.grid = None;
            } else {
                grid.push(row, fields.iter().take(width).map(|f| trim(f)));
            }
        }
    }

    fn is_count_column(&self, j: usize, class: Option<ColumnClass>) -> bool {
        let (Some(st), Some(meaning)) = (self.stats.get(j), self.meanings.get(j)) else {
            return false;
        };
        let filled = st.numbers + st.suppressed + st.text;
        if st.numbers == 0 || (st.numbers + st.suppressed) * 10 < filled * 8 {
            return false;
        }
        // A person's own FTE (0.6, 1.0) in a list is not a count.
        if st.percent * 2 > st.numbers || st.negative > 0 || st.max <= 1.0 {
            return false;
        }
        if !may_count(*meaning) {
            return false;
        }
        // A column of years is a period, not a count.
        if st.years * 10 >= st.numbers * 9 && !matches!(meaning, Some(HeaderMeaning::Count(_))) {
            return false;
        }
        !matches!(
            class,
            Some(
                ColumnClass::Age
                    | ColumnClass::Service
                    | ColumnClass::Salary
                    | ColumnClass::StaffNumber
                    | ColumnClass::Reference
                    | ColumnClass::Phone
                    | ColumnClass::Date
                    | ColumnClass::DateOfBirth
                    | ColumnClass::Postcode
            )
        )
    }

    /// What the table's labels say is counted.
    fn table_subject(&self, labels: &[usize], classes: &[Option<ColumnClass>]) -> Subject {
        let mut things = false;
        for &j in labels {
            let meaning = self.meanings.get(j).copied().flatten();
            let class = classes.get(j).copied().flatten();
            // A job title names a post: a table of posts by title counts
            // posts unless another label or its header says people.
            let about_people = |k: QiKind| k.is_personal() && k != QiKind::JobTitle;
            // Post titles read like ranks ("Chief Constable") and are posts.
            let names_posts = matches!(meaning, Some(HeaderMeaning::Qi(QiKind::JobTitle)))
                || class == Some(ColumnClass::JobTitle);
            let personal = matches!(meaning, Some(HeaderMeaning::Qi(k)) if about_people(k))
                || class.and_then(QiKind::from_class).is_some_and(about_people)
                || matches!(meaning, Some(HeaderMeaning::Count(Some(true))))
                || (!names_posts
                    && self.stats.get(j).is_some_and(|s| {
                        s.text > 0 && s.people_values * 10 >= s.text.min(1000) * 3
                    }));
            if personal {
                return Subject::People;
            }
            if matches!(meaning, Some(HeaderMeaning::Count(Some(false)))) {
                things = true;
            }
        }
        if things {
            Subject::Things
        } else {
            Subject::Unknown
        }
    }

    /// Judge the table; the flag says whether it is a table of counts (then
    /// its rows are not people, and the combination check does not apply).
    pub(crate) fn finish(
        self,
        table: usize,
        first_column: usize,
        columns: &[ColumnReport],
    ) -> (Vec<RowFinding>, Vec<Advice>, bool) {
        let mut advice = Vec::new();
        // Each column's class (the first report of its file column), and
        // below each count column's subject, by column: looked up per cell,
        // a search of every column made a file of 5,000 columns take seconds.
        let mut classes: Vec<Option<ColumnClass>> = vec![None; self.header.len()];
        for c in columns.iter().rev() {
            if let Some(slot) = c
                .index
                .checked_sub(first_column)
                .and_then(|j| classes.get_mut(j))
            {
                *slot = Some(c.class);
            }
        }
        // A list of people (names, staff numbers) is not a count table. A
        // header that reads as prose or an identifier ("... description")
        // says so too, unless the table counts people by name (Headcount,
        // FTE) and the detector saw short labels in that column, not prose.
        let counts_people = self
            .meanings
            .iter()
            .any(|m| matches!(m, Some(HeaderMeaning::Count(Some(true)))));
        let listed_by_header = |j: usize| {
            matches!(self.meanings.get(j), Some(Some(HeaderMeaning::Identifier)))
                && match classes.get(j).copied().flatten() {
                    Some(c) => {
                        !counts_people
                            || class_is_identifier(c)
                            || matches!(c, ColumnClass::FreeText | ColumnClass::Reference)
                    }
                    None => true,
                }
        };
        if self.listed
            || classes.iter().flatten().any(|&c| class_is_identifier(c))
            || (0..self.header.len()).any(listed_by_header)
        {
            return (Vec::new(), advice, false);
        }
        let count_cols: Vec<usize> = (0..self.header.len())
            .filter(|&j| self.is_count_column(j, classes.get(j).copied().flatten()))
            .collect();
        if count_cols.is_empty() {
            return (Vec::new(), advice, false);
        }
        let mut is_count = vec![false; self.header.len()];
        for &j in &count_cols {
            if let Some(slot) = is_count.get_mut(j) {
                *slot = true;
            }
        }
        let labels: Vec<usize> = (0..self.header.len())
            .filter(|&j| {
                !is_count.get(j).copied().unwrap_or(false)
                    && self.stats.get(j).is_some_and(|s| s.text > 0)
            })
            .collect();
        let named = count_cols
            .iter()
            .any(|&j| matches!(self.meanings.get(j), Some(Some(HeaderMeaning::Count(_)))));
        let unnamed = count_cols.len()
            - count_cols
                .iter()
                .filter(|&&j| matches!(self.meanings.get(j), Some(Some(HeaderMeaning::Count(_)))))
                .count();
        let aggregate = named
            || (unnamed >= 2 && labels.len() <= 3)
            || (unnamed == 1
                && labels.len() <= 3
                && !labels.is_empty()
                && self.labels_unique(&labels));
        if !aggregate {
            return (Vec::new(), advice, false);
        }
        let table_subject = self.table_subject(&labels, &classes);
        let subject = |j: usize| -> Subject {
            let money = self.stats.get(j).is_some_and(|s| s.money > 0);
            match self.meanings.get(j).copied().flatten() {
                _ if money => Subject::Things,
                Some(HeaderMeaning::Count(Some(true))) => Subject::People,
                Some(HeaderMeaning::Count(Some(false))) => Subject::Things,
                _ => table_subject,
            }
        };
        let subjects: Vec<(usize, Subject)> = count_cols.iter().map(|&j| (j, subject(j))).collect();
        let mut subject_of: Vec<Option<Subject>> = vec![None; self.header.len()];
        for &(j, s) in &subjects {
            if let Some(slot) = subject_of.get_mut(j) {
                *slot = Some(s);
            }
        }
        let subject_of = |j: usize| subject_of.get(j).copied().flatten();
        let is_people = |j: usize| subject_of(j) == Some(Subject::People);
        let header = |j: usize| {
            self.header
                .get(j)
                .cloned()
                .unwrap_or_else(|| format!("column {}", first_column + j + 1))
        };

        // FTE beside a headcount: the headcount says how many people; the FTE
        // of five part-timers (4.6) is still five people. An FTE only tells
        // something when the headcount beside it is suppressed.
        let fte_cols: Vec<usize> = count_cols
            .iter()
            .copied()
            .filter(|&j| is_people(j) && self.header.get(j).is_some_and(|h| is_fte(h)))
            .collect();
        let head_cols: Vec<usize> = count_cols
            .iter()
            .copied()
            .filter(|&j| {
                is_people(j)
                    && !fte_cols.contains(&j)
                    && !self.header.get(j).is_some_and(|h| is_total(h))
            })
            .collect();
        let judged_by_headcount = !fte_cols.is_empty() && !head_cols.is_empty();
        let headcount_hidden = |row: u64| -> Option<usize> {
            let grid = self.grid.as_ref()?;
            let i = grid.find(row)?;
            head_cols.iter().copied().find(|&j| {
                grid.cell(i, j)
                    .is_some_and(|c| matches!(parse_cell(c), Cell::Suppressed))
            })
        };

        // Small counts of people.
        let mut findings: Vec<RowFinding> = Vec::new();
        let mut unknown_cells: Vec<String> = Vec::new();
        let mut unknown_cols: Vec<String> = Vec::new();
        let mut unknown_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        let rule_text = self.rule.describe();
        for cell in &self.small {
            if !self.rule.is_small(cell.value) {
                continue;
            }
            let Some(s) = subject_of(cell.col) else {
                continue;
            };
            let h = header(cell.col);
            if s == Subject::People && judged_by_headcount && fte_cols.contains(&cell.col) {
                if let Some(hc) = headcount_hidden(cell.row).filter(|_| cell.value > 0.0) {
                    let why =
                        format!(
                        "{}: {} is suppressed, but {} beside it is {}: at least one person, and \
                         about how many. The suppressed headcount can be worked out; suppress the \
                         FTE too.",
                        if cell.label.is_empty() { "This row" } else { &cell.label },
                        header(hc),
                        h,
                        cell.raw,
                    );
                    add_reason(
                        &mut findings,
                        table,
                        cell.row,
                        Reason::new(RULE_SECONDARY, &h, &cell.raw, &why),
                    );
                }
                continue;
            }
            match s {
                Subject::People => {
                    let why =
                        format!(
                        "{}: {} is {}. A count of people {} can identify them; suppress it (for \
                         example write *) or merge it with a neighbouring category.",
                        if cell.label.is_empty() { "This row" } else { &cell.label },
                        h,
                        cell.raw,
                        rule_text
                    );
                    add_reason(
                        &mut findings,
                        table,
                        cell.row,
                        Reason::new(RULE_SMALL, &h, &cell.raw, &why),
                    );
                }
                Subject::Unknown => {
                    if unknown_cells.len() < 5 {
                        unknown_cells.push(format!("row {} {} = {}", cell.row, h, cell.raw));
                    }
                    if unknown_seen.insert(h.clone()) {
                        unknown_cols.push(h);
                    }
                }
                Subject::Things => {}
            }
        }
        if !unknown_cols.is_empty() {
            let n = self
                .small
                .iter()
                .filter(|c| {
                    self.rule.is_small(c.value) && subject_of(c.col) == Some(Subject::Unknown)
                })
                .count();
            advice.push(Advice {
                table,
                rule: RULE_SMALL.to_string(),
                columns: unknown_cols,
                text: format!(
                    "This looks like a table of counts, but its headers do not say what is \
                     counted. If these are counts of people, {n} cells are {rule_text} and could \
                     identify someone (for example {}).",
                    unknown_cells.join(", ")
                ),
            });
        }
        if self.small_overflow {
            advice.push(Advice {
                table,
                rule: RULE_SMALL.to_string(),
                columns: Vec::new(),
                text: format!(
                    "More than {MAX_SMALL} small numbers in this table: only the first {MAX_SMALL} \
                     were checked as counts. A table this size is probably not a table of counts."
                ),
            });
        }

        // Rounding policy.
        if self.rule.round_to > 1 {
            for &(j, s) in &subjects {
                let Some(st) = self.stats.get(j) else {
                    continue;
                };
                if s != Subject::People || st.unrounded == 0 {
                    continue;
                }
                let example = st
                    .unrounded_example
                    .as_ref()
                    .map(|(r, v)| format!(" (for example {v} in row {r})"))
                    .unwrap_or_default();
                advice.push(Advice {
                    table,
                    rule: RULE_UNROUNDED.to_string(),
                    columns: vec![header(j)],
                    text: format!(
                        "{} counts in \"{}\" are not rounded to the nearest {}{example}; the chosen \
                         policy rounds every count above {}.",
                        st.unrounded,
                        header(j),
                        self.rule.round_to,
                        self.rule.threshold.saturating_sub(1)
                    ),
                });
            }
        }

        // Differencing.
        let people_cols: Vec<usize> = count_cols
            .iter()
            .copied()
            .filter(|&j| is_people(j))
            .collect();
        match &self.grid {
            Some(grid) if !people_cols.is_empty() => {
                for (row, reason) in
                    differencing(grid, &people_cols, &labels, &self.header, &self.rule)
                {
                    add_reason(&mut findings, table, row, reason);
                }
            }
            None if !people_cols.is_empty() => advice.push(Advice {
                table,
                rule: RULE_SECONDARY.to_string(),
                columns: Vec::new(),
                text: format!(
                    "The table is too large (over {GRID_ROWS} rows) for the check that totals \
                     give away suppressed cells; that check was not made."
                ),
            }),
            _ => {}
        }
        findings.sort_by_key(|f| f.row);
        (findings, advice, true)
    }

    /// Whether every (non-total) row has a different combination of labels,
    /// as in a long table (category, count); a list of people repeats them.
    fn labels_unique(&self, labels: &[usize]) -> bool {
        let Some(grid) = &self.grid else { return false };
        let mut seen = std::collections::HashSet::new();
        for i in 0..grid.len() {
            let key: Vec<&str> = labels
                .iter()
                .map(|&j| grid.cell(i, j).unwrap_or(""))
                .collect();
            if key.iter().any(|k| is_total(k)) {
                continue;
            }
            if !seen.insert(key) {
                return false;
            }
        }
        true
    }
}

/// The text cells of a row, as a label for people ("Lisburn / Sergeant").
fn row_label(fields: &[&str]) -> Box<str> {
    let parts: Vec<&str> = fields
        .iter()
        .map(|f| f.trim())
        .filter(|f| matches!(parse_cell(f), Cell::Text))
        .take(4)
        .collect();
    let mut s = parts.join(" / ");
    if s.chars().count() > 80 {
        s = s.chars().take(77).collect::<String>() + "...";
    }
    s.into()
}

fn add_reason(findings: &mut Vec<RowFinding>, table: usize, row: u64, reason: Reason) {
    match findings.iter_mut().find(|f| f.row == row) {
        Some(f) => {
            if !f.reasons.contains(&reason) {
                f.reasons.push(reason);
            }
        }
        None => findings.push(RowFinding {
            row,
            kind: Kind::SmallCount,
            table: Some(table),
            reasons: vec![reason].into(),
        }),
    }
}

/// The first rows of a table as trimmed text, for the checks that need the
/// whole table (differencing, unique labels): all cells in one buffer, so
/// keeping 50,000 rows costs a few allocations, not one per cell.
#[derive(Debug, Default)]
struct Grid {
    /// The spreadsheet row number of each row.
    rows: Vec<u64>,
    /// Where each row's cells start in `ends`, and one past the last row.
    starts: Vec<usize>,
    /// Where each cell ends in `text` (a cell starts where the one before
    /// it ended).
    ends: Vec<usize>,
    text: String,
}

impl Grid {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn push<'a>(&mut self, row: u64, cells: impl Iterator<Item = &'a str>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        for c in cells {
            self.text.push_str(c);
            self.ends.push(self.text.len());
        }
        self.rows.push(row);
        self.starts.push(self.ends.len());
    }

    /// The spreadsheet row number of row `i`.
    fn row(&self, i: usize) -> Option<u64> {
        self.rows.get(i).copied()
    }

    /// The index of spreadsheet row `row`.
    fn find(&self, row: u64) -> Option<usize> {
        self.rows.binary_search(&row).ok()
    }

    /// Cell `j` of row `i` (`None` past the end of a short row).
    fn cell(&self, i: usize, j: usize) -> Option<&str> {
        let start = *self.starts.get(i)?;
        let end = *self.starts.get(i + 1)?;
        let k = start + j;
        if k >= end {
            return None;
        }
        let to = *self.ends.get(k)?;
        let from = match k.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => 0,
        };
        self.text.get(from..to)
    }
}

/// A value in the differencing grid.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Val {
    Known(f64),
    /// Suppressed, not (yet) worked out.
    Hidden,
    /// Worked out from totals.
    Found(f64),
    /// Blank or text: lines holding one are not used.
    Unusable,
}

/// A line of the grid: member cells (row, col) adding up to a total cell.
struct Line {
    members: Vec<(usize, usize)>,
    total: (usize, usize),
    across: bool,
}

fn differencing(
    grid: &Grid,
    people_cols: &[usize],
    labels: &[usize],
    header: &[String],
    rule: &CountRule,
) -> Vec<(u64, Reason)> {
    let mut vals: Vec<Vec<Val>> = (0..grid.len())
        .map(|i| {
            (0..header.len())
                .map(|j| match grid.cell(i, j).map(parse_cell) {
                    Some(Cell::Number { value, .. }) => Val::Known(value),
                    Some(Cell::Suppressed) => Val::Hidden,
                    _ => Val::Unusable,
                })
                .collect()
        })
        .collect();
    let label_of = |r: usize| -> String {
        labels
            .iter()
            .filter_map(|&j| grid.cell(r, j))
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let total_cols: Vec<usize> = people_cols
        .iter()
        .copied()
        .filter(|&j| header.get(j).is_some_and(|h| is_total(h)))
        .collect();
    let member_cols: Vec<usize> = people_cols
        .iter()
        .copied()
        .filter(|j| !total_cols.contains(j))
        .collect();
    let total_rows: Vec<usize> = (0..grid.len())
        .filter(|&r| {
            labels
                .iter()
                .any(|&j| grid.cell(r, j).is_some_and(is_total))
        })
        .collect();
    let value = |vals: &Vec<Vec<Val>>, (r, c): (usize, usize)| {
        vals.get(r)
            .and_then(|row| row.get(c))
            .copied()
            .unwrap_or(Val::Unusable)
    };

    let mut lines: Vec<Line> = Vec::new();
    // Across: a total column adds up the member columns of each row.
    if let Some(&tc) = total_cols.first() {
        let candidate: Vec<Line> = (0..grid.len())
            .filter(|r| !total_rows.contains(r))
            .map(|r| Line {
                members: member_cols.iter().map(|&c| (r, c)).collect(),
                total: (r, tc),
                across: true,
            })
            .collect();
        if consistent(&candidate, &vals) {
            lines.extend(candidate);
        }
    }
    // Down: a total row adds up the rows above it (since the previous total
    // row), or below it when the totals come first.
    if !total_rows.is_empty() {
        let members: Vec<usize> = (0..grid.len())
            .filter(|r| !total_rows.contains(r))
            .collect();
        let mut found = false;
        for above in [true, false] {
            let mut candidate = Vec::new();
            for &c in people_cols {
                for (i, &tr) in total_rows.iter().enumerate() {
                    let rows: Vec<usize> = if total_rows.len() == 1 {
                        members.clone()
                    } else if above {
                        let start = if i == 0 {
                            0
                        } else {
                            total_rows.get(i - 1).map_or(0, |p| p + 1)
                        };
                        (start..tr).filter(|r| !total_rows.contains(r)).collect()
                    } else {
                        let end = total_rows.get(i + 1).copied().unwrap_or(grid.len());
                        (tr + 1..end).filter(|r| !total_rows.contains(r)).collect()
                    };
                    if !rows.is_empty() {
                        candidate.push(Line {
                            members: rows.iter().map(|&r| (r, c)).collect(),
                            total: (tr, c),
                            across: false,
                        });
                    }
                }
            }
            if !found && !candidate.is_empty() && consistent(&candidate, &vals) {
                lines.extend(candidate);
                found = true;
            }
            if total_rows.len() == 1 {
                break;
            }
        }
    }

    // Solve lines with one hidden cell, until nothing changes.
    let mut out: Vec<(u64, Reason)> = Vec::new();
    let mut progress = true;
    while progress {
        progress = false;
        for line in &lines {
            let cells: Vec<(usize, usize)> = line
                .members
                .iter()
                .copied()
                .chain(std::iter::once(line.total))
                .collect();
            let vs: Vec<Val> = cells.iter().map(|&p| value(&vals, p)).collect();
            if vs.contains(&Val::Unusable) {
                continue;
            }
            let hidden: Vec<usize> = (0..vs.len())
                .filter(|&i| vs.get(i) == Some(&Val::Hidden))
                .collect();
            let [h] = hidden.as_slice() else { continue };
            let num = |v: &Val| match v {
                Val::Known(x) | Val::Found(x) => *x,
                _ => 0.0,
            };
            let total = vs.last().map_or(0.0, num);
            let others: f64 = vs.iter().take(vs.len() - 1).map(num).sum();
            let is_total_cell = *h == vs.len() - 1;
            let found = if is_total_cell {
                others
            } else {
                total - others
            };
            if found < 0.0 {
                continue;
            }
            let Some(&(r, c)) = cells.get(*h) else {
                continue;
            };
            if let Some(slot) = vals.get_mut(r).and_then(|row| row.get_mut(c)) {
                *slot = Val::Found(found);
            }
            progress = true;
            let used_found = vs.iter().any(|v| matches!(v, Val::Found(_)));
            let Some(row) = grid.row(r) else {
                continue;
            };
            let raw = grid.cell(r, c).map_or(String::new(), str::to_string);
            let h_name = header.get(c).cloned().unwrap_or_default();
            let lbl = label_of(r);
            let where_ = if line.across { "row" } else { "column" };
            let how = if is_total_cell {
                format!(
                    "it is the sum of the other cells in its {where_} ({})",
                    fmt(others)
                )
            } else {
                let tr = line.total;
                let tname = if line.across {
                    header.get(tr.1).cloned().unwrap_or_default()
                } else {
                    label_of(tr.0)
                };
                format!(
                    "{tname} ({}) minus the other cells in its {where_} ({}) = {}",
                    fmt(total),
                    fmt(others),
                    fmt(found)
                )
            };
            let small = if rule.is_small(found) {
                ", a small number of people"
            } else {
                ""
            };
            let chain = if used_found {
                " once the cells worked out before are known"
            } else {
                ""
            };
            let why = format!(
                "The suppressed cell {}{} can be worked out{chain}: {how}{small}. Suppress at least \
                 one more cell in this {where_} (or round the totals) so it cannot be recovered.",
                if lbl.is_empty() { String::new() } else { format!("{lbl} / ") },
                h_name,
            );
            out.push((row, Reason::new(RULE_SECONDARY, &h_name, &raw, &why)));
        }
    }
    out
}

/// Whether lines with no hidden cell add up (so the totals are what they seem).
fn consistent(lines: &[Line], vals: &[Vec<Val>]) -> bool {
    for line in lines {
        let get = |(r, c): (usize, usize)| {
            vals.get(r)
                .and_then(|row| row.get(c))
                .copied()
                .unwrap_or(Val::Unusable)
        };
        let total = match get(line.total) {
            Val::Known(t) => t,
            _ => continue,
        };
        let mut sum = 0.0;
        let mut complete = true;
        for &m in &line.members {
            match get(m) {
                Val::Known(v) => sum += v,
                _ => complete = false,
            }
        }
        if complete {
            if (sum - total).abs() > 0.01 * total.abs().max(1.0) {
                return false;
            }
        } else if sum > total + 0.01 {
            return false;
        }
    }
    !lines.is_empty()
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}
