//! The report: what a check found in one file. One serde type serves the CLI
//! (`--format json`), the page ("Download findings (JSON)") and the tests.
//!
//! The report is deterministic: the same bytes and options always give the
//! same report, so the page's JSON can be compared with the CLI's.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::sync::Arc;

/// Why a row is flagged: what kind of person it identifies, or how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A member of staff (officer, police staff, civil servant).
    Staff,
    /// A senior member of staff (chief officers, directors, senior civil
    /// servants): still flagged, but shown apart because often published on purpose.
    StaffSenior,
    /// A member of the public (victim, witness, complainant, requester...).
    Person,
    /// No name, but a rare combination of attributes singles someone out.
    QuasiIdentifier,
    /// A count of people small enough to identify them.
    SmallCount,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 5] = [
        Kind::Staff,
        Kind::StaffSenior,
        Kind::Person,
        Kind::QuasiIdentifier,
        Kind::SmallCount,
    ];

    /// The id used in JSON (`staff`, `staff_senior`, ...).
    pub fn id(self) -> &'static str {
        match self {
            Kind::Staff => "staff",
            Kind::StaffSenior => "staff_senior",
            Kind::Person => "person",
            Kind::QuasiIdentifier => "quasi_identifier",
            Kind::SmallCount => "small_count",
        }
    }

    /// A label for people.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Staff => "member of staff",
            Kind::StaffSenior => "senior member of staff",
            Kind::Person => "member of the public",
            Kind::QuasiIdentifier => "rare combination",
            Kind::SmallCount => "small number",
        }
    }
}

/// What a column holds, folded from its header and its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnClass {
    /// Full names, or names in any form.
    Name,
    /// Forenames / first names.
    Forename,
    /// Surnames / last names.
    Surname,
    /// Initials.
    Initial,
    /// Police ranks, staff or civil service grades, job titles that are ranks.
    RankGrade,
    /// Job titles and roles.
    JobTitle,
    /// Collar, shoulder, warrant, service, payroll or staff numbers.
    StaffNumber,
    /// Units, departments, teams.
    Unit,
    /// Stations, locations, offices, areas.
    Location,
    /// E-mail addresses.
    Email,
    /// Telephone numbers.
    Phone,
    /// National Insurance numbers.
    NiNumber,
    /// NHS, CHI or Health and Care numbers (patients').
    NhsNumber,
    /// Passport numbers.
    PassportNumber,
    /// Bank details: sort codes, account numbers, IBANs.
    BankDetails,
    /// IP addresses (online identifiers).
    IpAddress,
    /// Dates of birth.
    DateOfBirth,
    /// Ages or age bands.
    Age,
    /// Gender or sex.
    Gender,
    /// Ethnicity.
    Ethnicity,
    /// Dates or years of joining, length of service.
    Service,
    /// Contract type, working pattern.
    Contract,
    /// Salary or pay band.
    Salary,
    /// Home or street addresses.
    Address,
    /// Postcodes.
    Postcode,
    /// Vetting levels.
    Vetting,
    /// Photo file names.
    Photo,
    /// Special category data (UK GDPR Article 9): health, religion, sexual
    /// orientation, trade union membership, political opinions. Ethnicity
    /// is too, but keeps its own class as a quasi-identifier.
    SpecialCategory,
    /// Prose: descriptions, notes, comments.
    FreeText,
    /// Counts or amounts (numbers).
    Count,
    /// Dates that are not dates of birth.
    Date,
    /// Reference numbers, IDs.
    Reference,
    /// Anything else.
    Other,
}

/// One reason a row is flagged.
///
/// A large file can have millions of reasons, so they are cheap: the rule id
/// is usually a `&'static str` of the rule tables, and the other three
/// strings of a row's reasons share one buffer ([`SharedStr`]). They read as
/// `&str` and serialise as plain JSON strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// The id of the rule that matched (see `foi-check rules`).
    pub rule: Cow<'static, str>,
    /// The header of the column the match is in (or `column N` without a header).
    pub column: SharedStr,
    /// The text that matched.
    pub text: SharedStr,
    /// A sentence a clerk understands.
    pub why: SharedStr,
}

impl Reason {
    /// This reason read as a [`ReasonRef`].
    pub fn view(&self) -> ReasonRef<'_> {
        ReasonRef {
            rule: &self.rule,
            column: Cow::Borrowed(&self.column),
            text: Cow::Borrowed(&self.text),
            why: Cow::Borrowed(&self.why),
        }
    }

    /// A reason whose three strings share one allocation.
    ///
    /// ```
    /// use foi_check::Reason;
    /// let r = Reason::new("name.surname", "Surname", "MORGAN", "Surname (Surname): MORGAN");
    /// assert_eq!(r.rule, "name.surname");
    /// assert_eq!(r.text, "MORGAN");
    /// ```
    pub fn new(rule: impl Into<Cow<'static, str>>, column: &str, text: &str, why: &str) -> Reason {
        let mut buf = SharedBuf::with_capacity(column.len() + text.len() + why.len());
        let (c, t, w) = (buf.push(column), buf.push(text), buf.push(why));
        let shared = buf.share();
        Reason {
            rule: rule.into(),
            column: shared.slice(c),
            text: shared.slice(t),
            why: shared.slice(w),
        }
    }
}

/// A string of the report: a range of a reference-counted buffer that the
/// other strings of the same row (or column) share, so a reason costs no
/// allocation of its own. Derefs to `str`; compares, prints and serialises as
/// its text.
#[derive(Clone)]
pub struct SharedStr {
    buf: Arc<str>,
    start: u32,
    end: u32,
}

impl SharedStr {
    /// A string with a buffer of its own.
    pub fn new(s: &str) -> SharedStr {
        let mut buf = SharedBuf::with_capacity(s.len());
        let span = buf.push(s);
        buf.share().slice(span)
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        self.buf
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// A range of a [`SharedBuf`], before it is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    start: u32,
    end: u32,
}

/// Collects strings (typically all those of one row's reasons) and then
/// shares them in one reference-counted allocation.
///
/// ```
/// use foi_check::report::SharedBuf;
/// let mut buf = SharedBuf::default();
/// let a = buf.push("Surname");
/// let b = buf.push_parts(&["Surname (", "Surname", "): ", "MORGAN"]);
/// let shared = buf.share();
/// assert_eq!(shared.slice(a), "Surname");
/// assert_eq!(shared.slice(b), "Surname (Surname): MORGAN");
/// ```
#[derive(Debug, Default)]
pub struct SharedBuf {
    buf: String,
}

/// A [`SharedBuf`] once shared: gives the [`SharedStr`] of each span.
#[derive(Debug, Clone)]
pub struct Shared(Arc<str>);

/// Spans are `u32`: strings past 4 GiB of one buffer are cut (a cell that
/// long cannot be read; the reader limits field sizes far below).
const SPAN_MAX: usize = u32::MAX as usize;

impl SharedBuf {
    /// An empty buffer for about `n` bytes.
    pub fn with_capacity(n: usize) -> SharedBuf {
        SharedBuf {
            buf: String::with_capacity(n),
        }
    }

    /// Append `s`; its span.
    pub fn push(&mut self, s: &str) -> Span {
        self.push_parts(&[s])
    }

    /// Append the concatenation of `parts`; its span.
    pub fn push_parts(&mut self, parts: &[&str]) -> Span {
        let start = self.buf.len();
        for p in parts {
            let room = SPAN_MAX.saturating_sub(self.buf.len());
            let mut n = p.len().min(room);
            while !p.is_char_boundary(n) {
                n -= 1;
            }
            self.buf.push_str(p.get(..n).unwrap_or(""));
        }
        Span {
            // The buffer never grows past SPAN_MAX (u32::MAX), so these fit.
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(self.buf.len()).unwrap_or(u32::MAX),
        }
    }

    /// Share what was pushed (one allocation of exactly its size), and start
    /// again empty, keeping the capacity for the next row.
    pub fn share(&mut self) -> Shared {
        let shared = Shared(Arc::from(self.buf.as_str()));
        self.buf.clear();
        shared
    }

    /// Forget what was pushed.
    pub fn clear(&mut self) {
        self.buf.clear();
    }
}

impl Shared {
    /// The string of `span`.
    pub fn slice(&self, span: Span) -> SharedStr {
        SharedStr {
            buf: Arc::clone(&self.0),
            start: span.start,
            end: span.end,
        }
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr::new("")
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for SharedStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> SharedStr {
        SharedStr::new(s)
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr::new(&s)
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> SharedStr {
        SharedStr::new(s)
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> String {
        s.as_str().to_string()
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Ok(SharedStr::new(&s))
    }
}

/// A flagged row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RowFinding {
    /// 1-based record number as a spreadsheet shows the file.
    pub row: u64,
    /// The most serious kind of identification in the row.
    pub kind: Kind,
    /// Index into [`Report::tables`] of the table the row belongs to, if any.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub table: Option<usize>,
    /// Every reason, most important first.
    pub reasons: Reasons,
}

/// A string of the detector's arena: a 37-bit byte offset and a 26-bit length
/// in one `u64` (a store of up to 128 GiB; a string of up to 64 MiB, the
/// reader's longest record). The top bit marks a string of the memo's key
/// buffer, until the table ends and the keys join the arena.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct StoreStr(u64);

impl StoreStr {
    const LEN_BITS: u32 = 26;
    const LEN_MAX: usize = (1 << Self::LEN_BITS) - 1;
    const KEY: u64 = 1 << 63;
    const START_MAX: u64 = (1 << (63 - Self::LEN_BITS)) - 1;

    /// The string `start..end` of the arena (cut to what fits).
    pub(crate) fn new(start: usize, end: usize) -> StoreStr {
        let len = end.saturating_sub(start).min(Self::LEN_MAX);
        StoreStr(((start as u64).min(Self::START_MAX) << Self::LEN_BITS) | len as u64)
    }

    /// The string `start..end` of the key buffer.
    pub(crate) fn key(start: usize, end: usize) -> StoreStr {
        StoreStr(StoreStr::new(start, end).0 | Self::KEY)
    }

    /// Whether this is a string of the key buffer.
    pub(crate) fn is_key(self) -> bool {
        self.0 & Self::KEY != 0
    }

    /// A string of the key buffer, once that buffer is appended to the
    /// arena at `base`.
    pub(crate) fn rebase(self, base: usize) -> StoreStr {
        if !self.is_key() {
            return self;
        }
        StoreStr::new(base + self.start(), base + self.end())
    }

    pub(crate) fn start(self) -> usize {
        ((self.0 & !Self::KEY) >> Self::LEN_BITS) as usize
    }

    pub(crate) fn end(self) -> usize {
        self.start() + (self.0 & Self::LEN_MAX as u64) as usize
    }

    /// A part of this string (`start..end` relative to it).
    pub(crate) fn sub(self, start: usize, end: usize) -> StoreStr {
        let s = self.start();
        StoreStr(StoreStr::new(s + start, (s + end).min(self.end())).0 | (self.0 & Self::KEY))
    }

    #[inline(always)]
    pub(crate) fn get(self, text: &str) -> &str {
        text.get(self.start()..self.end()).unwrap_or("")
    }
}

/// The end of the sentence of a date of birth or postcode that identifies
/// because the row has both.
pub(crate) const DOB_COMBO: &str = " (with a date of birth and a postcode or address)";

/// The reasons of one row: as the detector judged them (the row's hits in
/// its table's store, the reasons written only when read: a staff list where
/// every row is flagged has millions of them) or a list of [`Reason`]s (the
/// risk checks, JSON read back, rows merged from several checks). Read them
/// with [`Reasons::iter`] or [`Reasons::get`]; each gives a [`ReasonRef`].
/// Serialises as a JSON array of `{rule, column, text, why}`.
#[derive(Clone)]
pub struct Reasons(ReasonsRepr);

#[derive(Clone)]
enum ReasonsRepr {
    Judged {
        store: Arc<crate::detect::judge::Store>,
        /// The row's place among the store's kept rows.
        kept: usize,
        len: u32,
    },
    Owned(Vec<Reason>),
}

/// One reason, as read from [`Reasons`]: the same four strings as [`Reason`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonRef<'a> {
    /// The id of the rule that matched (see `foi-check rules`).
    pub rule: &'a str,
    /// The header of the column the match is in (or `column N` without a header).
    pub column: Cow<'a, str>,
    /// The text that matched.
    pub text: Cow<'a, str>,
    /// A sentence a clerk understands.
    pub why: Cow<'a, str>,
}

impl ReasonRef<'_> {
    /// An owned copy.
    pub fn to_reason(&self) -> Reason {
        Reason::new(self.rule.to_string(), &self.column, &self.text, &self.why)
    }
}

impl Serialize for ReasonRef<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = serializer.serialize_struct("Reason", 4)?;
        st.serialize_field("rule", self.rule)?;
        st.serialize_field("column", &*self.column)?;
        st.serialize_field("text", &*self.text)?;
        st.serialize_field("why", &*self.why)?;
        st.end()
    }
}

impl Reasons {
    /// The reasons of a row the detector judged: the `kept`-th row kept in
    /// `store`, `len` reasons.
    pub(crate) fn judged(
        store: &Arc<crate::detect::judge::Store>,
        kept: usize,
        len: usize,
    ) -> Reasons {
        Reasons(ReasonsRepr::Judged {
            store: Arc::clone(store),
            kept,
            len: u32::try_from(len).unwrap_or(u32::MAX),
        })
    }

    /// Every reason, most important first, in a list.
    pub fn to_vec(&self) -> Vec<ReasonRef<'_>> {
        match &self.0 {
            ReasonsRepr::Judged { store, kept, .. } => store.reasons(*kept),
            ReasonsRepr::Owned(v) => v.iter().map(Reason::view).collect(),
        }
    }
}

impl Default for Reasons {
    fn default() -> Self {
        Reasons(ReasonsRepr::Owned(Vec::new()))
    }
}

impl Reasons {
    /// No reasons.
    pub fn new() -> Reasons {
        Reasons::default()
    }

    /// Whether these are the detector's own reasons, worked out from its
    /// store when read (never a risk check's: rows with both are a list).
    pub(crate) fn is_judged(&self) -> bool {
        matches!(self.0, ReasonsRepr::Judged { .. })
    }

    /// How many.
    pub fn len(&self) -> usize {
        match &self.0 {
            ReasonsRepr::Judged { len, .. } => *len as usize,
            ReasonsRepr::Owned(v) => v.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th reason (0 is the most important).
    pub fn get(&self, i: usize) -> Option<ReasonRef<'_>> {
        match &self.0 {
            ReasonsRepr::Judged { .. } => self.to_vec().into_iter().nth(i),
            ReasonsRepr::Owned(v) => v.get(i).map(Reason::view),
        }
    }

    /// The most important reason.
    pub fn first(&self) -> Option<ReasonRef<'_>> {
        self.get(0)
    }

    /// Every reason, most important first.
    pub fn iter(&self) -> std::vec::IntoIter<ReasonRef<'_>> {
        self.to_vec().into_iter()
    }

    /// Whether `reason` is one of these.
    pub fn contains(&self, reason: &Reason) -> bool {
        let r = reason.view();
        self.iter().any(|x| x == r)
    }

    fn owned(&mut self) -> &mut Vec<Reason> {
        if let ReasonsRepr::Judged { .. } = self.0 {
            let v: Vec<Reason> = self.iter().map(|r| r.to_reason()).collect();
            self.0 = ReasonsRepr::Owned(v);
        }
        match &mut self.0 {
            ReasonsRepr::Owned(v) => v,
            ReasonsRepr::Judged { .. } => unreachable!("made owned above"),
        }
    }

    /// Add a reason at the end.
    pub fn push(&mut self, reason: Reason) {
        self.owned().push(reason);
    }

    /// Add `other`'s reasons at the end.
    pub fn extend(&mut self, other: Reasons) {
        if other.is_empty() {
            return;
        }
        if self.is_empty() {
            *self = other;
            return;
        }
        let more: Vec<Reason> = other.iter().map(|r| r.to_reason()).collect();
        self.owned().extend(more);
    }
}

impl From<Vec<Reason>> for Reasons {
    fn from(v: Vec<Reason>) -> Reasons {
        Reasons(ReasonsRepr::Owned(v))
    }
}

impl FromIterator<Reason> for Reasons {
    fn from_iter<I: IntoIterator<Item = Reason>>(iter: I) -> Reasons {
        Reasons::from(iter.into_iter().collect::<Vec<_>>())
    }
}

impl PartialEq for Reasons {
    fn eq(&self, other: &Reasons) -> bool {
        self.len() == other.len() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl std::fmt::Debug for Reasons {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Reasons {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            ReasonsRepr::Owned(v) => v.serialize(serializer),
            ReasonsRepr::Judged { .. } => self.to_vec().serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Reasons {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Vec::<Reason>::deserialize(deserializer).map(Reasons::from)
    }
}

impl<'a> IntoIterator for &'a Reasons {
    type Item = ReasonRef<'a>;
    type IntoIter = std::vec::IntoIter<ReasonRef<'a>>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

/// How a column was classified and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnReport {
    /// Index into [`Report::tables`].
    pub table: usize,
    /// 0-based column index in the file (as Excel's A, B, C... minus one).
    pub index: usize,
    /// The header text.
    pub name: String,
    /// What the column holds.
    pub class: ColumnClass,
    /// 0.0 to 1.0.
    pub confidence: f32,
    /// Plain-English evidence: header match, share of matching cells.
    pub evidence: String,
    /// Whether the column helps identify people.
    pub identifying: bool,
    /// Cells in which a person is mentioned (a name, an officer's number,
    /// an e-mail address... in a note): in a column that does not identify
    /// people as a whole, the places a clerk removing columns would miss.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub mentions: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A table found in the file: a header row and the rows below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableInfo {
    /// Row number of the header.
    pub header_row: u64,
    /// First and last data row.
    pub first_row: u64,
    /// Last data row (equal to `header_row` when the table has no data).
    pub last_row: u64,
    /// 0-based index of the first column of the table.
    pub first_column: usize,
    /// The header cells.
    pub header: Vec<String>,
}

/// An error or warning that names where it happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Problem {
    /// File name as given.
    pub file: String,
    /// Row number, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub row: Option<u64>,
    /// Byte offset in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub byte: Option<u64>,
    /// A plain-English reason.
    pub reason: String,
}

/// Counts by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Rows flagged, any kind.
    pub rows_flagged: u64,
    /// Rows flagged as `staff`.
    pub staff: u64,
    /// Rows flagged as `staff_senior`.
    pub staff_senior: u64,
    /// Rows flagged as `person`.
    pub person: u64,
    /// Rows flagged as `quasi_identifier`.
    pub quasi_identifier: u64,
    /// Rows flagged as `small_count`.
    pub small_count: u64,
}

impl Summary {
    /// Count one flagged row.
    pub fn add(&mut self, kind: Kind) {
        self.rows_flagged += 1;
        *self.get_mut(kind) += 1;
    }

    /// The count for one kind.
    pub fn get(&self, kind: Kind) -> u64 {
        match kind {
            Kind::Staff => self.staff,
            Kind::StaffSenior => self.staff_senior,
            Kind::Person => self.person,
            Kind::QuasiIdentifier => self.quasi_identifier,
            Kind::SmallCount => self.small_count,
        }
    }

    fn get_mut(&mut self, kind: Kind) -> &mut u64 {
        match kind {
            Kind::Staff => &mut self.staff,
            Kind::StaffSenior => &mut self.staff_senior,
            Kind::Person => &mut self.person,
            Kind::QuasiIdentifier => &mut self.quasi_identifier,
            Kind::SmallCount => &mut self.small_count,
        }
    }
}

/// Everything a check found in one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// File name as given.
    pub file: String,
    /// Size in bytes.
    pub bytes: u64,
    /// The encoding the file was read as (`UTF-8`, `UTF-16LE`, `windows-1252`...).
    pub encoding: String,
    /// The delimiter found (`,` `;` `\t` `|`).
    pub delimiter: String,
    /// Every record read, counting title lines, blank lines and headers.
    pub rows_checked: u64,
    /// True when every row was read and checked; false after an error.
    pub complete: bool,
    /// Counts by kind.
    pub summary: Summary,
    /// Flagged rows in row order.
    pub rows: Vec<RowFinding>,
    /// Column classifications, table by table.
    pub columns: Vec<ColumnReport>,
    /// Tables found.
    pub tables: Vec<TableInfo>,
    /// Errors: when non-empty, the check is not complete.
    pub errors: Vec<Problem>,
    /// Things the clerk should know that do not stop the check.
    pub warnings: Vec<Problem>,
    /// Suggestions to make the file safe (which columns to remove or
    /// coarsen, which counts to suppress or round).
    #[serde(default)]
    pub advice: Vec<Advice>,
    /// The settings the check was made with (thresholds, presets, columns).
    #[serde(default)]
    pub settings: crate::options::Options,
}

/// A suggestion for making a table safe, not tied to one row: which columns to
/// remove or coarsen so every combination is shared by at least k rows, or
/// how the counts of a table fall short of the chosen policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Advice {
    /// Index into [`Report::tables`].
    pub table: usize,
    /// The id of the rule the advice is about (see `foi-check rules`).
    pub rule: String,
    /// The headers of the columns concerned.
    pub columns: Vec<String>,
    /// A paragraph a clerk understands.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_strings_round_trip() {
        let s = StoreStr::new(5, 11);
        assert_eq!((s.start(), s.end(), s.is_key()), (5, 11, false));
        assert_eq!(s.get("01234MORGAN!"), "MORGAN");
        assert_eq!(s.sub(1, 3).get("01234MORGAN!"), "OR");
        // A part never runs past its string.
        assert_eq!(s.sub(4, 99).get("01234MORGAN!"), "AN");
        let k = StoreStr::key(0, 6);
        assert!(k.is_key() && k.sub(2, 4).is_key());
        assert_eq!((k.start(), k.end()), (0, 6));
        let r = k.sub(2, 4).rebase(100);
        assert_eq!((r.start(), r.end(), r.is_key()), (102, 104, false));
        assert_eq!(s.rebase(100), s);
        // Offsets past 4 GiB fit (where there is an address space for them).
        #[cfg(target_pointer_width = "64")]
        {
            let big = StoreStr::new(5 << 32, (5 << 32) + 7);
            assert_eq!((big.start(), big.end()), (5 << 32, (5 << 32) + 7));
        }
        assert_eq!(StoreStr::new(9, 3).end(), 9);
    }

    #[test]
    fn judged_reasons_read_serialise_and_merge_like_a_list() {
        let report = crate::check_bytes(
            "t.csv",
            b"Surname,Forename,Rank,Date of birth,Postcode\nMORGAN,Jane,Inspector,01/02/1980,BT1 1AA\n",
            &crate::Options::default(),
        );
        let row = report.rows.first().expect("flagged");
        let judged = &row.reasons;
        assert!(judged.len() >= 3, "{judged:?}");
        assert_eq!(judged.iter().count(), judged.len());
        assert_eq!(
            judged.first().map(|r| r.text.into_owned()).as_deref(),
            Some("Jane MORGAN")
        );
        // The same reasons as a plain list: equal, and serialised the same.
        let list: Reasons = judged.iter().map(|r| r.to_reason()).collect();
        assert_eq!(&list, judged);
        let json = serde_json::to_string(judged).expect("json");
        assert_eq!(json, serde_json::to_string(&list).expect("json"));
        let back: Reasons = serde_json::from_str(&json).expect("read back");
        assert_eq!(&back, judged);
        assert!(
            json.contains("with a date of birth and a postcode or address"),
            "{json}"
        );
        // Merging keeps every reason, in order.
        let mut merged = judged.clone();
        let extra = Reason::new("qi.combination", "Rank", "Inspector", "Rare");
        assert!(!merged.contains(&extra));
        merged.push(extra.clone());
        assert_eq!(merged.len(), judged.len() + 1);
        assert!(merged.contains(&extra));
        assert_eq!(merged.get(judged.len()).map(|r| r.to_reason()), Some(extra));
        assert_eq!(merged.first(), judged.first());
    }
}
