//! Free text: prose cells and rows outside tables are searched for mentions of
//! people: rank + name (`Sgt. O'Neill`), rank + number (`Con May (5689)`),
//! title + name (`Mrs Patel`), names after cues (`complainant John Smith`),
//! full names (`John Smith`), e-mail addresses, phone numbers, NI numbers,
//! dates of birth, house addresses (`12 Elm Road`), postcodes, vehicle
//! registrations, ages and staff numbers after their cue (`collar number 1234`).

use super::cell::{CellHit, What};
use super::name::{word_kind_with, WordKind};
use crate::rules::names;
use crate::rules::patterns::{self, PhoneKind, Who};
use crate::rules::staff::{self, TextUse};
use crate::rules::words::{self, Lists};

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Tok<'a> {
    s: usize,
    e: usize,
    w: &'a str,
    /// Followed by a comma, semicolon, colon or full stop and space (the name ends there).
    stop_after: bool,
    /// Written inside brackets: `(5689)`.
    bracketed: bool,
    /// Right after an opening bracket: `(DOB`, `(Witness)`. A name does not
    /// run into it.
    opens: bool,
    /// The word in lower case without dots: a range of the scan's lower-case buffer.
    l: (usize, usize),
    /// The word lists that hold the word ([`names::lists_of`]): looked up
    /// once, asked many questions.
    lists: Lists,
    /// The word's [`super::name::word_kind`], found once.
    kind: Option<WordKind>,
}

impl Tok<'_> {
    /// Whether `list` holds the word.
    fn is(&self, list: Lists) -> bool {
        self.lists.has(list)
    }

    /// Whether the word is a street or place word and not also a surname
    /// ([`super::name::is_place_word`]).
    fn place(&self) -> bool {
        self.is(Lists::STREET) && !self.is(Lists::SURNAME)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '/')
}

fn tokenize<'a>(text: &'a str, skip: &[(usize, usize)], out: &mut Vec<Tok<'a>>, lows: &mut String) {
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_word_char(c) || skip.iter().any(|(a, b)| i >= *a && i < *b) {
            continue;
        }
        let mut e = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            // A dot inside initials or abbreviations (`J.R`, `D.O.B`) stays in the word.
            let inner_dot = d == '.'
                && text
                    .get(j + 1..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_alphabetic)
                && text
                    .get(i..j)
                    .is_some_and(|w| w.chars().filter(|c| c.is_alphabetic()).count() <= 2);
            if is_word_char(d) || inner_dot {
                e = j + d.len_utf8();
                it.next();
            } else {
                break;
            }
        }
        // Trim hyphens and apostrophes at the ends (`'quoted'`).
        let raw = text.get(i..e).unwrap_or("");
        let edge = |c| matches!(c, '\'' | '’' | '-' | '/');
        let w = raw.trim_matches(edge);
        if w.is_empty() {
            continue;
        }
        // Where `w` starts: after the trimmed edge characters.
        let s = i + raw.len() - raw.trim_start_matches(edge).len();
        let e2 = s + w.len();
        let next = text.get(e2..).and_then(|r| r.chars().next());
        let after_next = text.get(e2..).and_then(|r| r.chars().nth(1));
        let stop_after = matches!(next, Some(',' | ';' | ':' | '!' | '?' | ')' | '"'))
            || (next == Some('.')
                && after_next.is_none_or(char::is_whitespace)
                && w.chars().filter(|c| c.is_alphabetic()).count() > 3);
        let opens = s > 0 && text.get(..s).is_some_and(|p| p.ends_with('('));
        let bracketed = opens && next == Some(')');
        // `PC1234`, `PS991`: a rank abbreviation written onto its number is
        // two words, as `PC 1234` (the rank first: `word_kind` and the lists
        // are for the rank alone).
        if let Some(p) = glued_rank(w) {
            let (rank, num) = w.split_at(p);
            push_tok(out, lows, rank, s, (false, false, opens));
            push_tok(out, lows, num, s + p, (stop_after, false, false));
            continue;
        }
        push_tok(out, lows, w, s, (stop_after, bracketed, opens));
    }
}

/// Where the number starts in a rank abbreviation written onto it, if `w`
/// is one: two to four letters that are a rank's abbreviation in free text
/// (`PC`, `PS`, `Sgt`, `DC`, `Con`; not a rank word such as `Inspector`),
/// then three to six digits (`PC1234`; `PS5` is no officer).
fn glued_rank(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let p = b.iter().position(u8::is_ascii_digit)?;
    let (letters, digits) = b.split_at(p);
    if !(2..=4).contains(&letters.len())
        || !letters.iter().all(u8::is_ascii_alphabetic)
        || !(3..=6).contains(&digits.len())
        || !digits.iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let form = w.get(..p)?.to_ascii_lowercase();
    let rank = staff::lookup_rank(&form)?;
    matches!(
        staff::text_use(rank, &form),
        TextUse::Abbrev | TextUse::Ambiguous
    )
    .then_some(p)
}

/// A token for word `w` at byte `s` of the text, its lower-case form added
/// to `lows`; with `stop_after`, `bracketed` and `opens`.
fn push_tok<'a>(
    out: &mut Vec<Tok<'a>>,
    lows: &mut String,
    w: &'a str,
    s: usize,
    (stop_after, bracketed, opens): (bool, bool, bool),
) {
    let e2 = s + w.len();
    let ls = lows.len();
    for c in w.chars() {
        if c != '.' {
            if c.is_ascii() {
                lows.push(c.to_ascii_lowercase());
            } else {
                lows.extend(c.to_lowercase());
            }
        }
    }
    // The lower-case form is the lists' key, unless the word has
    // apostrophes (which keys leave out) or letters beyond ASCII.
    let lists = match lows.get(ls..) {
        Some(l) if w.is_ascii() && !w.contains(['\'', '`']) => {
            words::get(l).map_or(Lists::NONE, |e| e.lists)
        }
        _ => names::lists_of(w),
    };
    out.push(Tok {
        l: (ls, lows.len()),
        s,
        e: e2,
        w,
        stop_after,
        bracketed,
        opens,
        lists,
        kind: word_kind_with(w, |_| lists.has(Lists::PARTICLE)),
    });
}

/// A token's lower-case form.
fn low<'l>(lows: &'l str, t: &Tok) -> &'l str {
    lows.get(t.l.0..t.l.1).unwrap_or("")
}

/// Whether a token can be part of a name in free text: capitalised (or an
/// initial or particle), not a common word, street word, organisation word,
/// title or rank.
fn name_tok(t: &Tok, lows: &str) -> Option<WordKind> {
    let k = t.kind?;
    match k {
        WordKind::Title | WordKind::Upper => {
            if t.is(Lists::COMMON) || t.is(Lists::ORG) || t.is(Lists::TITLE) || t.place() {
                return None;
            }
            if t.w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
                return None;
            }
            let l = low(lows, t);
            if staff::lookup_rank(l).is_some() && l.len() > 2 {
                return None;
            }
            Some(k)
        }
        WordKind::Initial | WordKind::Particle => Some(k),
    }
}

/// Collect up to `max` name tokens from `i`. Returns the index after them and
/// how many are real words. The run ends at a comma or full stop.
fn name_run(toks: &[Tok], lows: &str, i: usize, max: usize) -> (usize, usize) {
    let mut j = i;
    let mut real = 0;
    while j < toks.len() && j - i < max {
        let Some(t) = toks.get(j) else { break };
        if j > i && t.opens {
            break;
        }
        match name_tok(t, lows) {
            Some(WordKind::Title | WordKind::Upper) => real += 1,
            Some(_) => {}
            // A forename that is also a word (`Jun`, `May`, `Will`) counts
            // when a known surname follows it (`DS Jun Wong`).
            None if !t.stop_after
                && matches!(t.kind, Some(WordKind::Title | WordKind::Upper))
                && t.is(Lists::FORENAME)
                && toks
                    .get(j + 1)
                    .is_some_and(|n| name_tok(n, lows).is_some() && n.is(Lists::SURNAME)) =>
            {
                real += 1
            }
            None => break,
        }
        j += 1;
        if t.stop_after {
            break;
        }
    }
    // A run must not end on an initial or particle alone (`Inspector J`).
    while j > i
        && toks
            .get(j - 1)
            .is_some_and(|t| !matches!(t.kind, Some(WordKind::Title | WordKind::Upper)))
    {
        j -= 1;
    }
    (j, real)
}

/// A name run from `i` ([`name_run`]'s `(k, real)`) cut short at a rank
/// that starts another officer's mention, a rank followed by a number or a
/// name: in `PC 1234, PC 5678` and `PC Morgan PC Patel` the second `PC` is
/// no surname of the first officer (read as one, it took the second
/// officer's rank, and the safe copy left `5678` behind).
fn run_before_rank(
    toks: &[Tok],
    lows: &str,
    i: usize,
    (k, real): (usize, usize),
) -> (usize, usize) {
    let starts_mention = |m: usize| {
        rank_at(toks, lows, m).is_some_and(|(_, n, _)| {
            toks.get(m + n)
                .is_some_and(|a| is_number_tok(a) || name_tok(a, lows).is_some())
        })
    };
    match (i..k).find(|&m| starts_mention(m)) {
        Some(m) => name_run(toks, lows, i, m - i),
        None => (k, real),
    }
}

/// A year from 1900 to 2039 (`2019`): no officer's number in a list or
/// after a cue.
fn is_year(t: &Tok) -> bool {
    t.w.len() == 4 && t.w.parse::<u32>().is_ok_and(|y| (1900..=2039).contains(&y))
}

/// A house number: `12`, `12a`, `221B` (one to four digits, one letter at
/// most), not in brackets.
fn is_house_number(t: &Tok) -> bool {
    let b = t.w.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=4).contains(&digits)
        && b.len() <= digits + 1
        && b.iter().skip(digits).all(u8::is_ascii_alphabetic)
        && !t.bracketed
}

/// Whether tokens `k` and `k + 1` (or `k` alone) are a full postcode
/// (`BT28 1AA`, `SW1A2AA`): the token after the last one used.
fn postcode_at(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    let outward = (2..=4).contains(&t.w.len())
        && t.w.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && t.w.bytes().any(|b| b.is_ascii_digit());
    if !outward {
        return (t.w.len() >= 5 && patterns::is_postcode(t.w)).then_some(k + 1);
    }
    let n = toks.get(k + 1)?;
    let span = text.get(t.s..n.e)?;
    (n.w.len() == 3 && patterns::is_postcode(span)).then_some(k + 2)
}

/// A house address from token `i`, a house number: one to three
/// capitalised words ending in a street word (`12 Elm Road`, `3a Church
/// Lane`), and a postcode within the next four words if there is one
/// (`12 Elm Road, Lisburn BT28 1AA`). The token after it.
fn address_at(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let number = toks.get(i)?;
    if !is_house_number(number) || number.stop_after {
        return None;
    }
    let cap = |t: &Tok| matches!(t.kind, Some(WordKind::Title | WordKind::Upper));
    let mut end = None;
    for j in i + 1..=i + 4 {
        let t = toks.get(j)?;
        if !cap(t) {
            return None;
        }
        if j > i + 1 && t.is(Lists::STREET) {
            end = Some(j + 1);
            break;
        }
        if t.stop_after {
            return None;
        }
    }
    let end = end?;
    // `, Lisburn BT28 1AA`: a town or two, then the postcode.
    for k in end..end + 4 {
        if let Some(after) = postcode_at(text, toks, k) {
            return Some(after);
        }
        if !toks.get(k).is_some_and(cap) {
            break;
        }
    }
    Some(end)
}

/// Whether tokens `k` and `k + 1` (or `k` alone) are a vehicle
/// registration ([`patterns::is_vehicle_registration`]: `AB12 CDE`,
/// `AB12CDE`): the token after the last one used.
fn registration_at(text: &str, toks: &[Tok], k: usize) -> Option<usize> {
    let t = toks.get(k)?;
    if patterns::is_vehicle_registration(t.w) {
        return Some(k + 1);
    }
    let n = toks.get(k + 1)?;
    (n.s == t.e + 1 && patterns::is_vehicle_registration(text.get(t.s..n.e)?)).then_some(k + 2)
}

/// Words before a number in free text that say it is an officer's or a
/// member of staff's own (`collar number 1234`, `warrant card 123456`,
/// `officer 4521`), in lower case, and whether `number`, `no` or `num` must
/// come between (`shoulder number 4521`: a shoulder is no cue alone). Not
/// `warrant number`, which is as often a court's warrant.
const STAFF_NUMBER_CUES: &[(&[&str], bool)] = &[
    (&["collar"], false),
    (&["shoulder"], true),
    (&["warrant", "card"], false),
    (&["badge"], true),
    (&["officer"], false),
    // Control room staff are logged by number: `Call handler 4521`.
    (&["handler"], false),
    (&["operator"], false),
    (&["dispatcher"], false),
    (&["call", "taker"], false),
    (&["staff"], true),
    (&["employee"], true),
    (&["payroll"], true),
    (&["personnel"], true),
    (&["pay"], true),
];

/// A member of staff's number after its cue ([`STAFF_NUMBER_CUES`]) from
/// token `i`: `collar number 1234`, `collar no. 1234`, `officer 4521` (three
/// digits or more: `Officer 12` may be a report's name for someone unnamed).
/// The token after the number.
fn staff_number_at(toks: &[Tok], lows: &str, i: usize) -> Option<usize> {
    let first = low(lows, toks.get(i)?);
    STAFF_NUMBER_CUES.iter().find_map(|(cue, need_word)| {
        if cue.first() != Some(&first) {
            return None;
        }
        let mut j = i;
        for w in *cue {
            let t = toks.get(j)?;
            if low(lows, t) != *w || (j + 1 < i + cue.len() && t.stop_after) {
                return None;
            }
            j += 1;
        }
        let numword = toks
            .get(j)
            .is_some_and(|t| matches!(low(lows, t), "number" | "no" | "num"));
        if numword {
            j += 1;
        } else if *need_word {
            return None;
        }
        // `officer 2019 review`: a year is no officer's number
        toks.get(j)
            .filter(|t| is_number_tok(t) && t.w.len() >= 3 && !is_year(t))
            .map(|_| j + 1)
    })
}

/// A person's age from token `i`: `aged 34`, `age: 34`, `34-year-old`,
/// `34 years old` (at most 120). The token after it.
fn age_at(toks: &[Tok], lows: &str, i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    let years = |w: &str| w.parse::<u32>().is_ok_and(|n| (1..=120).contains(&n)) && w.len() <= 3;
    let l = low(lows, t);
    if matches!(l, "aged" | "age") {
        let n = toks.get(i + 1)?;
        return years(n.w).then_some(i + 2);
    }
    if let Some((n, rest)) = l.split_once('-') {
        let unit = rest.strip_suffix("-old")?;
        return (years(n) && matches!(unit, "year" | "years" | "yr" | "yrs")).then_some(i + 1);
    }
    let unit = toks.get(i + 1).map(|u| low(lows, u));
    let old = toks.get(i + 2).map(|u| low(lows, u));
    (years(t.w) && matches!(unit, Some("year" | "years" | "yr" | "yrs")) && old == Some("old"))
        .then_some(i + 3)
}

/// An age written right after a name that ends at byte `at`: ` (22)` or
/// `, 22,` (at most 120); the byte range of `(22)` or `, 22,` (the safe
/// copy replaces every copy of a match in its cell, so the match is never
/// a bare number, which a date or an amount may hold too).
fn age_after_name(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = text.get(at..)?;
    let (open, close) = if rest.starts_with(" (") || rest.starts_with('(') {
        ('(', ')')
    } else if rest.starts_with(", ") {
        (',', ',')
    } else {
        return None;
    };
    let lead = rest.find(open)? + 1;
    let inner = rest.get(lead..)?;
    let digits = inner
        .trim_start()
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let skip = inner.len() - inner.trim_start().len();
    let number = inner.get(skip..skip + digits)?;
    let after = inner.get(skip + digits..)?.trim_start();
    let age =
        (1..=3).contains(&digits) && number.parse::<u32>().is_ok_and(|n| (1..=120).contains(&n));
    let start = at + rest.find(open)?;
    let end = text.len() - after.len() + close.len_utf8();
    (age && after.starts_with(close)).then_some((start, end))
}

/// Words before an address that say it is someone's home.
const HOME_CUES: &[&str] = &[
    "home", "lives", "living", "lived", "resides", "residing", "resident", "reside",
];

/// Whether token `k` is `Address` as a note's label (`Address: 4 Elm
/// Grove`): a person's address, as a record gives it; not a building's
/// (`Station address:`, `Business address:`).
fn address_label(toks: &[Tok], lows: &str, k: usize) -> bool {
    toks.get(k)
        .is_some_and(|t| t.stop_after && low(lows, t) == "address")
        && !k.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
            p.is(Lists::ORG)
                || p.place()
                || matches!(
                    low(lows, p),
                    "station"
                        | "office"
                        | "business"
                        | "work"
                        | "premises"
                        | "site"
                        | "registered"
                        | "billing"
                        | "delivery"
                        | "incident"
                        | "scene"
                        | "venue"
                )
        })
}

fn is_number_tok(t: &Tok) -> bool {
    (2..=6).contains(&t.w.len()) && t.w.bytes().all(|b| b.is_ascii_digit())
}

/// The rank starting at token `i`: (rank index, tokens used, text use).
fn rank_at(toks: &[Tok], lows: &str, i: usize) -> Option<(usize, usize, TextUse)> {
    let first = low(lows, toks.get(i)?);
    if !staff::starts_rank(first) {
        return None;
    }
    let mut best = None;
    let mut joined = String::new();
    for n in 1..=4 {
        let Some(t) = toks.get(i + n - 1) else { break };
        if n > 1 {
            joined.push(' ');
            // Words of one rank are not split by a comma.
            if toks.get(i + n - 2).is_some_and(|p| p.stop_after) {
                break;
            }
        }
        joined.push_str(low(lows, t));
        if let Some(r) = staff::lookup_rank(&joined) {
            let u = staff::text_use(r, &joined);
            if u != TextUse::No {
                best = Some((r, n, u));
            }
        }
    }
    let (r, n, u) = best?;
    let first_tok = toks.get(i)?;
    let upper = first_tok.w.chars().all(|c| !c.is_lowercase());
    let title = first_tok.w.chars().next().is_some_and(char::is_uppercase);
    match u {
        TextUse::Ambiguous if n == 1 => {
            // `PC`, `DS`, `CC` in capitals; `Con`, `Det` capitalised.
            let ok = upper || (first_tok.w.len() == 3 && title);
            ok.then_some((r, n, u))
        }
        TextUse::Abbrev => (upper || title).then_some((r, n, u)),
        _ => Some((r, n, u)),
    }
}

/// A rank in the plural at token `i` (`PCs`, `Sgts`, `Inspectors`): its
/// rank and text use. An ambiguous abbreviation must be in capitals (`PCs`,
/// `DCs`), as in the singular.
fn plural_rank_at(toks: &[Tok], lows: &str, i: usize) -> Option<(usize, TextUse)> {
    let t = toks.get(i)?;
    let stem = t.w.strip_suffix('s').filter(|s| s.len() >= 2)?;
    let form = low(lows, t).strip_suffix('s')?;
    let r = staff::lookup_rank(form)?;
    let u = staff::text_use(r, form);
    let upper = stem.chars().all(|c| !c.is_lowercase());
    let title = stem.chars().next().is_some_and(char::is_uppercase);
    match u {
        TextUse::No => None,
        TextUse::Ambiguous => upper.then_some((r, u)),
        TextUse::Abbrev => (upper || title).then_some((r, u)),
        TextUse::Word => Some((r, u)),
    }
}

/// Words that say the number after them is the officer's named just
/// before: `Constable Morgan (ID 4521)`, `Sgt Byrne, badge no 991`. Alone
/// (`ID 4521`) they are too common a cue to say whose number it is.
const ID_AFTER_OFFICER: &[&str] = &[
    "id", "no", "number", "num", "badge", "collar", "shoulder", "warrant", "payroll", "staff",
];

/// The officer's own number right after their name ends at token `k`:
/// `(ID 4521)`, `, collar no. 4521`; a hit from the cue to the number (the
/// brackets stay), and the token after it; or `k` when there is none.
fn id_after_officer(
    text: &str,
    toks: &[Tok],
    lows: &str,
    k: usize,
    out: &mut Vec<CellHit>,
) -> usize {
    let (Some(prev), Some(cue)) = (k.checked_sub(1).and_then(|p| toks.get(p)), toks.get(k)) else {
        return k;
    };
    let gap = text.get(prev.e..cue.s).map(str::trim);
    if !matches!(gap, Some("" | "(" | "," | "-" | "–"))
        || !ID_AFTER_OFFICER.contains(&low(lows, cue))
    {
        return k;
    }
    let mut j = k + 1;
    if toks
        .get(j)
        .is_some_and(|t| matches!(low(lows, t), "no" | "number" | "num"))
    {
        j += 1;
    }
    match toks.get(j) {
        Some(n) if is_number_tok(n) && n.w.len() >= 3 && !is_year(n) => {
            out.push(CellHit {
                what: What::TextStaffNumber,
                start: cue.s,
                end: n.e,
            });
            j + 1
        }
        _ => k,
    }
}

/// The officers listed after a rank's first one: `PC 1234, 5678 and 9012`,
/// `PCs 1234 & 5678`, and after a rank in the plural, names too (`PCs
/// Morgan and Patel`, `Sergeants Okafor, Dunne and Byrne`). Left out, they
/// kept their numbers in the safe copy.
struct Listed {
    rank: usize,
    use_: TextUse,
    plural: bool,
    /// The first officer's number's length (0 if named): a number listed
    /// after it is about as long, and of three digits or more unless the
    /// rank was plural (`PC 1234, 15 minutes later` lists no one).
    number_len: usize,
}

impl Listed {
    /// From token `k`, right after the first officer: a hit for each one
    /// listed (joined by a comma, `&` or `and`); the token after the last.
    fn after(
        &self,
        text: &str,
        toks: &[Tok],
        lows: &str,
        mut k: usize,
        out: &mut Vec<CellHit>,
    ) -> usize {
        loop {
            let Some(next) = self.joined_at(text, toks, lows, k) else {
                return k;
            };
            let Some(t) = toks.get(next) else { return k };
            if is_number_tok(t)
                && (t.w.len() >= 3 || self.plural)
                && (self.plural || self.number_len > 0)
                && (self.number_len == 0 || t.w.len().abs_diff(self.number_len) <= 1)
                && !is_year(t)
            {
                out.push(CellHit {
                    what: What::TextRankNumber(self.rank as u16),
                    start: t.s,
                    end: t.e,
                });
                k = next + 1;
                continue;
            }
            if !self.plural {
                return k;
            }
            let (end, real) = run_before_rank(toks, lows, next, name_run(toks, lows, next, 3));
            let run = toks.get(next..end).unwrap_or(&[]);
            match (run.first(), run.last()) {
                (Some(a), Some(b))
                    if real > 0
                        && name_after_rank(self.use_, run)
                        && !toks.get(end).is_some_and(Tok::place) =>
                {
                    out.push(CellHit {
                        what: What::TextRankName(self.rank as u16),
                        start: a.s,
                        end: b.e,
                    });
                    k = end;
                }
                _ => return k,
            }
        }
    }

    /// The token after a joint at token `k` (`, 5678`, ` & 5678`, ` and
    /// 5678`, `, and 5678`), if there is one.
    fn joined_at(&self, text: &str, toks: &[Tok], lows: &str, k: usize) -> Option<usize> {
        let prev = toks.get(k.checked_sub(1)?)?;
        let t = toks.get(k)?;
        let gap = text.get(prev.e..t.s)?.trim();
        if low(lows, t) == "and" && matches!(gap, "" | ",") {
            let after = toks.get(k + 1)?;
            return text.get(t.e..after.s)?.trim().is_empty().then_some(k + 1);
        }
        matches!(gap, "," | "&").then_some(k)
    }
}

/// Whether a run of name words after a rank of this text use is a name:
/// any after a rank word or a plain abbreviation; after an ambiguous one
/// (`PC`, `DS`), known names, O'Neill-shaped names, and names with letters
/// English words do not have (`DS Çelik`, `PC Nowak-Wójcik`).
fn name_after_rank(use_: TextUse, run: &[Tok]) -> bool {
    use_ != TextUse::Ambiguous
        || gazetteer_hit(run)
        || run
            .iter()
            .any(|x| x.w.contains(['\'', '’']) || !x.w.is_ascii())
}

fn gazetteer_hit(toks: &[Tok]) -> bool {
    let known = |w: &str| w.chars().count() > 1 && (names::is_surname(w) || names::is_forename(w));
    toks.iter().any(|t| {
        if t.w.contains('-') {
            t.w.split('-').any(known)
        } else {
            t.w.chars().count() > 1 && (t.is(Lists::SURNAME) || t.is(Lists::FORENAME))
        }
    })
}

/// The cue starting at token `i` (1-3 words, lower case), with its word count.
fn cue_at(toks: &[Tok], lows: &str, i: usize) -> Option<(usize, Who)> {
    let mut best = None;
    let mut joined = Joined::default();
    for n in 1..=3 {
        let Some(t) = toks.get(i + n - 1) else { break };
        if (n > 1 && !joined.push(" ")) || !joined.push(low(lows, t)) {
            break;
        }
        match patterns::cue(joined.as_str()) {
            patterns::Cue::Is(who) => best = Some((n, who)),
            patterns::Cue::Starts => {}
            patterns::Cue::No => break,
        }
    }
    best
}

/// Words joined by spaces, on the stack: no cue is longer than
/// [`patterns::CUE_MAX_LEN`], so a longer run of words is no cue.
#[derive(Default)]
struct Joined {
    buf: [u8; patterns::CUE_MAX_LEN],
    len: usize,
}

impl Joined {
    /// Append `s`; false (and nothing appended) when it does not fit.
    fn push(&mut self, s: &str) -> bool {
        let end = self.len + s.len();
        match self.buf.get_mut(self.len..end) {
            Some(slot) => {
                slot.copy_from_slice(s.as_bytes());
                self.len = end;
                true
            }
            None => false,
        }
    }

    fn as_str(&self) -> &str {
        // Whole strs are appended: always UTF-8.
        self.buf
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

fn skip_fillers(toks: &[Tok], lows: &str, mut i: usize) -> usize {
    while toks.get(i).is_some_and(|t| {
        matches!(
            low(lows, t),
            "is" | "was"
                | "were"
                | "a"
                | "by"
                | "named"
                | "called"
                | "the"
                | "mr"
                | "mrs"
                | "ms"
                | "miss"
                | "dr"
                | "one"
        )
    }) {
        // Titles start their own mention; leave them.
        if toks.get(i).is_some_and(|t| t.is(Lists::TITLE)) {
            break;
        }
        i += 1;
    }
    i
}

/// Search free text. Hits go to `out` with byte ranges into `text`; true
/// when one of them mentions a person (not only an address, a postcode, a
/// vehicle registration or an age, which add to a row flagged for
/// something else).
pub fn scan(text: &str, out: &mut Vec<CellHit>) -> bool {
    let before = out.len();
    scan_into(text, out);
    // `Aaron Lee (22)`, `Jane Okafor, 34, of Lisburn`: an age right after
    // a person's name.
    for k in before..out.len() {
        let Some(h) = out.get(k) else { break };
        let named = matches!(
            h.what,
            What::TextCueName(_) | What::TextTitleName | What::TextFullName
        );
        if let Some((start, end)) = named.then(|| age_after_name(text, h.end)).flatten() {
            out.push(CellHit {
                what: What::TextAge,
                start,
                end,
            });
        }
    }
    out.get(before..)
        .unwrap_or(&[])
        .iter()
        .any(|h| mentions_person(&h.what))
}

/// Whether a free-text hit mentions a person: not only an address, a
/// postcode, a vehicle registration, an age or a network's own IP address.
fn mentions_person(w: &What) -> bool {
    !matches!(
        w,
        What::TextAddress(false)
            | What::TextPostcode
            | What::TextVehicle
            | What::TextAge
            | What::TextIp(false)
    )
}

/// The first mention of a person in a file's name (`John_Smith_SAR.csv`,
/// `complaint PC 1234.csv`), read as free text with its folders and
/// extension left out and `_` as a space: a file is published under its
/// name, so a name there is disclosed however clean the rows are.
///
/// ```
/// use foi_check::detect::text::person_in_file_name;
/// assert_eq!(person_in_file_name("C:\\FOI\\John_Smith_SAR.csv").as_deref(), Some("John Smith"));
/// assert_eq!(person_in_file_name("complaint about PC 1234.csv").as_deref(), Some("PC 1234"));
/// assert_eq!(person_in_file_name("FOI-2023-0412 staff list.csv"), None);
/// ```
pub fn person_in_file_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let text = stem.replace('_', " ");
    let mut hits = Vec::new();
    scan(&text, &mut hits);
    let h = hits.iter().find(|h| mentions_person(&h.what))?;
    text.get(h.start..h.end).map(str::to_string)
}

/// Each match that overlaps none found before it, as a hit (its span kept,
/// so that the words it is made of are not read again).
fn push_apart(
    found: impl Iterator<Item = (usize, usize, What)>,
    spans: &mut Vec<(usize, usize)>,
    out: &mut Vec<CellHit>,
) {
    for (start, end, what) in found {
        if spans.iter().any(|(x, y)| start < *y && end > *x) {
            continue;
        }
        spans.push((start, end));
        out.push(CellHit { what, start, end });
    }
}

fn scan_into(text: &str, out: &mut Vec<CellHit>) {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if text.contains('@') {
        let mut emails = Vec::new();
        patterns::find_emails(text, &mut emails);
        for e in emails {
            spans.push((e.start, e.end));
            if e.personal {
                out.push(CellHit {
                    what: What::Email {
                        staff_domain: e.staff_domain,
                    },
                    start: e.start,
                    end: e.end,
                });
            }
        }
        let mut handles = Vec::new();
        patterns::find_handles(text, &mut handles);
        for (start, end) in handles {
            if spans.iter().any(|(a, b)| start < *b && end > *a) {
                continue;
            }
            spans.push((start, end));
            out.push(CellHit {
                what: What::Handle,
                start,
                end,
            });
        }
    }
    let digits = text.bytes().filter(u8::is_ascii_digit).count();
    if digits >= 9 {
        let mut phones = Vec::new();
        patterns::find_phones(text, &mut phones);
        for p in phones {
            if spans.iter().any(|(a, b)| p.start < *b && p.end > *a) {
                continue;
            }
            spans.push((p.start, p.end));
            match p.kind {
                PhoneKind::Mobile | PhoneKind::Geographic => {
                    out.push(CellHit {
                        what: What::Phone { kind: p.kind },
                        start: p.start,
                        end: p.end,
                    });
                }
                PhoneKind::Service | PhoneKind::Extension => {}
            }
        }
    }
    if digits >= 6 {
        let mut ninos = Vec::new();
        patterns::find_ninos(text, false, false, &mut ninos);
        for (a, b) in ninos {
            spans.push((a, b));
            out.push(CellHit {
                what: What::Nino,
                start: a,
                end: b,
            });
        }
    }
    if digits >= 4 && (text.contains('.') || text.contains(':')) {
        let mut ips = Vec::new();
        patterns::find_ips(text, &mut ips);
        let ips = ips
            .into_iter()
            .map(|(a, b, kind)| (a, b, What::TextIp(kind == patterns::IpKind::Public)));
        push_apart(ips, &mut spans, out);
    }
    // Numbers that are a person's, each looked for when the text has the
    // digits (and for a passport, the word) it needs.
    type Find = fn(&str, &mut Vec<(usize, usize)>);
    let numbers: [(bool, Find, What); 4] = [
        (
            digits >= 6 && text.len() >= 16,
            patterns::find_driving_licences,
            What::DrivingLicence,
        ),
        (digits >= 6, patterns::find_bank_details, What::TextBank),
        (
            digits >= 6 && has_passport_cue(text),
            patterns::find_passports,
            What::TextPassport,
        ),
        (digits >= 10, patterns::find_nhs_numbers, What::TextNhs),
    ];
    let mut found = Vec::new();
    for (worth, find, what) in numbers {
        if worth {
            found.clear();
            find(text, &mut found);
            push_apart(found.iter().map(|&(a, b)| (a, b, what)), &mut spans, out);
        }
    }
    // At most one token per two bytes: one allocation, no regrowth.
    let mut toks = Vec::with_capacity(text.len() / 2 + 1);
    let mut lows = String::with_capacity(text.len());
    tokenize(text, &spans, &mut toks, &mut lows);
    let mut i = 0;
    while i < toks.len() {
        let Some(t) = toks.get(i) else { break };
        // A house address (`12 Elm Road, Lisburn BT28 1AA`), a home's when
        // the words before it say so (`lives at`); a postcode alone; a
        // vehicle registration (`AB12 CDE`); an age (`aged 34`).
        if digits > 0 {
            if let Some(after) = address_at(text, &toks, i) {
                let home = toks
                    .get(i.saturating_sub(3)..i)
                    .unwrap_or(&[])
                    .iter()
                    .any(|p| HOME_CUES.contains(&low(&lows, p)))
                    || (i > 0 && address_label(&toks, &lows, i - 1));
                let end = toks.get(after - 1).map_or(t.e, |x| x.e);
                out.push(CellHit {
                    what: What::TextAddress(home),
                    start: t.s,
                    end,
                });
                i = after;
                continue;
            }
            let postcode = postcode_at(text, &toks, i).map(|a| (a, What::TextPostcode));
            let vehicle = || registration_at(text, &toks, i).map(|a| (a, What::TextVehicle));
            let age = || age_at(&toks, &lows, i).map(|a| (a, What::TextAge));
            let number = || staff_number_at(&toks, &lows, i).map(|a| (a, What::TextStaffNumber));
            if let Some((mut after, what)) = postcode.or_else(vehicle).or_else(age).or_else(number)
            {
                let mut end = toks.get(after - 1).map_or(t.e, |x| x.e);
                // `Officer 4521 Morgan`, `collar number 4521 (Morgan)`: the
                // officer's name after the number goes with it, as after
                // `PC 4521`.
                if what == What::TextStaffNumber {
                    let (k, real) =
                        run_before_rank(&toks, &lows, after, name_run(&toks, &lows, after, 3));
                    // not `collar number 4521 Station Road`: a street, even
                    // at the end of the text
                    let street = toks
                        .get(after..(k + 1).min(toks.len()))
                        .is_some_and(|r| r.iter().any(Tok::place));
                    if let Some(last) = toks.get(k.wrapping_sub(1)).filter(|_| real > 0 && !street)
                    {
                        end = last.e + usize::from(last.bracketed);
                        after = k;
                    }
                }
                out.push(CellHit {
                    what,
                    start: t.s,
                    end,
                });
                i = after;
                continue;
            }
        }
        // Date of birth.
        let l = low(&lows, t);
        if digits >= 4 && matches!(l, "dob" | "born" | "birth") {
            let rest = text.get(t.e..).unwrap_or("");
            let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
            let rest = rest.strip_prefix("on ").unwrap_or(rest);
            if let Some((_, n)) = patterns::parse_date(rest) {
                let start = text.len() - rest.len();
                out.push(CellHit {
                    what: What::TextDob,
                    start: t.s,
                    end: start + n,
                });
                i += 1;
                continue;
            }
        }
        // Rank + name / number.
        let rank_here = rank_at(&toks, &lows, i)
            .map(|(r, n, u)| (r, n, u, false))
            .or_else(|| plural_rank_at(&toks, &lows, i).map(|(r, u)| (r, 1, u, true)));
        if let Some((rank, n, use_, plural)) = rank_here {
            let mut j = i + n;
            if let Some(last) = toks.get(j.saturating_sub(1)) {
                if last.stop_after && !text.get(last.e..).is_some_and(|r| r.starts_with('.')) {
                    i = j;
                    continue;
                }
            }
            if toks
                .get(j)
                .is_some_and(|t| matches!(low(&lows, t), "no" | "number"))
            {
                j += 1;
            }
            // `PC 2019 refresh`: with an ambiguous abbreviation, a bare year is
            // not a collar number (in brackets or followed by a name it is).
            // After `by`, `against`, `to`, `with`, `and` it is an officer (`by PC 2019`).
            let after_cue = i > 0
                && toks.get(i - 1).is_some_and(|p| {
                    matches!(
                        low(&lows, p),
                        "by" | "against" | "to" | "with" | "and" | "from" | "officer"
                    )
                });
            let year_like = |t: &Tok| {
                !after_cue
                    && t.w.len() == 4
                    && t.w.parse::<u32>().is_ok_and(|y| (2000..=2039).contains(&y))
            };
            let number = toks.get(j).filter(|t| {
                is_number_tok(t)
                    && !(use_ == TextUse::Ambiguous
                        && year_like(t)
                        && !t.bracketed
                        && name_run(&toks, &lows, j + 1, 3).1 == 0)
            });
            if let Some(num) = number {
                // `PC 4521 Jones`
                let (k, real) =
                    run_before_rank(&toks, &lows, j + 1, name_run(&toks, &lows, j + 1, 3));
                let end = if real > 0 {
                    // `PC 1234 (Morgan)`: with its closing bracket
                    toks.get(k - 1)
                        .map_or(num.e, |t| t.e + usize::from(t.bracketed))
                } else {
                    num.e
                };
                let after = toks.get(if real > 0 { k } else { j + 1 });
                if !after.is_some_and(Tok::place) {
                    out.push(CellHit {
                        what: What::TextRankNumber(rank as u16),
                        start: t.s,
                        end,
                    });
                    let next = if real > 0 { k } else { j + 1 };
                    let list = Listed {
                        rank,
                        use_,
                        plural,
                        number_len: num.w.len(),
                    };
                    i = list.after(text, &toks, &lows, next, out);
                    continue;
                }
            }
            // `Con May (5689)`: with a number in brackets after it, any
            // capitalised word is a name, even one that is also a word.
            let cap =
                |x: &Tok| matches!(x.kind, Some(WordKind::Title | WordKind::Upper)) && !x.place();
            for len in 1..=2 {
                let run = toks.get(j..j + len).unwrap_or(&[]);
                if run.len() == len && run.iter().all(cap) {
                    if let Some(num) = toks
                        .get(j + len)
                        .filter(|a| is_number_tok(a) && a.bracketed)
                    {
                        out.push(CellHit {
                            what: What::TextRankNumber(rank as u16),
                            start: t.s,
                            end: num.e + 1,
                        });
                        i = j + len + 1;
                        break;
                    }
                }
            }
            if i > j {
                continue;
            }
            let (k, real) = run_before_rank(&toks, &lows, j, name_run(&toks, &lows, j, 3));
            // `PS Constable was rude`: after an abbreviation, a surname that is
            // also a rank word, followed by a lower-case word.
            if real == 0 {
                let verb = |x: &Tok| {
                    x.w.chars().next().is_some_and(char::is_lowercase)
                        && !matches!(
                            low(&lows, x),
                            "and" | "or" | "of" | "to" | "in" | "on" | "at" | "for" | "the" | "a"
                        )
                };
                if let Some(w) = toks.get(j).filter(|w| {
                    w.kind == Some(WordKind::Title)
                        && !w.stop_after
                        && staff::lookup_rank(low(&lows, w)).is_some()
                        && toks.get(j + 1).is_some_and(verb)
                }) {
                    out.push(CellHit {
                        what: What::TextRankName(rank as u16),
                        start: t.s,
                        end: w.e,
                    });
                    i = j + 1;
                    continue;
                }
            }
            if real > 0 {
                let run = toks.get(j..k).unwrap_or(&[]);
                let after = toks.get(k);
                let street = after.is_some_and(Tok::place);
                // `Constable Morgan's Mill` may be a place; before a word
                // in lower case (`Inspector Dunne's team`), or after an
                // abbreviation (`Insp Dunne's Team`), it is an officer.
                let possessive = use_ == TextUse::Word
                    && run.iter().enumerate().any(|(x, t)| {
                        (t.w.ends_with("'s") || t.w.ends_with("’s"))
                            && toks
                                .get(j + x + 1)
                                .is_some_and(|a| !a.w.starts_with(char::is_lowercase))
                    });
                if !street && !possessive {
                    let end = run.last().map_or(t.e, |x| x.e);
                    // `Con May (5689)`
                    if let Some(num) = after.filter(|a| is_number_tok(a) && a.bracketed) {
                        out.push(CellHit {
                            what: What::TextRankNumber(rank as u16),
                            start: t.s,
                            end: num.e + 1,
                        });
                        i = k + 1;
                        continue;
                    }
                    if name_after_rank(use_, run) {
                        out.push(CellHit {
                            what: What::TextRankName(rank as u16),
                            start: t.s,
                            end,
                        });
                        let k = id_after_officer(text, &toks, &lows, k, out);
                        let list = Listed {
                            rank,
                            use_,
                            plural,
                            number_len: 0,
                        };
                        i = list.after(text, &toks, &lows, k, out);
                        continue;
                    }
                }
            }
            i += n;
            continue;
        }
        // Title + name: `Mrs Patel`, `Dr O'Neill`.
        if t.is(Lists::TITLE) && t.w.chars().next().is_some_and(char::is_uppercase) {
            // `Mr & Mrs D Price`, `Mr and Mrs Price`: a couple's titles, then
            // the name (before, `Mrs` was taken for the name and `D Price` left).
            let title = couple_title(text, &toks, &lows, i).unwrap_or(i);
            let (mut k, mut real) = name_run(&toks, &lows, title + 1, 3);
            // `Mr Constable`, `Mrs White`: after a title, a capitalised word is a
            // surname even when it is also a rank or a common word.
            if real == 0
                && toks.get(title + 1).is_some_and(|w| {
                    matches!(w.kind, Some(WordKind::Title | WordKind::Upper))
                        && !w.is(Lists::ORG)
                        && !w.place()
                        && w.w.chars().count() > 1
                })
            {
                k = title + 2;
                real = 1;
            }
            let run = toks.get(title + 1..k).unwrap_or(&[]);
            if real > 0 && !toks.get(k).is_some_and(Tok::place) {
                let end = run.last().map_or(t.e, |x| x.e);
                out.push(CellHit {
                    what: What::TextTitleName,
                    start: t.s,
                    end,
                });
                i = k;
                continue;
            }
        }
        // Cue + name: `complainant John Smith`, `made by J. Smith`.
        if let Some((n, who)) = cue_at(&toks, &lows, i) {
            let j = skip_fillers(&toks, &lows, i + n);
            if toks
                .get(j)
                .is_some_and(|x| !x.is(Lists::TITLE) && rank_at(&toks, &lows, j).is_none())
            {
                // `complainant john smith`: a name typed in lower case.
                if let Some(k) = lower_case_name_at(&toks, j) {
                    let (a, b) = (toks.get(j), toks.get(k - 1));
                    out.push(CellHit {
                        what: What::TextCueName(who),
                        start: a.map_or(t.s, |x| x.s),
                        end: b.map_or(t.e, |x| x.e),
                    });
                    i = k;
                    continue;
                }
                let (mut k, mut real) = name_run(&toks, &lows, j, 3);
                // `KOWALSKI, Jan`: surname in capitals, a comma, the forename.
                let caps_comma = k == j + 1
                    && toks
                        .get(j)
                        .is_some_and(|x| x.stop_after && x.kind == Some(WordKind::Upper))
                    && text
                        .get(toks.get(j).map_or(0, |x| x.e)..)
                        .is_some_and(|r| r.starts_with(','));
                if caps_comma {
                    let (k2, real2) = name_run(&toks, &lows, j + 1, 2);
                    if real2 > 0
                        && toks
                            .get(j + 1)
                            .is_some_and(|x| x.kind == Some(WordKind::Title))
                    {
                        k = k2;
                        real += real2;
                    }
                }
                let run = toks.get(j..k).unwrap_or(&[]);
                let initial_first = run
                    .first()
                    .is_some_and(|x| x.kind == Some(WordKind::Initial));
                // `at John Smith Road`, `invoice from Sarah Jones and Partners`
                let place_or_firm =
                    toks.get(k).is_some_and(Tok::place) || firm_at(text, &toks, &lows, k);
                if run.len() >= 2
                    && real >= 1
                    && !place_or_firm
                    && (gazetteer_hit(run) || initial_first)
                {
                    let start = run.first().map_or(t.s, |x| x.s);
                    let end = run.last().map_or(t.e, |x| x.e);
                    out.push(CellHit {
                        what: What::TextCueName(who),
                        start,
                        end,
                    });
                    i = k;
                    continue;
                }
            }
            i += n;
            continue;
        }
        // A bare full name: `John Smith`, or surname first, `SMITH, John`.
        if let Some((end, next)) = full_name_at(text, &toks, &lows, i) {
            out.push(CellHit {
                what: What::TextFullName,
                start: t.s,
                end,
            });
            i = next;
            continue;
        }
        i += 1;
    }
}

/// A full name from token `i`: the byte it ends at and the token after it.
/// None is taken before a street word or a firm's words (`John Smith Road`,
/// `Sarah Jones & Partners`).
///
/// - A known forename, up to two initials or surname particles, then a
///   surname, in the forename's case or in capitals (`John Smith`, `JOHN
///   SMITH`, `John SMITH`, `John A Smith`). After a particle the surname
///   need not be a known one, and may be two words: `Ciarán Ó
///   Súilleabháin`, `Maria de Souza`, `Pádraig Mac Giolla Phádraig`. After
///   a word of place, a surname that is also a street word makes a street
///   (`attended Morgan Close`).
/// - Initials then a known surname (`J Smith`, `J. R. SMITH`).
/// - A forename that is also a word (`Mark`, `Dawn`) only inside a
///   sentence, in title case, right before a known surname that is no street
///   word: `her husband Mark Jones`, not `Mark Jones was` at the start, nor
///   `Victoria Park`.
/// - Surname first, as police records write it: a known surname in
///   capitals, then a known forename in title case (`SMITH, John`, `SMITH
///   John`).
fn full_name_at(text: &str, toks: &[Tok], lows: &str, i: usize) -> Option<(usize, usize)> {
    let (t, n2) = (toks.get(i)?, toks.get(i + 1)?);
    let name = |x: &Tok| name_tok(x, lows).is_some();
    let forename = |x: &Tok| x.is(Lists::FORENAME) && !x.is(Lists::WORDY) && name(x);
    let either_case = |x: &Tok| matches!(x.kind, Some(WordKind::Title | WordKind::Upper));
    let free = |k: usize| !toks.get(k).is_some_and(Tok::place) && !firm_at(text, toks, lows, k);
    if either_case(t) && forename(t) && !t.stop_after {
        let mut j = i + 1;
        let mut particle = false;
        while j < i + 3 {
            match toks.get(j) {
                Some(m) if !m.stop_after && m.kind == Some(WordKind::Initial) => {}
                Some(m) if !m.stop_after && m.kind == Some(WordKind::Particle) => particle = true,
                _ => break,
            }
            j += 1;
        }
        let last = toks.get(j)?;
        let mut k = j + 1;
        if particle && !last.stop_after {
            // `Mac Giolla Phádraig`: a second word of the surname.
            k = name_run(toks, lows, j, 2).0.max(k);
        }
        // `attended Morgan Close`: after a word of place, a surname that is
        // also a street word makes a street.
        let street = last.is(Lists::STREET)
            && i > 0
            && toks
                .get(i - 1)
                .is_some_and(|p| PLACE_BEFORE.contains(&low(lows, p)));
        // `John SMITH`: police reports write the surname in capitals.
        let case_ok = last.kind == t.kind
            || (t.kind == Some(WordKind::Title) && last.kind == Some(WordKind::Upper));
        let surname = either_case(last)
            && name(last)
            && case_ok
            && (particle || last.is(Lists::SURNAME))
            && !street;
        if surname && free(k) {
            return Some((toks.get(k - 1).map_or(last.e, |x| x.e), k));
        }
    }
    // `J Smith`, `J. R. SMITH`: initials then a known surname, not after a
    // capitalised word or a number (`Plan B Jones`, `Flat 2 C Morgan`); a
    // bare `A` or `I` is a word (`A Young man`).
    if t.kind == Some(WordKind::Initial) && !t.stop_after {
        let dotted = |x: &Tok| text.get(x.e..).is_some_and(|r| r.starts_with('.'));
        let word = matches!(t.w, "A" | "I") && !dotted(t);
        let after_cap = i > 0
            && toks.get(i - 1).is_some_and(|p| {
                !p.stop_after
                    && p.w
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            });
        let mut j = i + 1;
        if toks
            .get(j)
            .is_some_and(|m| m.kind == Some(WordKind::Initial) && !m.stop_after)
        {
            j += 1;
        }
        if let Some(last) = toks.get(j).filter(|_| !word && !after_cap) {
            if either_case(last) && name(last) && last.is(Lists::SURNAME) && free(j + 1) {
                return Some((last.e, j + 1));
            }
        }
    }
    // `her husband Mark Jones`: inside a sentence, after a lower-case word.
    let in_sentence = i > 0
        && toks.get(i - 1).is_some_and(|p| {
            !p.stop_after
                && p.w.chars().next().is_some_and(char::is_lowercase)
                && text.get(p.e..t.s).is_some_and(|gap| gap.trim().is_empty())
        });
    let wordy = in_sentence
        && t.kind == Some(WordKind::Title)
        && t.is(Lists::FORENAME)
        && t.is(Lists::WORDY)
        && !t.stop_after
        && !t.is(Lists::TITLE)
        && staff::lookup_rank(low(lows, t)).is_none()
        && !NOT_FORENAMES_FIRST.contains(&low(lows, t))
        && n2.kind == Some(WordKind::Title)
        && name(n2)
        && n2.is(Lists::SURNAME)
        && !n2.is(Lists::STREET)
        && free(i + 2);
    // `SMITH, John` and `SMITH John`, as police systems list names.
    let surname_first = t.kind == Some(WordKind::Upper)
        && t.is(Lists::SURNAME)
        && name(t)
        && text
            .get(t.e..n2.s)
            .is_some_and(|gap| gap == ", " || gap == " ")
        && n2.kind == Some(WordKind::Title)
        && forename(n2);
    (wordy || surname_first).then_some((n2.e, i + 2))
}

/// Whether the words from token `k` make the name before them a firm's:
/// an organisation word (`Ltd`, `Co`), or `and` or `&` before one or
/// before a partner word in capitals (`Jones and Son`, `Smith & Partners`).
/// `Sarah Jones and her son` and `Sarah Jones and Mary Byrne` are people.
fn firm_at(text: &str, toks: &[Tok], lows: &str, k: usize) -> bool {
    let Some(a) = toks.get(k) else { return false };
    if a.is(Lists::ORG) && low(lows, a) != "and" {
        return true;
    }
    // `&` is no word: it is in the gap before the word after it.
    let amp = k
        .checked_sub(1)
        .and_then(|p| toks.get(p))
        .and_then(|p| text.get(p.e..a.s))
        .is_some_and(|gap| gap.contains('&'));
    let partner = if amp {
        Some(a)
    } else if low(lows, a) == "and" {
        toks.get(k + 1)
    } else {
        None
    };
    partner.is_some_and(|b| {
        b.is(Lists::ORG)
            || (b.kind == Some(WordKind::Title)
                && matches!(
                    low(lows, b),
                    "son"
                        | "sons"
                        | "daughter"
                        | "daughters"
                        | "partners"
                        | "brothers"
                        | "associates"
                ))
    })
}

/// After the title at token `i`, a second joined by `&` or `and` (`Mr &
/// Mrs`, `Mr and Mrs`, `Dr and Mr`): the second title's token.
fn couple_title(text: &str, toks: &[Tok], lows: &str, i: usize) -> Option<usize> {
    let (a, b) = (toks.get(i)?, toks.get(i + 1)?);
    let title = |x: &Tok| x.is(Lists::TITLE) && x.w.starts_with(char::is_uppercase);
    // `&` is no word: it is in the gap before the word after it.
    if text.get(a.e..b.s).is_some_and(|gap| gap.trim() == "&") && title(b) {
        return Some(i + 1);
    }
    let c = toks.get(i + 2)?;
    (low(lows, b) == "and" && !a.stop_after && title(c)).then_some(i + 2)
}

/// A name typed in lower case from token `j`, as it may be after a cue
/// (`complainant john smith`): a known forename that is no word (not
/// `will`, `grace`) and a known surname that is no common or street word;
/// the token after it.
fn lower_case_name_at(toks: &[Tok], j: usize) -> Option<usize> {
    let (f, s) = (toks.get(j)?, toks.get(j + 1)?);
    let lower = |x: &Tok| {
        x.w.chars()
            .all(|c| c.is_lowercase() || c == '\'' || c == '-')
    };
    let plain = |x: &Tok| !x.is(Lists::COMMON) && !x.is(Lists::WORDY) && !x.is(Lists::STREET);
    (lower(f)
        && lower(s)
        && !f.stop_after
        && f.is(Lists::FORENAME)
        && s.is(Lists::SURNAME)
        && plain(f)
        && plain(s)
        && f.w.chars().count() > 1
        && s.w.chars().count() > 1)
        .then_some(j + 2)
}

/// Words before a place: after one, `Morgan Close` is a street, not a person.
const PLACE_BEFORE: &[&str] = &[
    "at", "on", "in", "near", "attended", "visited", "outside", "along", "off", "into", "opposite",
    "behind", "towards", "via",
];

/// Forenames that are also words and, before a surname, are more often a
/// title or a thing's name than a person's: `King Charles`, `Earl Grey`.
const NOT_FORENAMES_FIRST: &[&str] = &[
    "king", "kings", "queen", "prince", "princess", "duke", "earl", "major", "lord", "lady",
];

/// Whether `text` has the word passport in it, in any case: the cue
/// [`patterns::find_passports`] needs, looked for before anything else.
fn has_passport_cue(text: &str) -> bool {
    text.as_bytes()
        .windows(8)
        .any(|w| w.eq_ignore_ascii_case(b"passport"))
}
