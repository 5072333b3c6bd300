//! The row judgement: which rows identify someone, of what kind, and why.
//!
//! A row is flagged when at least one of its hits identifies on its own
//! ("direct"): a surname (with or without initial or forename), a forename, a
//! name, a staff or collar number, rank + number, a personal e-mail, a mobile
//! or a direct line, an NI number, a house address, a photo named after a
//! person, a free-text mention (rank + name, rank + number, title + name, cue +
//! name, full name), or a date of birth together with a postcode or address.
//! Other hits (rank, grade, vetting, sensitive unit, initial, date of birth,
//! postcode, an extension, a geographic number in prose) only add reasons to a
//! flagged row.
//!
//! The kind:
//! - `staff` when the name or number has staff context: the table has a rank,
//!   grade, staff-number, unit or vetting column, or the name column's header
//!   is a staff word (Officer, Employee); the row has a rank, staff number or
//!   a personal address at a police or government domain; or the free-text
//!   mention is rank + name / number.
//! - `staff_senior` when that staff context is a senior rank or grade
//!   (Commander, ACC and above, Director, SCS).
//! - `person` otherwise: names in columns whose header is a member of the
//!   public (Victim, Complainant, Requester) and names without staff context.
//!
//! The row's kind is the first of its reasons' kinds in [`Kind`] order; the
//! reasons are listed strongest first.

use super::cell::What;
use super::column::Folded;
use super::name::NameShape;
use super::TableScanner;
use crate::report::{ColumnClass, Kind, ReasonRef, Reasons, RowFinding, StoreStr, DOB_COMBO};
use crate::rules::headers::Role;
use crate::rules::names as n;
use crate::rules::patterns::{self as p, PhoneKind, Who};
use crate::rules::staff;
use std::borrow::Cow;
use std::sync::Arc;

/// Rows a geographic number must appear in to count as a switchboard.
const SWITCHBOARD_ROWS: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// Staff (senior or not, decided per row).
    Staff,
    /// A member of the public.
    Public,
    /// Staff if the row or table has staff context, else a member of the public.
    Either,
    /// Staff of this rank.
    Rank(u16),
}

/// Where a candidate's string is: the store's text (a hit's text, a
/// column's label), or the scratch buffer of the row being read.
#[derive(Debug, Clone, Copy)]
enum Src {
    Text(StoreStr),
    Scratch(StoreStr),
}

/// How a candidate's sentence is made.
#[derive(Debug, Clone, Copy)]
enum WhyOf {
    /// `what (column): text`.
    Of(&'static str),
    /// `what (column): text` and the date-of-birth-with-postcode ending.
    OfCombo(&'static str),
    /// Written out.
    Text(Src),
}

/// A reason before the row is judged.
struct Candidate {
    order: u8,
    direct: bool,
    ctx: Ctx,
    rule: &'static str,
    column: Src,
    text: Src,
    why: WhyOf,
}

/// A part of a string: a literal, a string of the store's text (a hit's
/// text, a column's label), or one already written to the scratch buffer.
#[derive(Debug, Clone, Copy)]
enum Part<'a> {
    Lit(&'a str),
    At(StoreStr),
    Sc(StoreStr),
}

use Part::{At, Lit, Sc};

/// The candidate reasons of one row. When only deciding whether the row is
/// flagged (`dry`), no string is written; when its reasons are read,
/// strings made of several parts are written to `scratch`, and single ones
/// point into the store's text.
struct Cands<'b> {
    text: &'b str,
    scratch: &'b mut String,
    dry: bool,
    list: &'b mut Vec<Candidate>,
    /// The row has a date of birth and a postcode or address.
    dob_combo: bool,
}

impl Cands<'_> {
    fn put(&mut self, parts: &[Part]) -> Src {
        match parts {
            [At(s)] => return Src::Text(*s),
            [Sc(s)] => return Src::Scratch(*s),
            _ if self.dry => return Src::Text(StoreStr::default()),
            _ => {}
        }
        let start = self.scratch.len();
        for p in parts {
            match *p {
                Lit(t) => self.scratch.push_str(t),
                At(s) => self.scratch.push_str(s.get(self.text)),
                Sc(s) => {
                    let (a, b) = (s.start(), s.end());
                    if a <= b && b <= start {
                        self.scratch.extend_from_within(a..b);
                    }
                }
            }
        }
        Src::Scratch(StoreStr::new(start, self.scratch.len()))
    }

    /// A reason whose sentence is `What (Column): text`, the shape of most
    /// (written only when read); `column` and `text` are given in parts
    /// (`Forename`, `, `, `Surname`).
    fn of(
        &mut self,
        how: (u8, bool, Ctx),
        rule: &'static str,
        what: &'static str,
        column: &[Part],
        text: &[Part],
    ) {
        let c = self.put(column);
        let t = self.put(text);
        self.add(how, rule, c, t, WhyOf::Of(what));
    }

    /// A reason with a sentence of its own, given in parts.
    fn with(
        &mut self,
        how: (u8, bool, Ctx),
        rule: &'static str,
        column: StoreStr,
        text: StoreStr,
        why: &[Part],
    ) {
        let w = self.put(why);
        self.add(
            how,
            rule,
            Src::Text(column),
            Src::Text(text),
            WhyOf::Text(w),
        );
    }

    fn add(
        &mut self,
        how: (u8, bool, Ctx),
        rule: &'static str,
        column: Src,
        text: Src,
        why: WhyOf,
    ) {
        let (mut order, mut direct, ctx) = how;
        let mut why = why;
        if self.dob_combo && (rule == p::DOB || rule == p::TEXT_DOB || rule == p::POSTCODE) {
            direct = true;
            order = 8;
            why = match why {
                WhyOf::Of(what) | WhyOf::OfCombo(what) => WhyOf::OfCombo(what),
                WhyOf::Text(w) => {
                    let w = match w {
                        Src::Text(s) => At(s),
                        Src::Scratch(s) => Sc(s),
                    };
                    WhyOf::Text(self.put(&[w, Lit(DOB_COMBO)]))
                }
            };
        }
        self.list.push(Candidate {
            order,
            direct,
            ctx,
            rule,
            column,
            text,
            why,
        });
    }
}

/// Whether a hit can make its row flagged, on its own or with others, under
/// any column classification: the hits [`judge_row`] calls direct (a name
/// part, a staff or collar number, an e-mail, a phone, an NI number, an
/// address, a photo named after a person, a free-text mention) and a date of
/// birth (direct with a postcode or address). Whether one of them counts
/// depends on the folded column (`names_ok`, the class, a switchboard), which
/// is not known until the table ends, so they all count here. The rest (rank,
/// grade, vetting, unit, initial, postcode, a photo file name) only add
/// reasons to a row flagged by one of these: a row with none of them is never
/// flagged, and [`super::TableScanner::record`] keeps no hits for it.
pub(crate) fn could_flag(w: &What) -> bool {
    matches!(
        w,
        What::Surname
            | What::Forename
            | What::Name(_)
            | What::Username
            | What::StaffNumber
            | What::CollarShape(_)
            | What::Email { .. }
            | What::Handle
            | What::Vehicle
            | What::Phone { .. }
            | What::Nino
            | What::Nhs
            | What::TextNhs
            | What::Passport
            | What::TextPassport
            | What::Bank
            | What::TextBank
            | What::DrivingLicence
            | What::Ip(true)
            | What::TextIp(true)
            | What::Address
            | What::Photo(true)
            | What::Dob
            | What::TextDob
            | What::TextAddress(_)
            | What::TextRankName(_)
            | What::TextRankNumber(_)
            | What::TextStaffNumber
            | What::TextTitleName
            | What::TextCueName(_)
            | What::TextFullName
            | What::ProfileEmail
            | What::ProfileNumber(_)
            | What::RosterName
            | What::RosterNumber
            | What::Labelled(..)
    )
}

fn rank_name(r: u16) -> &'static str {
    staff::RANKS.get(r as usize).map_or("rank", |x| x.name)
}

fn rank_senior(r: u16) -> bool {
    staff::RANKS.get(r as usize).is_some_and(|x| x.senior)
}

fn is_police_rank(r: u16) -> bool {
    staff::RANKS
        .get(r as usize)
        .is_some_and(|x| x.rule.starts_with("rank."))
}

/// What [`judge_row`] reads of the table, kept with its flagged rows'
/// hits so that their reasons are written only when read.
pub(crate) struct Store {
    /// The scanner's arena: hit texts and column labels.
    text: String,
    /// The kept rows' raw hits, words and memo entries, as the scanner left
    /// them (see [`super::row_hits`]).
    hits: Vec<super::Hit>,
    words: Vec<u32>,
    entries: Vec<super::Memoised>,
    rows: Vec<super::KeptRow>,
    /// Each column's label, in `text`.
    labels: Vec<StoreStr>,
    /// Whether each column's header says it holds home addresses.
    homes: Vec<bool>,
    /// Whether each column's header matched a header rule.
    header_rule: Vec<bool>,
    /// How many rows each geographic number is in, per column.
    phones: Vec<super::FastMap<u64, u32>>,
    folded: Vec<Folded>,
    profile: Option<Arc<crate::profile::Compiled>>,
    table_staff: bool,
    table_names: bool,
    /// The table's headers are about offences or penalties: its vehicle
    /// registrations lead to members of the public.
    table_penalties: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("hits", &self.hits.len())
            .field("words", &self.words.len())
            .field("text", &self.text.len())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Whether a hit is a geographic number that is in so many rows of its
    /// column that it is a switchboard, no one's direct line.
    fn switchboard(&self, h: &super::Hit) -> bool {
        let key = p::phone_key(h.text.get(&self.text));
        self.phones
            .get(h.col as usize)
            .and_then(|c| c.get(&key))
            .is_some_and(|n| *n >= SWITCHBOARD_ROWS)
    }

    /// What [`judge_row`] reads of a hit to decide a row's kind and count
    /// its reasons (the text only in a switchboard's test and a name's
    /// strength in a column where only strong names count): rows with the
    /// same are judged once ([`Verdicts`]).
    fn signature(&self, h: &super::Hit) -> Signature {
        let by_text = match h.what {
            What::Phone {
                kind: PhoneKind::Geographic,
            } => self.switchboard(h),
            What::Name(shape) => self.strong_name(h, shape),
            _ => false,
        };
        (h.col, h.what, by_text)
    }

    /// Whether a name hit is in a column where only strong names count
    /// ([`super::column::Folded::strong_only`]) and is one: strong
    /// ([`super::name::is_strong`]) or after a rank (`PC J Morgan` under
    /// `Payee`).
    fn strong_name(&self, h: &super::Hit, shape: NameShape) -> bool {
        if !self
            .folded
            .get(h.col as usize)
            .is_some_and(|f| f.strong_only)
        {
            return false;
        }
        let v = h.text.get(&self.text);
        super::name::is_strong(v, shape)
            || super::cell::rank_before_name(v, &mut String::new()).is_some()
    }

    /// The hits of the `k`-th kept row, appended to `out`.
    fn row_hits(&self, k: usize, out: &mut Vec<super::Hit>) {
        let Some(row) = self.rows.get(k) else { return };
        let before = k.checked_sub(1).and_then(|p| self.rows.get(p));
        let (w, h) = before.map_or((0, 0), |b| (b.words, b.hits));
        super::row_hits(
            self.words.get(w..row.words).unwrap_or(&[]),
            self.hits.get(h..row.hits).unwrap_or(&[]),
            &self.entries,
            out,
        );
    }

    /// The reasons of the `k`-th kept row, most important first.
    pub(crate) fn reasons(&self, k: usize) -> Vec<ReasonRef<'_>> {
        let mut list = Vec::new();
        let mut scratch = String::new();
        let mut hits = Vec::new();
        self.row_hits(k, &mut hits);
        if judge_row(self, &hits, false, &mut scratch, &mut list).is_none() {
            return Vec::new();
        }
        let text = self.text.as_str();
        let get = |s: Src| -> Cow<'_, str> {
            match s {
                Src::Text(s) => Cow::Borrowed(s.get(text)),
                Src::Scratch(s) => Cow::Owned(s.get(&scratch).to_string()),
            }
        };
        list.iter()
            .map(|c| {
                let column = get(c.column);
                let matched = get(c.text);
                let why = match c.why {
                    WhyOf::Of(what) => Cow::Owned(format!("{what} ({column}): {matched}")),
                    WhyOf::OfCombo(what) => {
                        Cow::Owned(format!("{what} ({column}): {matched}{DOB_COMBO}"))
                    }
                    WhyOf::Text(w) => get(w),
                };
                ReasonRef {
                    rule: c.rule,
                    column,
                    text: matched,
                    why,
                }
            })
            .collect()
    }
}

/// Judge a table's kept rows: the flagged rows, and for each column of
/// special category data how many of them hold a value of it.
pub(crate) fn judge(
    s: TableScanner,
    folded: Vec<Folded>,
) -> (Vec<RowFinding>, Vec<super::SpecialRows>) {
    let labels_staff = s.labels_staff();
    let file_index: Vec<usize> = s.cols.iter().map(|c| c.file_index).collect();
    let has_special = s
        .cols
        .iter()
        .any(|c| matches!(c.mode, super::cell::Mode::Special(_)));
    let TableScanner {
        table,
        cols,
        judge_each_row,
        mut hits,
        words,
        mut entries,
        rows,
        mut arena,
        keys,
        profile,
        ..
    } = s;
    // The memo's keys join the arena; hits of memoised cells point there.
    let base = arena.len();
    arena.push_str(&keys);
    drop(keys);
    for h in &mut hits {
        h.text = h.text.rebase(base);
    }
    for e in &mut entries {
        e.key = e.key.rebase(base);
    }
    let table_staff = labels_staff || folded.iter().any(|f| f.staff_marker);
    let table_names = folded.iter().any(|f| {
        f.names_ok
            && matches!(
                f.class,
                ColumnClass::Name | ColumnClass::Surname | ColumnClass::Forename
            )
    });
    let labels = cols
        .iter()
        .map(|c| super::stash(&mut arena, &c.label))
        .collect();
    let homes = cols.iter().map(|c| home_header(&c.label)).collect();
    let table_penalties = cols
        .iter()
        .any(|c| crate::rules::headers::holds_any(&c.label, p::VEHICLE_PUBLIC_HEADERS));
    let header_rule = cols.iter().map(|c| c.rule.is_some()).collect();
    let phones = cols.into_iter().map(|c| c.phones).collect();
    let store = Store {
        text: arena,
        hits,
        words,
        entries,
        rows,
        labels,
        homes,
        header_rule,
        phones,
        folded,
        profile,
        table_staff,
        table_names,
        table_penalties,
    };
    // Decide each row (kind, number of reasons) without writing a string.
    let store = Arc::new(store);
    let mut out = Vec::with_capacity(store.rows.len());
    let mut list = Vec::new();
    let mut scratch = String::new();
    let mut row_hits = Vec::new();
    let mut verdicts = Verdicts::new(&store, judge_each_row);
    let mut special: Vec<super::SpecialRows> = Vec::new();
    for (k, kept) in store.rows.iter().enumerate() {
        let verdict = verdicts.get_or_judge(&store, k, &mut row_hits, |hits| {
            let kind = judge_row(&store, hits, true, &mut scratch, &mut list);
            let n = list.len();
            list.clear();
            kind.map(|kind| (kind, n))
        });
        if let Some((kind, n)) = verdict {
            out.push(RowFinding {
                row: kept.row,
                kind,
                table,
                reasons: Reasons::judged(&store, k, n),
            });
            // A flagged row's special category values are among its
            // reasons (one hit a cell): counted here, from its hits, as
            // reading every row's reasons back cost more than the check.
            if has_special {
                row_hits.clear();
                store.row_hits(k, &mut row_hits);
                for h in &row_hits {
                    let What::Special(category) = h.what else {
                        continue;
                    };
                    let column = file_index.get(h.col as usize).copied().unwrap_or(0);
                    match special.iter_mut().find(|s: &&mut super::SpecialRows| {
                        s.column == column && s.category == category
                    }) {
                        Some(s) => s.rows += 1,
                        None => special.push(super::SpecialRows {
                            table: table.unwrap_or(0),
                            column,
                            category,
                            rows: 1,
                        }),
                    }
                }
            }
        }
    }
    special.sort_by_key(|s| (s.column, s.category));
    (out, special)
}

/// The verdicts (kind and number of reasons, or not flagged) of the rows
/// judged so far, by their hits' [`Store::signature`]s: the rows of a staff
/// list differ in names and numbers but mostly not in what their hits are,
/// so most are judged by one lookup. Stops looking when it is mostly missed.
///
/// A row's key is read from its words without expanding them into hits: a
/// memo entry's word stands for its class (the signatures of its hits,
/// worked out once per entry), a raw hit for the class of its signature
/// (the two kinds of class are numbered apart, so equal keys mean equal
/// signatures).
#[derive(Default)]
struct Verdicts {
    seen: super::FastMap<Vec<u32>, Verdict>,
    key: Vec<u32>,
    /// The class of each memo entry, by id.
    entry_class: Vec<u32>,
    /// The classes of raw hits' signatures.
    raw_class: super::FastMap<Signature, u32>,
    lookups: u64,
    hits: u64,
    off: bool,
}

/// What [`judge_row`] reads of one hit: column, what, and a switchboard's
/// or a strong name's test of its text.
type Signature = (u32, What, bool);

/// A row's kind and number of reasons, or `None`: not flagged.
type Verdict = Option<(Kind, usize)>;

/// Signatures a table's [`Verdicts`] keeps.
const VERDICTS_MAX: usize = 4096;

/// Marks the class of a raw hit's signature (entries' classes are below).
const RAW_CLASS: u32 = 1 << 31;

impl Verdicts {
    fn new(store: &Store, off: bool) -> Verdicts {
        let mut v = Verdicts {
            off,
            ..Verdicts::default()
        };
        if off {
            return v;
        }
        let mut classes: super::FastMap<Vec<Signature>, u32> = super::FastMap::default();
        for e in &store.entries {
            let sigs: Vec<Signature> = e.hits().map(|h| store.signature(&h)).collect();
            let Some(next) = u32::try_from(classes.len()).ok().filter(|&c| c < RAW_CLASS) else {
                return Verdicts::new(store, true);
            };
            v.entry_class.push(*classes.entry(sigs).or_insert(next));
        }
        v
    }

    /// The key of the `k`-th kept row in `self.key`; false if the classes
    /// ran out (never in practice: they are per column and what).
    fn key_of(&mut self, store: &Store, k: usize) -> bool {
        self.key.clear();
        let Some(row) = store.rows.get(k) else {
            return true;
        };
        let before = k.checked_sub(1).and_then(|p| store.rows.get(p));
        let (w, h) = before.map_or((0, 0), |b| (b.words, b.hits));
        let mut raw = store.hits.get(h..row.hits).unwrap_or(&[]).iter();
        for &word in store.words.get(w..row.words).unwrap_or(&[]) {
            if word != super::RAW {
                self.key.push(
                    self.entry_class
                        .get(word as usize)
                        .copied()
                        .unwrap_or(u32::MAX),
                );
            } else if let Some(hit) = raw.next() {
                let Some(next) = u32::try_from(self.raw_class.len())
                    .ok()
                    .filter(|&c| c < RAW_CLASS)
                else {
                    return false;
                };
                let class = *self
                    .raw_class
                    .entry(store.signature(hit))
                    .or_insert(next | RAW_CLASS);
                self.key.push(class);
            }
        }
        true
    }

    /// The verdict of the `k`-th kept row: remembered, or `judge` of its
    /// hits (expanded into `hits`).
    fn get_or_judge(
        &mut self,
        store: &Store,
        k: usize,
        hits: &mut Vec<super::Hit>,
        judge: impl FnOnce(&[super::Hit]) -> Verdict,
    ) -> Verdict {
        let judged = |hits: &mut Vec<super::Hit>| {
            hits.clear();
            store.row_hits(k, hits);
            judge(hits)
        };
        if self.off {
            return judged(hits);
        }
        if !self.key_of(store, k) {
            self.off = true;
            return judged(hits);
        }
        self.lookups += 1;
        if let Some(v) = self.seen.get(self.key.as_slice()) {
            self.hits += 1;
            return *v;
        }
        let v = judged(hits);
        if self.seen.len() < VERDICTS_MAX {
            self.seen.insert(self.key.clone(), v);
        } else if self.hits * 2 < self.lookups {
            self.off = true;
            self.seen = super::FastMap::default();
        }
        v
    }
}

/// The kind of one row, its reasons left in `list`, or `None` when it is
/// not flagged. `dry`: decide only, write no string.
///
/// The kind and the number of reasons must depend on nothing of a hit but
/// its [`Store::signature`] (column, what, and whether it is a switchboard
/// or, where only strong names count, a strong name): [`Verdicts`] judges
/// rows with the same signatures once. A hit's text may change only the
/// reasons' wording.
fn judge_row(
    tb: &Store,
    hits: &[super::Hit],
    dry: bool,
    scratch: &mut String,
    list: &mut Vec<Candidate>,
) -> Option<Kind> {
    let (folded, table_staff, table_names) = (&tb.folded, tb.table_staff, tb.table_names);
    let text = |h: &super::Hit| At(h.text);
    let label = |h: &super::Hit| At(tb.labels.get(h.col as usize).copied().unwrap_or_default());
    let fold = |h: &super::Hit| folded.get(h.col as usize);
    let class = |h: &super::Hit| fold(h).map_or(ColumnClass::Other, |f| f.class);
    let names_ok = |h: &super::Hit| fold(h).is_some_and(|f| f.names_ok);
    let role = |h: &super::Hit| fold(h).map_or(Role::Neutral, |f| f.role);

    // Staff context and seniority from the row's ranks (columns that folded
    // as ranks or job titles, or rank + number).
    let mut ranks: [u16; 4] = [0; 4];
    let mut nranks = 0usize;
    let mut row_staff = table_staff;
    let mut direct_any = false;
    for h in hits {
        let rank = match h.what {
            // In a name column, the rank a name starts with (`PC J Morgan`).
            What::Rank(r)
                if matches!(
                    class(h),
                    ColumnClass::RankGrade | ColumnClass::JobTitle | ColumnClass::Name
                ) =>
            {
                Some(r)
            }
            What::CollarShape(r) => Some(r),
            What::StaffNumber if names_ok(h) => {
                row_staff = true;
                None
            }
            What::Email { staff_domain: true }
            | What::RoleEmail { staff_domain: true }
            | What::ProfileEmail
            | What::ProfileNumber(_)
            | What::RosterName
            | What::RosterNumber => {
                row_staff = true;
                None
            }
            _ => None,
        };
        if let Some(r) = rank {
            row_staff = true;
            if let Some(slot) = ranks.get_mut(nranks) {
                *slot = r;
                nranks += 1;
            }
        }
        direct_any |= could_flag(&h.what);
    }
    // Cheap exit: rows with only ranks, units, vetting, initials or postcodes.
    if !direct_any {
        return None;
    }
    let ranks = ranks.get(..nranks).unwrap_or(&[]);
    // A row with `Police Staff` as rank and `Chief Operating Officer` as grade is senior.
    let senior = ranks.iter().any(|r| rank_senior(*r));
    let staff_kind = if senior {
        Kind::StaffSenior
    } else {
        Kind::Staff
    };

    // A role mailbox on a row that names no one: a team's or an office's row.
    let team_row = hits
        .iter()
        .any(|h| matches!(h.what, What::RoleEmail { .. }))
        && !hits.iter().any(|h| {
            matches!(
                h.what,
                What::Surname
                    | What::Forename
                    | What::Name(_)
                    | What::Username
                    | What::Email { .. }
                    | What::StaffNumber
                    | What::CollarShape(_)
            )
        });
    // A date of birth with a postcode or address identifies.
    let dob_combo = hits
        .iter()
        .any(|h| matches!(h.what, What::Dob | What::TextDob))
        && hits.iter().any(|h| {
            matches!(
                h.what,
                What::Postcode | What::Address | What::TextAddress(_) | What::TextPostcode
            )
        });
    list.clear();
    let mut cands = Cands {
        text: &tb.text,
        scratch,
        dry,
        list,
        dob_combo,
    };

    // The roster is the strongest signal there is: its reasons come first.
    for h in hits {
        let what = match h.what {
            What::RosterName => "Name on the staff roster",
            What::RosterNumber => "Number on the staff roster",
            _ => continue,
        };
        cands.of(
            (0, true, Ctx::Staff),
            crate::profile::RULE_ROSTER,
            what,
            &[label(h)],
            &[text(h)],
        );
    }

    // Names from separate columns: surname with initial or forename.
    let first = |f: fn(&What) -> bool| hits.iter().find(|h| f(&h.what) && names_ok(h));
    let surname = first(|w| matches!(w, What::Surname));
    let forename = first(|w| matches!(w, What::Forename));
    let initial = first(|w| matches!(w, What::Initial));
    let name_ctx = |h: &super::Hit| match role(h) {
        Role::Public => Ctx::Public,
        Role::Staff => Ctx::Staff,
        Role::Neutral => Ctx::Either,
    };
    match (surname, forename, initial) {
        (Some(sn), Some(fnh), _) => cands.of(
            (0, true, name_ctx(sn)),
            n::SURNAME_FORENAME,
            "Forename and surname",
            &[label(fnh), Lit(", "), label(sn)],
            &[text(fnh), Lit(" "), text(sn)],
        ),
        (Some(sn), None, Some(ini)) => cands.of(
            (0, true, name_ctx(sn)),
            n::SURNAME_INITIAL,
            "Surname and initial",
            &[label(sn), Lit(", "), label(ini)],
            &[text(sn), Lit(" "), text(ini)],
        ),
        (Some(sn), None, None) => cands.of(
            (0, true, name_ctx(sn)),
            n::SURNAME,
            "Surname",
            &[label(sn)],
            &[text(sn)],
        ),
        (None, Some(fnh), Some(i)) => cands.of(
            (1, true, name_ctx(fnh)),
            n::FORENAME,
            "Forename",
            &[label(fnh), Lit(", "), label(i)],
            &[text(fnh), Lit(" "), text(i)],
        ),
        (None, Some(fnh), None) => cands.of(
            (1, true, name_ctx(fnh)),
            n::FORENAME,
            "Forename",
            &[label(fnh)],
            &[text(fnh)],
        ),
        (None, None, _) => {}
    }

    for h in hits {
        let (t, col) = (
            h.text,
            tb.labels.get(h.col as usize).copied().unwrap_or_default(),
        );
        match h.what {
            What::Surname | What::Forename | What::Initial | What::RoleEmail { .. } => {}
            What::Name(shape) => {
                if !names_ok(h) && !tb.strong_name(h, shape) {
                    continue;
                }
                // `PC J Morgan` under `Payee`: the rank it starts with (a hit
                // of the same cell) makes it a member of staff's, whatever
                // side the header names.
                let ranked = hits
                    .iter()
                    .any(|x| x.col == h.col && matches!(x.what, What::Rank(_)));
                let role = if ranked { Role::Staff } else { role(h) };
                let header_rule = tb.header_rule.get(h.col as usize).copied().unwrap_or(false);
                let (rule, what) = match (header_rule, role, shape) {
                    (true, Role::Public, _) => (n::FULL, "Name of a member of the public"),
                    (true, Role::Staff, _) => (n::FULL, "Name of a member of staff"),
                    (true, Role::Neutral, _) => (n::FULL, "Name"),
                    (false, _, NameShape::SurnameInitial) => {
                        (n::SHAPE_SURNAME_INITIAL, "Surname and initial")
                    }
                    (false, _, NameShape::LastFirst) => {
                        (n::SHAPE_LAST_FIRST, "Surname and forename")
                    }
                    (false, _, _) => (n::SHAPE_FIRST_LAST, "Full name"),
                };
                let ctx = if ranked { Ctx::Staff } else { name_ctx(h) };
                cands.of((0, true, ctx), rule, what, &[At(col)], &[At(t)]);
            }
            What::Username => {
                if names_ok(h) {
                    cands.of(
                        (0, true, name_ctx(h)),
                        n::USERNAME,
                        "User name made from a name",
                        &[At(col)],
                        &[At(t)],
                    );
                }
            }
            What::StaffNumber => {
                if names_ok(h) {
                    cands.of(
                        (2, true, Ctx::Staff),
                        p::STAFF_NUMBER,
                        "Staff number",
                        &[At(col)],
                        &[At(t)],
                    );
                }
            }
            What::CollarShape(r) => cands.of(
                (2, true, Ctx::Rank(r)),
                p::COLLAR_SHAPE,
                "Rank and number",
                &[At(col)],
                &[At(t)],
            ),
            What::Email { staff_domain } => {
                let ctx = if staff_domain {
                    Ctx::Staff
                } else {
                    Ctx::Either
                };
                cands.of(
                    (4, true, ctx),
                    p::EMAIL_PERSONAL,
                    "Personal e-mail address",
                    &[At(col)],
                    &[At(t)],
                );
            }
            What::Phone { kind } => match kind {
                PhoneKind::Mobile => cands.of(
                    (5, true, Ctx::Either),
                    p::PHONE_MOBILE,
                    "Mobile phone number",
                    &[At(col)],
                    &[At(t)],
                ),
                PhoneKind::Geographic => {
                    if tb.switchboard(h) {
                        continue;
                    }
                    // A number in a list of people is theirs; in a list of
                    // stations or offices it is the building's, and on a
                    // team's row (a role mailbox, no name) the team's.
                    let direct = class(h) == ColumnClass::Phone && table_names && !team_row;
                    cands.of(
                        (if direct { 5 } else { 15 }, direct, Ctx::Either),
                        p::PHONE_DIRECT,
                        "Direct line",
                        &[At(col)],
                        &[At(t)],
                    );
                }
                PhoneKind::Extension => cands.of(
                    (15, false, Ctx::Either),
                    p::PHONE_DIRECT,
                    "Telephone extension",
                    &[At(col)],
                    &[At(t)],
                ),
                PhoneKind::Service => {}
            },
            What::Nino => cands.of(
                (6, true, Ctx::Either),
                p::NINO,
                "National Insurance number",
                &[At(col)],
                &[At(t)],
            ),
            What::Nhs
            | What::TextNhs
            | What::Passport
            | What::TextPassport
            | What::Bank
            | What::TextBank => {
                let Some((column, class_of, rule, what)) = person_number(&h.what) else {
                    continue;
                };
                if column && class(h) != class_of {
                    continue;
                }
                cands.of((6, true, Ctx::Either), rule, what, &[At(col)], &[At(t)]);
            }
            What::DrivingLicence => cands.of(
                (6, true, Ctx::Either),
                p::DRIVING_LICENCE,
                "Driving licence number",
                &[At(col)],
                &[At(t)],
            ),
            // An IP address, in a column of them or in free text: a public
            // one is an online identifier (a visitor's, a home's, a
            // phone's); one of the organisation's own network only adds to
            // a flagged row. A value that looks like one in a column of
            // something else (`1.2.3.4` among version numbers) is not one.
            What::Ip(public) | What::TextIp(public) => {
                if matches!(h.what, What::Ip(_)) && class(h) != ColumnClass::IpAddress {
                    continue;
                }
                let (how, what) = if public {
                    ((6, true, Ctx::Either), "IP address")
                } else {
                    (
                        (15, false, Ctx::Either),
                        "IP address on an internal network",
                    )
                };
                cands.of(how, p::IP_ADDRESS, what, &[At(col)], &[At(t)]);
            }
            What::Address => {
                // A street address identifies a person only under a header
                // that says it is a home (stations and offices have addresses too).
                let home = tb.homes.get(h.col as usize).copied().unwrap_or(false);
                let what = if home { "Home address" } else { "Address" };
                cands.of(
                    (if home { 7 } else { 14 }, home, Ctx::Either),
                    p::ADDRESS,
                    what,
                    &[At(col)],
                    &[At(t)],
                );
            }
            What::Photo(true) => cands.of(
                (8, true, Ctx::Either),
                p::PHOTO,
                "Photo file named after a person",
                &[At(col)],
                &[At(t)],
            ),
            What::Photo(false) => cands.of(
                (16, false, Ctx::Either),
                p::PHOTO,
                "Photo file name",
                &[At(col)],
                &[At(t)],
            ),
            What::Dob => cands.of(
                (13, false, Ctx::Either),
                p::DOB,
                "Date of birth",
                &[At(col)],
                &[At(t)],
            ),
            // In a note, a date of birth is always someone's, and no risk
            // model sees it beside the rest: it flags its row (a column of
            // dates of birth is left to the combination model).
            What::TextDob => cands.of(
                (13, true, Ctx::Either),
                p::TEXT_DOB,
                "Date of birth in text",
                &[At(col)],
                &[At(t)],
            ),
            What::Postcode => cands.of(
                (14, false, Ctx::Either),
                p::POSTCODE,
                "Full postcode",
                &[At(col)],
                &[At(t)],
            ),
            // As in an address column: identifying only when the words
            // before it say it is a home.
            What::TextAddress(home) => cands.of(
                (if home { 7 } else { 14 }, home, Ctx::Either),
                p::TEXT_ADDRESS,
                if home {
                    "Home address in text"
                } else {
                    "Address in text"
                },
                &[At(col)],
                &[At(t)],
            ),
            What::TextPostcode => cands.of(
                (14, false, Ctx::Either),
                p::TEXT_POSTCODE,
                "Full postcode in text",
                &[At(col)],
                &[At(t)],
            ),
            What::TextAge => cands.of(
                (15, false, Ctx::Either),
                p::TEXT_AGE,
                "Age in text",
                &[At(col)],
                &[At(t)],
            ),
            What::Vehicle => {
                if tb.table_penalties {
                    cands.of(
                        (14, true, Ctx::Public),
                        p::VEHICLE,
                        "Vehicle registration of a member of the public",
                        &[At(col)],
                        &[At(t)],
                    );
                }
            }
            What::TextVehicle => cands.of(
                (15, false, Ctx::Either),
                p::TEXT_VEHICLE,
                "Vehicle registration in text",
                &[At(col)],
                &[At(t)],
            ),
            What::Rank(r) => {
                if matches!(class(h), ColumnClass::RankGrade | ColumnClass::JobTitle) {
                    let rule = staff::RANKS
                        .get(r as usize)
                        .map_or(staff::RANK_POLICE, |x| x.rule);
                    // `Rank Inspector in Rank`; `Rank Chief Superintendent in Rank: Ch Supt`;
                    // `Senior grade in Grade: SCS2`.
                    let why: &[Part] = match (is_police_rank(r), rank_senior(r)) {
                        (true, senior) => {
                            let what = if senior { "Senior rank " } else { "Rank " };
                            if t.get(cands.text).eq_ignore_ascii_case(rank_name(r)) {
                                &[Lit(what), Lit(rank_name(r)), Lit(" in "), At(col)]
                            } else {
                                &[
                                    Lit(what),
                                    Lit(rank_name(r)),
                                    Lit(" in "),
                                    At(col),
                                    Lit(": "),
                                    At(t),
                                ]
                            }
                        }
                        (false, true) => &[Lit("Senior grade in "), At(col), Lit(": "), At(t)],
                        (false, false) => &[Lit("Grade in "), At(col), Lit(": "), At(t)],
                    };
                    cands.with((10, false, Ctx::Rank(r)), rule, col, t, why);
                }
            }
            What::Vetting(v) => {
                let name = staff::VETTING_LEVELS
                    .get(v as usize)
                    .map_or("vetting", |x| x.name);
                cands.with(
                    (12, false, Ctx::Staff),
                    staff::VETTING,
                    col,
                    t,
                    &[
                        Lit("Vetting level "),
                        Lit(name),
                        Lit(" in "),
                        At(col),
                        Lit(": "),
                        At(t),
                    ],
                );
            }
            // After what identifies the person, before their rank: the
            // reason a disclosure of this row is serious.
            What::Special(c) => {
                if let Some(k) = crate::rules::special::category(c) {
                    cands.with(
                        (9, false, Ctx::Either),
                        k.rule,
                        col,
                        t,
                        &[
                            Lit(k.label),
                            Lit(" (special category data) in "),
                            At(col),
                            Lit(": "),
                            At(t),
                        ],
                    );
                }
            }
            What::Unit(u) => {
                let name = staff::SENSITIVE_UNITS
                    .get(u as usize)
                    .map_or("sensitive", |x| x.1);
                cands.with(
                    (11, false, Ctx::Staff),
                    staff::UNIT_SENSITIVE,
                    col,
                    t,
                    &[
                        Lit("Sensitive unit ("),
                        Lit(name),
                        Lit(") in "),
                        At(col),
                        Lit(": "),
                        At(t),
                    ],
                );
            }
            What::ProfileUnit => cands.with(
                (11, false, Ctx::Staff),
                crate::profile::RULE_SENSITIVE_UNIT,
                col,
                t,
                &[
                    Lit("Sensitive unit (on your organisation's list) in "),
                    At(col),
                    Lit(": "),
                    At(t),
                ],
            ),
            What::TextRankName(r) => cands.of(
                (1, true, Ctx::Rank(r)),
                p::TEXT_RANK_NAME,
                "Officer named with rank",
                &[At(col)],
                &[At(t)],
            ),
            What::TextRankNumber(r) => {
                cands.of(
                    (1, true, Ctx::Rank(r)),
                    p::TEXT_RANK_NUMBER,
                    "Officer identified by rank and number",
                    &[At(col)],
                    &[At(t)],
                );
            }
            What::TextStaffNumber => cands.of(
                (2, true, Ctx::Staff),
                p::TEXT_STAFF_NUMBER,
                "Staff or collar number in text",
                &[At(col)],
                &[At(t)],
            ),
            What::TextTitleName => cands.of(
                (3, true, Ctx::Public),
                p::TEXT_TITLE_NAME,
                "Person named",
                &[At(col)],
                &[At(t)],
            ),
            What::TextCueName(who) => {
                let ctx = if who == Who::Staff {
                    Ctx::Staff
                } else {
                    Ctx::Public
                };
                cands.of(
                    (3, true, ctx),
                    p::TEXT_CUE_NAME,
                    "Person named",
                    &[At(col)],
                    &[At(t)],
                );
            }
            What::Handle => cands.of(
                (3, true, Ctx::Either),
                p::SOCIAL_HANDLE,
                "Social media handle",
                &[At(col)],
                &[At(t)],
            ),
            What::TextFullName => cands.of(
                (3, true, Ctx::Either),
                p::TEXT_FULL_NAME,
                "Full name",
                &[At(col)],
                &[At(t)],
            ),
            What::Labelled(class, role) => {
                let ctx = match role {
                    _ if class == ColumnClass::StaffNumber => Ctx::Staff,
                    Role::Staff => Ctx::Staff,
                    Role::Public => Ctx::Public,
                    Role::Neutral => Ctx::Either,
                };
                cands.of(
                    (3, true, ctx),
                    crate::rules::headers::ROW_LABEL,
                    labelled_what(class),
                    &[At(col)],
                    &[At(t)],
                );
            }
            What::ProfileEmail => cands.of(
                (4, true, Ctx::Staff),
                crate::profile::RULE_DOMAIN,
                "Personal e-mail address at the organisation's domain",
                &[At(col)],
                &[At(t)],
            ),
            What::ProfileNumber(i) => {
                let shape = tb.profile.as_deref().and_then(|p| p.shape(i as usize));
                let (what, pattern) = shape.map_or(("staff number", ""), |x| {
                    (x.kind.label(), x.pattern.as_str())
                });
                cands.with(
                    (2, true, Ctx::Staff),
                    crate::profile::RULE_NUMBER_SHAPE,
                    col,
                    t,
                    &[
                        Lit("Staff number: the organisation's "),
                        Lit(what),
                        Lit(" shape "),
                        Lit(pattern),
                        Lit(" ("),
                        At(col),
                        Lit("): "),
                        At(t),
                    ],
                );
            }
            What::RosterName | What::RosterNumber => {}
        }
    }

    let Cands { list, .. } = cands;
    if !list.iter().any(|c| c.direct) {
        list.clear();
        return None;
    }
    let kind_of = |ctx: Ctx| match ctx {
        Ctx::Staff => staff_kind,
        Ctx::Public => Kind::Person,
        Ctx::Either if row_staff => staff_kind,
        Ctx::Either => Kind::Person,
        Ctx::Rank(r) if rank_senior(r) => Kind::StaffSenior,
        Ctx::Rank(_) => Kind::Staff,
    };
    // The row is what its strongest reason says: a claimant's name column
    // outranks an officer named in the notes; an officer named by rank
    // outranks a complainant named in the same text.
    // (Deciding only: the first strongest is the one the sort would put first.)
    if dry {
        return list
            .iter()
            .min_by_key(|c| (!c.direct, c.order))
            .map(|c| kind_of(c.ctx));
    }
    list.sort_by_key(|c| (!c.direct, c.order));
    list.first().map(|c| kind_of(c.ctx))
}

/// Numbers that are a person's wherever they are found, but that a column
/// holds only under a header of their class (elsewhere the same digits are
/// a reference): for each hit, whether it is a column's (not free text's),
/// that class, its rule and what it is called.
/// - An NHS number is a patient's (a ten-digit number with a valid check
///   digit in a column of something else is a reference).
/// - A passport number (nine digits elsewhere are a reference).
/// - Bank details: a sort code, an account number or an IBAN. Whoever's
///   account it is, it is no one's to publish.
fn person_number(w: &What) -> Option<(bool, ColumnClass, &'static str, &'static str)> {
    use ColumnClass as C;
    let (nhs, passport, bank) = (
        (C::NhsNumber, p::NHS_NUMBER, "NHS number"),
        (C::PassportNumber, p::PASSPORT, "Passport number"),
        (C::BankDetails, p::BANK, "Bank details"),
    );
    let (column, (class, rule, what)) = match w {
        What::Nhs => (true, nhs),
        What::TextNhs => (false, nhs),
        What::Passport => (true, passport),
        What::TextPassport => (false, passport),
        What::Bank => (true, bank),
        What::TextBank => (false, bank),
        _ => return None,
    };
    Some((column, class, rule, what))
}

/// How a reason names a value its row's label identified.
fn labelled_what(class: ColumnClass) -> &'static str {
    use ColumnClass as C;
    match class {
        C::Surname => "Surname, as its row's label says",
        C::Forename => "Forename, as its row's label says",
        C::Initial => "Initial, as its row's label says",
        C::StaffNumber => "Staff number, as its row's label says",
        C::Email => "E-mail address, as its row's label says",
        C::Phone => "Phone number, as its row's label says",
        C::NiNumber => "National Insurance number, as its row's label says",
        C::NhsNumber => "NHS number, as its row's label says",
        C::PassportNumber => "Passport number, as its row's label says",
        C::BankDetails => "Bank details, as its row's label says",
        C::IpAddress => "IP address, as its row's label says",
        C::DateOfBirth => "Date of birth, as its row's label says",
        C::Address => "Address, as its row's label says",
        _ => "Name, as its row's label says",
    }
}

/// Whether a column header says it holds home addresses.
fn home_header(col: &str) -> bool {
    let l = col.to_ascii_lowercase();
    [
        "home",
        "residential",
        "residence",
        "private",
        "victim",
        "witness",
        "suspect",
        "complainant",
        "claimant",
        "of person",
    ]
    .iter()
    .any(|w| l.contains(w))
}
