//! Re-identification by combination (k-anonymity).
//!
//! While rows stream in, the values of candidate columns (chosen from the
//! header, a few unknown ones kept in case the detector recognises them) are
//! interned to `u16` ids per column; nothing else is kept. At the end the
//! quasi-identifier columns are chosen with the detector's classification,
//! rows are grouped by the combination of all of them, and every row whose
//! group is smaller than k is flagged. Subsets of 1, 2 and 3 columns (of the
//! first `max_qi_columns`) find the simplest combination that singles each
//! flagged row out, which is what the reason shows. A greedy search then
//! suggests which columns to remove or coarsen.

use std::collections::HashMap;

use super::group::{Combinations, Groups};
use super::words::{
    class_is_identifier, header_meaning, is_total_label, is_vacant, normalise, trim, HeaderMeaning,
    QiKind,
};
use crate::detect::FastMap;
use crate::report::{Advice, ColumnClass, ColumnReport, Kind, Reason, RowFinding};

/// Columns of unknown meaning kept in case the detector classifies them.
const MAX_MAYBE: usize = 6;
/// Columns stored at most.
const MAX_STORED: usize = 24;
/// Distinct values per column at most (ids are `u16`, 0 is the blank).
const MAX_DISTINCT: usize = u16::MAX as usize - 1;
/// Rounds of the greedy fix search.
const MAX_ROUNDS: usize = 5;

/// The rule id of a k-anonymity finding.
pub const RULE: &str = "combo.k_anonymity";

/// Why a stored column stopped being stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dropped {
    /// More distinct values than ids.
    TooMany,
    /// Almost every value different: an identifier, not a quasi-identifier.
    IdLike,
}

use crate::shortkey::{short_key, ShortKey};

/// The id of each distinct text of a column: short texts (most values of a
/// quasi-identifier) by their [`ShortKey`], longer ones by their text.
#[derive(Default)]
struct Dict {
    short: FastMap<ShortKey, u16>,
    long: FastMap<Box<str>, u16>,
}

impl Dict {
    fn get(&self, text: &str) -> Option<u16> {
        match short_key(text) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(text).copied(),
        }
    }

    fn insert(&mut self, text: &str, id: u16) {
        match short_key(text) {
            Some(k) => self.short.insert(k, id),
            None => self.long.insert(text.into(), id),
        };
    }
}

/// One stored column.
struct Stored {
    /// Index within the table.
    j: usize,
    header: String,
    header_kind: Option<QiKind>,
    forced: bool,
    dict: Dict,
    /// Text of each id; index 0 is the blank.
    values: Vec<Box<str>>,
    ids: Vec<u16>,
    nonblank: u64,
    dropped: Option<Dropped>,
}

impl Stored {
    fn card(&self) -> u32 {
        self.values.len() as u32
    }

    fn push(&mut self, cell: &str, rows_so_far: u64) {
        if self.dropped.is_some() {
            return;
        }
        let cell = trim(cell);
        let id = if cell.is_empty() {
            0
        } else {
            self.nonblank += 1;
            match self.dict.get(cell) {
                Some(id) => id,
                None => {
                    if self.values.len() > MAX_DISTINCT {
                        self.drop_values(Dropped::TooMany);
                        return;
                    }
                    let id = self.values.len() as u16;
                    self.values.push(cell.into());
                    self.dict.insert(cell, id);
                    id
                }
            }
        };
        self.ids.push(id);
        // An identifier shows itself early; stop storing it.
        if !self.forced
            && rows_so_far >= 1000
            && rows_so_far.is_power_of_two()
            && (self.values.len() as u64) * 10 > self.nonblank * 9
        {
            self.drop_values(Dropped::IdLike);
        }
    }

    fn drop_values(&mut self, why: Dropped) {
        self.dropped = Some(why);
        self.ids = Vec::new();
        self.dict = Dict::default();
    }
}

/// Collects the candidate columns of one table.
pub(crate) struct Collector {
    first_column: usize,
    cols: Vec<Stored>,
    rows: Vec<u64>,
}

/// Whether a header is named in a list of overrides.
pub(crate) fn named_in(header: &str, list: &[String]) -> bool {
    let h = normalise(header);
    list.iter().any(|x| normalise(x) == h)
}

impl Collector {
    pub(crate) fn new(
        first_column: usize,
        header: &[String],
        qi_columns: &[String],
        not_qi_columns: &[String],
    ) -> Self {
        let mut cols = Vec::new();
        let mut maybe = 0;
        for (j, h) in header.iter().enumerate() {
            if cols.len() >= MAX_STORED {
                break;
            }
            let forced = named_in(h, qi_columns);
            if !forced && named_in(h, not_qi_columns) {
                continue;
            }
            let header_kind = match header_meaning(h) {
                Some((HeaderMeaning::Qi(k), _)) => Some(k),
                _ => None,
            };
            let keep = forced
                || header_kind.is_some()
                || (header_meaning(h).is_none() && {
                    maybe += 1;
                    maybe <= MAX_MAYBE
                });
            if keep {
                cols.push(Stored {
                    j,
                    header: h.clone(),
                    header_kind,
                    forced,
                    dict: Dict::default(),
                    values: vec!["".into()],
                    ids: Vec::new(),
                    nonblank: 0,
                    dropped: None,
                });
            }
        }
        Collector {
            first_column,
            cols,
            rows: Vec::new(),
        }
    }

    pub(crate) fn record(&mut self, row: u64, fields: &[&str]) {
        // A totals row or a post with no holder is not a person: it is
        // neither flagged nor counted in anyone's group (a vacant post gives
        // no cover to the one person who shares its grade and title).
        let first = fields.iter().map(|f| trim(f)).find(|f| !f.is_empty());
        if first.is_some_and(is_total_label) || fields.iter().any(|f| is_vacant(f)) {
            return;
        }
        self.rows.push(row);
        let n = self.rows.len() as u64;
        for c in &mut self.cols {
            c.push(fields.get(c.j).copied().unwrap_or(""), n);
        }
    }

    /// The chosen quasi-identifier columns (indices into `cols`, with their
    /// kind), in order of preference, and notes on columns left out.
    fn choose(&self, columns: &[ColumnReport]) -> (Vec<(usize, QiKind)>, Vec<&Stored>) {
        let mut chosen = Vec::new();
        let mut id_like = Vec::new();
        for (i, c) in self.cols.iter().enumerate() {
            let class = columns
                .iter()
                .find(|r| r.index == self.first_column + c.j)
                .map(|r| r.class);
            let kind = if c.forced {
                Some(
                    c.header_kind
                        .or(class.and_then(QiKind::from_class))
                        .unwrap_or(QiKind::Personal),
                )
            } else {
                match class {
                    Some(cl)
                        if class_is_identifier(cl)
                            || matches!(
                                cl,
                                ColumnClass::FreeText | ColumnClass::Count | ColumnClass::Reference
                            ) =>
                    {
                        None
                    }
                    Some(ColumnClass::Date) => c.header_kind,
                    Some(cl) => QiKind::from_class(cl).or(c.header_kind),
                    None => c.header_kind,
                }
            };
            let Some(kind) = kind else { continue };
            match c.dropped {
                Some(Dropped::IdLike) if !c.forced => {
                    id_like.push(c);
                    continue;
                }
                Some(_) => {
                    id_like.push(c);
                    continue;
                }
                None => {}
            }
            // values[0] is the blank.
            let distinct = (c.values.len() as u64).saturating_sub(1);
            if !c.forced && c.nonblank >= 20 && distinct * 10 > c.nonblank * 9 {
                id_like.push(c);
                continue;
            }
            if c.values.len() <= 1 {
                continue; // all blank
            }
            chosen.push((i, kind));
        }
        chosen.sort_by_key(|&(i, kind)| (!self.cols.get(i).is_some_and(|c| c.forced), kind, i));
        (chosen, id_like)
    }

    /// Leave out the rows whose personal quasi-identifiers (rank, gender,
    /// age...; not unit or location) are all blank: nothing on them describes
    /// a person (a role mailbox, a switchboard line), so they are neither
    /// flagged nor counted in anyone's group.
    fn drop_rows_without_person(&mut self, chosen: &[(usize, QiKind)]) {
        let personal: Vec<usize> = chosen
            .iter()
            .filter(|&&(i, kind)| kind.is_personal() || self.cols.get(i).is_some_and(|c| c.forced))
            .map(|&(i, _)| i)
            .collect();
        if personal.is_empty() {
            return;
        }
        let n = self.rows.len();
        let keep: Vec<bool> = (0..n)
            .map(|r| {
                personal.iter().any(|&i| {
                    self.cols
                        .get(i)
                        .and_then(|c| c.ids.get(r))
                        .is_some_and(|&id| id != 0)
                })
            })
            .collect();
        if keep.iter().all(|&k| k) {
            return;
        }
        let mut r = 0;
        self.rows.retain(|_| {
            r += 1;
            keep.get(r - 1).copied().unwrap_or(true)
        });
        for c in &mut self.cols {
            if c.ids.len() == n {
                let mut r = 0;
                c.ids.retain(|_| {
                    r += 1;
                    keep.get(r - 1).copied().unwrap_or(true)
                });
                c.nonblank = c.ids.iter().filter(|&&id| id != 0).count() as u64;
            }
        }
    }

    /// Judge the rows. `k` as in the options; `max_subset_columns` bounds the
    /// columns used in 1- to 3-column subsets.
    pub(crate) fn finish(
        mut self,
        table: usize,
        columns: &[ColumnReport],
        k: u32,
        max_subset_columns: usize,
    ) -> (Vec<RowFinding>, Vec<Advice>) {
        let mut advice = Vec::new();
        let (chosen, _) = self.choose(columns);
        self.drop_rows_without_person(&chosen);
        let (chosen, id_like) = self.choose(columns);
        let personal = chosen
            .iter()
            .any(|&(i, kind)| kind.is_personal() || self.cols.get(i).is_some_and(|c| c.forced));
        if !personal || self.rows.is_empty() {
            return (Vec::new(), advice);
        }
        for c in id_like {
            advice.push(Advice {
                table,
                rule: RULE.to_string(),
                columns: vec![c.header.clone()],
                text: format!(
                    "\"{}\" has a different value on almost every row, so it was not combined with \
                     the other columns: on its own it may point to one person. Check whether it \
                     needs to be published.",
                    c.header
                ),
            });
        }
        let cols: Vec<&Stored> = chosen
            .iter()
            .filter_map(|&(i, _)| self.cols.get(i))
            .collect();
        let kinds: Vec<QiKind> = chosen.iter().map(|&(_, k)| k).collect();
        let data: Vec<(&[u16], u32)> = cols.iter().map(|c| (c.ids.as_slice(), c.card())).collect();
        // Every grouping below is of the distinct combinations, not the rows.
        let Some(combos) = Combinations::new(&data) else {
            return (Vec::new(), advice);
        };
        let full_size = |r: usize| -> Option<u32> {
            combos.weights.get(*combos.of_row.get(r)? as usize).copied()
        };
        let flagged: Vec<usize> = (0..combos.rows())
            .filter(|&r| full_size(r).is_some_and(|s| s < k))
            .collect();
        if flagged.is_empty() {
            return (Vec::new(), advice);
        }
        let data: Vec<(&[u16], u32)> = combos
            .columns
            .iter()
            .zip(&cols)
            .map(|(ids, c)| (ids.as_slice(), c.card()))
            .collect();

        // The simplest combination singling out each flagged row.
        let all: Vec<usize> = (0..cols.len()).collect();
        let mut subsets: Vec<Vec<usize>> = vec![all.clone()];
        let mut best: Vec<(usize, u32, usize)> = flagged
            .iter()
            .map(|&r| (all.len(), full_size(r).unwrap_or(0), 0))
            .collect();
        let mut unique: Vec<Option<(usize, usize)>> = flagged
            .iter()
            .map(|&r| (full_size(r) == Some(1)).then_some((all.len(), 0)))
            .collect();
        let top = cols.len().min(max_subset_columns.max(1));
        let mut consider = |set: Vec<usize>, g: &Groups| {
            let sizes = g.weighted_sizes(&combos.weights);
            let idx = subsets.len();
            let n = set.len();
            let mut used = false;
            for (f, &r) in flagged.iter().enumerate() {
                let s = combos.size_of_row(g, &sizes, r).unwrap_or(u32::MAX);
                if s >= k {
                    continue;
                }
                if let Some(b) = best.get_mut(f) {
                    if (n, s) < (b.0, b.1) {
                        *b = (n, s, idx);
                        used = true;
                    }
                }
                if s == 1 {
                    if let Some(u) = unique.get_mut(f) {
                        if u.is_none_or(|(un, _)| n < un) {
                            *u = Some((n, idx));
                            used = true;
                        }
                    }
                }
            }
            if used {
                subsets.push(set);
            }
        };
        for a in 0..top {
            let Some(&(va, ca)) = data.get(a) else {
                continue;
            };
            let ga = Groups::of_column(va, ca);
            consider(vec![a], &ga);
            for b in a + 1..top {
                let Some(&(vb, cb)) = data.get(b) else {
                    continue;
                };
                let gab = ga.with_column(vb, cb);
                consider(vec![a, b], &gab);
                for c in b + 1..top {
                    let Some(&(vc, cc)) = data.get(c) else {
                        continue;
                    };
                    consider(vec![a, b, c], &gab.with_column(vc, cc));
                }
            }
        }

        let described = Described::new(&cols, &kinds);
        let mut rows = Vec::with_capacity(flagged.len());
        for (f, &r) in flagged.iter().enumerate() {
            let Some(&row) = self.rows.get(r) else {
                continue;
            };
            let Some(&(_, size, idx)) = best.get(f) else {
                continue;
            };
            let mut reasons = Vec::new();
            if let Some(set) = subsets.get(idx) {
                reasons.push(described.reason(set, r, size, k));
            }
            if size > 1 {
                if let Some(Some((_, uidx))) = unique.get(f) {
                    if let Some(set) = subsets.get(*uidx) {
                        reasons.push(described.reason(set, r, 1, k));
                    }
                }
            }
            rows.push(RowFinding {
                row,
                kind: Kind::QuasiIdentifier,
                table: Some(table),
                reasons: reasons.into(),
            });
        }

        advice.push(fix_advice(
            table,
            &cols,
            &kinds,
            &combos,
            flagged.len(),
            self.rows.len(),
            k,
        ));
        (rows, advice)
    }
}

/// How one value reads in a description.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Frag {
    /// A gender: adjective before a rank ("female"), noun without ("woman").
    Gender(&'static str, &'static str),
    /// A rank or job title: the head noun.
    Head(String),
    /// A phrase after the noun ("in Crime Operations", "at Lisburn").
    Tail(String),
}

/// The fragment of one value; `gendered`/`headed` say whether an earlier
/// value already took the gender or head slot.
fn fragment(kind: QiKind, header: &str, value: &str) -> Frag {
    if value.is_empty() {
        return Frag::Tail(format!("with no {header} given"));
    }
    match kind {
        QiKind::Gender => {
            let g = normalise(value);
            match g.trim() {
                "f" | "female" | "woman" | "women" | "w" => Frag::Gender("female", "woman"),
                "m" | "male" | "man" | "men" => Frag::Gender("male", "man"),
                _ => Frag::Tail(format!("with {header} {value}")),
            }
        }
        QiKind::Rank | QiKind::JobTitle => Frag::Head(value.to_string()),
        QiKind::Unit => Frag::Tail(format!("in {value}")),
        QiKind::Location => Frag::Tail(format!("at {value}")),
        QiKind::Age => Frag::Tail(format!("aged {value}")),
        QiKind::Service => {
            let h = normalise(header);
            if [
                "join",
                "joined",
                "start",
                "started",
                "appointment",
                "joining",
            ]
            .iter()
            .any(|w| h.contains(&format!(" {w} ")))
            {
                Frag::Tail(format!("who joined in {value}"))
            } else {
                Frag::Tail(format!("with {header} {value}"))
            }
        }
        QiKind::Ethnicity => Frag::Tail(format!("of {value} ethnicity")),
        _ => Frag::Tail(format!("with {header} {value}")),
    }
}

/// Join fragments: gender and head noun first, then the phrases in order.
fn assemble(frags: &[&Frag]) -> String {
    let mut gender: Option<(&str, &str)> = None;
    let mut head: Option<&str> = None;
    let mut tail: Vec<&str> = Vec::new();
    for f in frags {
        match f {
            Frag::Gender(adj, noun) if gender.is_none() => gender = Some((adj, noun)),
            Frag::Gender(adj, _) => tail.push(adj),
            Frag::Head(h) if head.is_none() => head = Some(h),
            Frag::Head(h) | Frag::Tail(h) => tail.push(h),
        }
    }
    let mut s = match (gender, head) {
        (Some((adj, _)), Some(h)) => format!("{adj} {h}"),
        (Some((_, n)), None) => n.to_string(),
        (None, Some(h)) => h.to_string(),
        (None, None) => "person".to_string(),
    };
    for t in tail {
        s.push(' ');
        s.push_str(t);
    }
    s
}

/// "a" or "an" before a description: by its first letter's sound, and for an
/// acronym (`HEO`, `PCSO`) by the letter's name.
fn article(phrase: &str) -> &'static str {
    let word = phrase.split_whitespace().next().unwrap_or("");
    let acronym = word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase());
    let lower = word.to_lowercase();
    let Some(first) = lower.chars().next() else {
        return "a";
    };
    let an = if acronym {
        "aefhilmnorsx".contains(first)
    } else {
        match first {
            'a' | 'i' => true,
            'e' => !lower.starts_with("eu"),
            'o' => !lower.starts_with("one"),
            'u' => !["uni", "use", "usu", "uti"]
                .iter()
                .any(|p| lower.starts_with(p)),
            'h' => ["hour", "honest", "honour"]
                .iter()
                .any(|p| lower.starts_with(p)),
            '8' => true,
            _ => lower.starts_with("11") || lower.starts_with("18"),
        }
    };
    if an {
        "an"
    } else {
        "a"
    }
}

/// A plain-English description of a combination of values, each given as
/// (kind, header, value): "female Chief Inspector in Crime Operations at
/// Lisburn who joined in 1998".
pub fn describe(parts: &[(QiKind, &str, &str)]) -> String {
    let frags: Vec<Frag> = parts.iter().map(|&(k, h, v)| fragment(k, h, v)).collect();
    assemble(&frags.iter().collect::<Vec<_>>())
}

/// The chosen columns with each value's fragment worked out once.
struct Described<'a> {
    cols: Vec<&'a Stored>,
    frags: Vec<Vec<Frag>>,
}

impl<'a> Described<'a> {
    fn new(cols: &[&'a Stored], kinds: &[QiKind]) -> Self {
        let frags = cols
            .iter()
            .zip(kinds)
            .map(|(c, &k)| c.values.iter().map(|v| fragment(k, &c.header, v)).collect())
            .collect();
        Described {
            cols: cols.to_vec(),
            frags,
        }
    }

    /// The reason for row `r` and the columns `set`.
    fn reason(&self, set: &[usize], r: usize, size: u32, k: u32) -> Reason {
        let mut frags: Vec<&Frag> = Vec::with_capacity(set.len());
        let mut column = String::new();
        let mut text = String::new();
        for &i in set {
            let (Some(c), Some(fr)) = (self.cols.get(i), self.frags.get(i)) else {
                continue;
            };
            let id = c.ids.get(r).copied().unwrap_or(0) as usize;
            if !column.is_empty() {
                column.push_str(" + ");
                text.push_str(" | ");
            }
            column.push_str(&c.header);
            text.push_str(c.values.get(id).map_or("", |v| v));
            if let Some(f) = fr.get(id) {
                frags.push(f);
            }
        }
        let phrase = assemble(&frags);
        let what = if set.len() == 1 {
            "this fact"
        } else {
            "these facts"
        };
        let why = if size <= 1 {
            format!(
                "Even without a name, this row is the only {phrase} in the table: anyone who \
                 knows {what} about someone can tell it is them."
            )
        } else {
            format!(
                "Even without a name, this row is one of only {size} rows that describe {} \
                 {phrase} (fewer than k = {k}): anyone who knows {what} can narrow it to {size} \
                 people.",
                article(&phrase)
            )
        };
        Reason::new(RULE, &column, &text, &why)
    }
}

/// A move of the greedy fix search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Move {
    Remove(usize),
    Coarsen(usize),
}

/// A column's ids (`ids`, of the values of `c`) after coarsening (years to
/// decades, ages to bands...), with the new cardinality and a phrase; `None`
/// when nothing coarsens.
fn coarsened(c: &Stored, ids: &[u16], kind: QiKind) -> Option<(Vec<u16>, u32, &'static str)> {
    let mut phrase = "";
    let mut dict: HashMap<String, u16> = HashMap::new();
    let mut map: Vec<u16> = Vec::with_capacity(c.values.len());
    dict.insert(String::new(), 0);
    for v in &c.values {
        let (text, p) = coarse_value(v, kind);
        if text != **v {
            phrase = p;
        }
        let next = dict.len() as u16;
        map.push(*dict.entry(text).or_insert(next));
    }
    let card = dict.len() as u32;
    if phrase.is_empty() || card >= c.card() {
        return None;
    }
    let ids = ids
        .iter()
        .map(|&id| map.get(id as usize).copied().unwrap_or(0))
        .collect();
    Some((ids, card, phrase))
}

/// One value coarsened (year to decade, age to 10-year band, salary to
/// £10,000 band), and the phrase describing how ("" when unchanged).
pub fn coarse_value(v: &str, kind: QiKind) -> (String, &'static str) {
    let t = v.trim();
    let number: Option<f64> = t
        .trim_start_matches('£')
        .replace(',', "")
        .trim()
        .parse()
        .ok();
    match kind {
        QiKind::Service => {
            if let Some(y) = find_year(t) {
                return (format!("{}s", y / 10 * 10), "years to decades");
            }
            if let Some(n) = number.filter(|n| (0.0..100.0).contains(n)) {
                let b = (n as u32) / 5 * 5;
                return (
                    format!("{}-{} years", b, b + 4),
                    "lengths of service to 5-year bands",
                );
            }
        }
        QiKind::Age => {
            if let Some(n) = number.filter(|n| (0.0..130.0).contains(n)) {
                let b = (n as u32) / 10 * 10;
                return (format!("{}-{}", b, b + 9), "ages to 10-year bands");
            }
        }
        QiKind::Salary => {
            // No salary reaches £10^12: a longer number is left as it is
            // (its band's end overflowed, which the fuzzer found).
            if let Some(n) = number.filter(|n| (1000.0..1e12).contains(n)) {
                let b = (n as u64) / 10_000 * 10_000;
                return (
                    format!("£{}-£{}", b, b + 9_999),
                    "salaries to £10,000 bands",
                );
            }
        }
        _ => {}
    }
    (t.to_string(), "")
}

/// A year 1900-2099 standing alone in a text ("1998", "03/04/1998").
fn find_year(t: &str) -> Option<u32> {
    let b = t.as_bytes();
    for i in 0..b.len().saturating_sub(3) {
        let w = b.get(i..i + 4)?;
        let digits = w.iter().all(u8::is_ascii_digit);
        let before = i == 0 || !b.get(i - 1).is_some_and(u8::is_ascii_digit);
        let after = !b.get(i + 4).is_some_and(u8::is_ascii_digit);
        if digits && before && after {
            let y: u32 = std::str::from_utf8(w).ok()?.parse().ok()?;
            if (1900..2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// Greedy: try removing or coarsening each column, keep the move that leaves
/// fewest rows singled out, repeat. The groupings are of `combos`, the
/// distinct combinations of `cols`.
fn fix_advice(
    table: usize,
    cols: &[&Stored],
    kinds: &[QiKind],
    combos: &Combinations,
    flagged: usize,
    rows: usize,
    k: u32,
) -> Advice {
    // Active columns: (index into cols, ids, cardinality, coarsened?).
    let mut active: Vec<(usize, Vec<u16>, u32, bool)> = cols
        .iter()
        .zip(&combos.columns)
        .enumerate()
        .map(|(i, (c, ids))| (i, ids.clone(), c.card(), false))
        .collect();
    let mut coarse: Vec<Option<(Vec<u16>, u32, &'static str)>> = cols
        .iter()
        .zip(&combos.columns)
        .zip(kinds)
        .map(|((c, ids), &kind)| coarsened(c, ids, kind))
        .collect();
    let weights = combos.weights.as_slice();
    let header = |i: usize| cols.get(i).map_or(String::new(), |c| c.header.clone());
    let mut steps: Vec<String> = Vec::new();
    let mut named: Vec<String> = Vec::new();
    let mut left = flagged;
    for _ in 0..MAX_ROUNDS {
        if left == 0 || active.len() <= 1 {
            break;
        }
        let data: Vec<(&[u16], u32)> = active.iter().map(|a| (a.1.as_slice(), a.2)).collect();
        // prefix[i]: columns 0..i; suffix[i]: columns i..
        let mut prefix: Vec<Option<Groups>> = vec![None];
        for d in &data {
            let next = match prefix.last().and_then(|p| p.as_ref()) {
                Some(p) => p.with_column(d.0, d.1),
                None => Groups::of_column(d.0, d.1),
            };
            prefix.push(Some(next));
        }
        let mut suffix: Vec<Option<Groups>> = vec![None; data.len() + 1];
        for i in (0..data.len()).rev() {
            let Some(d) = data.get(i) else { continue };
            let next = match suffix.get(i + 1).and_then(|s| s.as_ref()) {
                Some(s) => Groups::of_column(d.0, d.1).with_groups(s),
                None => Groups::of_column(d.0, d.1),
            };
            if let Some(slot) = suffix.get_mut(i) {
                *slot = Some(next);
            }
        }
        let mut best: Option<(usize, Move)> = None;
        for (pos, a) in active.iter().enumerate() {
            let pre = prefix.get(pos).and_then(|p| p.as_ref());
            let suf = suffix.get(pos + 1).and_then(|s| s.as_ref());
            let without = match (pre, suf) {
                (Some(p), Some(s)) => Some(p.with_groups(s)),
                (Some(p), None) => Some(p.clone()),
                (None, Some(s)) => Some(s.clone()),
                (None, None) => None,
            };
            let mut moves = Vec::new();
            if let Some(w) = &without {
                moves.push((w.weighted_rows_below(k, weights), Move::Remove(pos)));
            }
            if !a.3 {
                if let Some(Some((ids, card, _))) = coarse.get(a.0) {
                    let g = match &without {
                        Some(w) => w.with_column(ids, *card),
                        None => Groups::of_column(ids, *card),
                    };
                    // Prefer coarsening on a tie: it keeps more information.
                    moves.push((g.weighted_rows_below(k, weights), Move::Coarsen(pos)));
                }
            }
            for (n, m) in moves {
                let better = match best {
                    None => true,
                    Some((bn, bm)) => {
                        n < bn
                            || (n == bn
                                && matches!(m, Move::Coarsen(_))
                                && matches!(bm, Move::Remove(_)))
                    }
                };
                if better {
                    best = Some((n, m));
                }
            }
        }
        let Some((n, m)) = best else { break };
        if n >= left {
            break;
        }
        left = n;
        match m {
            Move::Remove(pos) => {
                if pos < active.len() {
                    let a = active.remove(pos);
                    named.push(header(a.0));
                    steps.push(format!("remove \"{}\" ({} rows left)", header(a.0), n));
                }
            }
            Move::Coarsen(pos) => {
                if let Some(a) = active.get_mut(pos) {
                    if let Some(Some((ids, card, phrase))) = coarse.get_mut(a.0).map(Option::take) {
                        a.1 = ids;
                        a.2 = card;
                        a.3 = true;
                        named.push(header(a.0));
                        steps.push(format!(
                            "coarsen \"{}\", {} ({} rows left)",
                            header(a.0),
                            phrase,
                            n
                        ));
                    }
                }
            }
        }
    }
    let all: Vec<String> = cols.iter().map(|c| format!("\"{}\"", c.header)).collect();
    let mut text = format!(
        "{flagged} of {rows} rows have a combination of {} shared by fewer than k = {k} rows.",
        all.join(", ")
    );
    if let ([only], true) = (cols, steps.is_empty()) {
        // One column makes the combination: without it nothing stands out.
        named.push(only.header.clone());
        text.push_str(&format!(
            " To fix it: remove \"{}\", or group its rare values (station to district, exact \
             year to decade) until each is shared by at least {k} rows, or suppress the rows.",
            only.header
        ));
    } else if steps.is_empty() {
        text.push_str(
            " No single column removal helps: group rare values (station to district, exact \
             year to decade) or suppress the rows.",
        );
    } else {
        text.push_str(&format!(" To fix it: {}.", steps.join("; then ")));
        if left == 0 {
            text.push_str(&format!(
                " Then every combination is shared by at least {k} rows."
            ));
        } else {
            text.push_str(&format!(
                " After that {left} rows still stand out: group their rare values (station to \
                 district, several ranks together) or suppress them."
            ));
        }
    }
    Advice {
        table,
        rule: RULE.to_string(),
        columns: named,
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values coarsened by kind; a number out of a kind's range is left as
    /// it is, and none overflows.
    #[test]
    fn coarse_values() {
        let cases = [
            ("1998", QiKind::Service, "1990s"),
            ("joined 03/04/2011", QiKind::Service, "2010s"),
            ("12", QiKind::Service, "10-14 years"),
            ("34", QiKind::Age, "30-39"),
            ("£34,500", QiKind::Salary, "£30000-£39999"),
            ("999", QiKind::Salary, "999"),
            (
                "4333333333333333333333333",
                QiKind::Salary,
                "4333333333333333333333333",
            ),
            ("1e300", QiKind::Salary, "1e300"),
            ("99999999999", QiKind::Salary, "£99999990000-£99999999999"),
            ("1e30", QiKind::Age, "1e30"),
            ("Band C", QiKind::Salary, "Band C"),
        ];
        for (value, kind, want) in cases {
            assert_eq!(coarse_value(value, kind).0, want, "{value}");
        }
    }

    /// The article before a description, by sound: ranks, job titles,
    /// acronyms of grades, and the words a description may start with.
    #[test]
    fn article_by_sound() {
        let cases = [
            ("female Sergeant", "a"),
            ("male Inspector", "a"),
            ("Inspector", "an"),
            ("Chief Inspector", "a"),
            ("Executive Officer at Omagh", "an"),
            ("Officer", "an"),
            ("Analyst", "an"),
            ("HEO", "an"),
            ("SEO in Finance", "an"),
            ("PCSO", "a"),
            ("person aged 18-24", "a"),
            ("woman", "a"),
            ("man who joined in 1998", "a"),
            ("European liaison officer", "a"),
            ("Uniformed officer", "a"),
            ("Usher", "an"),
            ("hourly paid cleaner", "an"),
            ("One-stop shop adviser", "a"),
            ("", "a"),
        ];
        for (phrase, want) in cases {
            assert_eq!(article(phrase), want, "{phrase}");
        }
    }

    /// Ids come back for short and long texts alike; near misses find none.
    #[test]
    fn dict_finds_what_it_was_given() {
        let values = [
            "F",
            "M",
            "Constable",
            "Chief Inspector",
            "Chief Superintendent",
            "Neighbourhood Policing",
            "07/11/1995",
            "Ó BRIAIN",
        ];
        let mut dict = Dict::default();
        for (id, v) in values.iter().enumerate() {
            assert_eq!(dict.get(v), None, "{v}");
            dict.insert(v, id as u16 + 1);
        }
        for (id, v) in values.iter().enumerate() {
            assert_eq!(dict.get(v), Some(id as u16 + 1), "{v}");
        }
        for miss in [
            "f",
            "Constables",
            "Chief Inspector ",
            "Chief Superintendant",
            "07/11/1996",
            "",
        ] {
            assert_eq!(dict.get(miss), None, "{miss:?}");
        }
    }
}
