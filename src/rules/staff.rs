//! Staff markers: police ranks, staff and civil service grades, vetting
//! levels and sensitive units.
//!
//! Every form is written normalised: lower case, dots removed, single spaces
//! (see [`normalise_value`]). A cell in a Rank column matches when its whole
//! normalised value is a form; free text is searched for the forms whose
//! [`TextUse`] allows it.

use super::{Rule, WordMap};
use std::sync::OnceLock;

/// How a rank form may be used when searching free text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextUse {
    /// A word (`Inspector`, `Sergeant`): any case; the name after it must be capitalised.
    Word,
    /// An abbreviation that is not an English word (`Sgt`, `Insp`, `DCI`, `PCSO`).
    Abbrev,
    /// A short abbreviation that is also something else (`PC`, `DC`, `PS`,
    /// `CC`, `Con`): must be written in capitals (or `Con`), and be followed by
    /// a number or by a name the gazetteer knows.
    Ambiguous,
    /// Never searched in free text (`Band C`, `EO`, `AO`).
    No,
}

/// A rank or grade.
#[derive(Debug, Clone, Copy)]
pub struct Rank {
    /// The rule it belongs to (`rank.police`, `rank.police.senior`, `grade.civil_service`...).
    pub rule: &'static str,
    /// The full name, as the `why` sentences give it.
    pub name: &'static str,
    /// Senior (chief officers, commanders, directors, senior civil servants).
    pub senior: bool,
    /// Normalised forms and how each may be used in free text.
    pub forms: &'static [(&'static str, TextUse)],
}

use TextUse::{Abbrev as A, Ambiguous as X, No as NO, Word as W};

const fn r(
    rule: &'static str,
    name: &'static str,
    senior: bool,
    forms: &'static [(&'static str, TextUse)],
) -> Rank {
    Rank {
        rule,
        name,
        senior,
        forms,
    }
}

/// Rule id: a police rank.
pub const RANK_POLICE: &str = "rank.police";
/// Rule id: a senior police rank.
pub const RANK_SENIOR: &str = "rank.police.senior";
/// Rule id: a police staff grade.
pub const GRADE_POLICE_STAFF: &str = "grade.police_staff";
/// Rule id: a civil service grade.
pub const GRADE_CIVIL_SERVICE: &str = "grade.civil_service";
/// Rule id: a senior staff or civil service grade.
pub const GRADE_SENIOR: &str = "grade.senior";
/// Rule id: a vetting level.
pub const VETTING: &str = "vetting.level";
/// Rule id: a sensitive unit.
pub const UNIT_SENSITIVE: &str = "unit.sensitive";

/// Ranks and grades. Chief Superintendent is not counted as senior (it is not
/// a chief officer rank); Commander and above, ACC and above, directors and
/// the Senior Civil Service are.
pub const RANKS: &[Rank] = &[
    r(
        RANK_POLICE,
        "Constable",
        false,
        &[
            ("constable", W),
            ("police constable", W),
            ("pc", X),
            ("con", X),
            // the PSNI's abbreviation
            ("cst", A),
            ("wpc", X),
            // the older forces' woman and probationer constable
            ("w/pc", A),
            ("p/pc", A),
            ("ppc", X),
            ("probationer constable", W),
            ("student officer", W),
        ],
    ),
    r(
        RANK_POLICE,
        "Detective Constable",
        false,
        &[
            ("detective constable", W),
            ("dc", X),
            ("det con", A),
            ("d/c", A),
            ("w/dc", A),
            ("tdc", A),
            ("trainee detective constable", W),
        ],
    ),
    r(
        RANK_POLICE,
        "Special Constable",
        false,
        &[
            ("special constable", W),
            ("spc", A),
            ("special sergeant", W),
            ("special inspector", W),
            ("special chief inspector", W),
        ],
    ),
    r(
        RANK_POLICE,
        "PCSO",
        false,
        &[
            ("pcso", A),
            ("police community support officer", W),
            ("community support officer", W),
        ],
    ),
    r(
        RANK_POLICE,
        "Detective",
        false,
        &[("detective", W), ("det", X)],
    ),
    r(
        RANK_POLICE,
        "Sergeant",
        false,
        &[
            ("sergeant", W),
            ("police sergeant", W),
            ("sgt", A),
            ("ps", X),
            ("a/sgt", A),
            ("t/sgt", A),
            ("a/ps", A),
            ("p/sgt", A),
            ("w/sgt", A),
            ("w/ps", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Detective Sergeant",
        false,
        &[
            ("detective sergeant", W),
            ("ds", X),
            ("d/sgt", A),
            ("det sgt", A),
            ("dsgt", A),
            ("d/s", A),
            ("a/ds", A),
            ("t/ds", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Inspector",
        false,
        &[
            ("inspector", W),
            ("police inspector", W),
            ("insp", A),
            ("a/insp", A),
            ("t/insp", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Detective Inspector",
        false,
        &[
            ("detective inspector", W),
            ("di", X),
            ("det insp", A),
            ("d/insp", A),
            ("d/i", A),
            ("a/di", A),
            ("t/di", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Chief Inspector",
        false,
        &[
            ("chief inspector", W),
            ("ci", X),
            ("c/insp", A),
            ("ch insp", A),
            ("chief insp", A),
            ("c/i", A),
            ("a/ci", A),
            ("t/ci", A),
            ("ch/insp", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Detective Chief Inspector",
        false,
        &[
            ("detective chief inspector", W),
            ("dci", A),
            ("det ch insp", A),
            ("d/ci", A),
            ("d/c/insp", A),
            ("t/dci", A),
            ("a/dci", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Superintendent",
        false,
        &[
            ("superintendent", W),
            ("supt", A),
            ("police superintendent", W),
            ("a/supt", A),
            ("t/supt", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Detective Superintendent",
        false,
        &[
            ("detective superintendent", W),
            ("dsupt", A),
            ("d/supt", A),
            ("det supt", A),
            ("dsu", A),
        ],
    ),
    r(
        RANK_POLICE,
        "Chief Superintendent",
        false,
        &[
            ("chief superintendent", W),
            ("ch supt", A),
            ("c/supt", A),
            ("chief supt", A),
            ("csupt", A),
            ("ch/supt", A),
            ("detective chief superintendent", W),
            ("det ch supt", A),
            ("dcs", A),
            ("d/c/supt", A),
            ("t/c/supt", A),
            ("a/c/supt", A),
        ],
    ),
    r(
        RANK_SENIOR,
        "Commander",
        true,
        &[("commander", W), ("cmdr", A), ("cdr", A)],
    ),
    r(
        RANK_SENIOR,
        "Assistant Chief Constable",
        true,
        &[
            ("assistant chief constable", W),
            ("acc", A),
            ("t/acc", A),
            ("a/acc", A),
        ],
    ),
    r(
        RANK_SENIOR,
        "Deputy Chief Constable",
        true,
        &[("deputy chief constable", W), ("dcc", A), ("t/dcc", A)],
    ),
    r(
        RANK_SENIOR,
        "Chief Constable",
        true,
        &[("chief constable", W), ("cc", X)],
    ),
    r(
        RANK_SENIOR,
        "Deputy Assistant Commissioner",
        true,
        &[("deputy assistant commissioner", W), ("dac", A)],
    ),
    r(
        RANK_SENIOR,
        "Assistant Commissioner",
        true,
        &[("assistant commissioner", W), ("ac", NO)],
    ),
    r(
        RANK_SENIOR,
        "Deputy Commissioner",
        true,
        &[("deputy commissioner", W)],
    ),
    r(
        RANK_SENIOR,
        "Commissioner",
        true,
        &[("commissioner", W), ("police commissioner", W)],
    ),
    r(
        GRADE_POLICE_STAFF,
        "Police Staff",
        false,
        &[
            ("police staff", NO),
            ("staff", NO),
            ("civilian", NO),
            ("band a", NO),
            ("band b", NO),
            ("band c", NO),
            ("band d", NO),
            ("band e", NO),
            ("band f", NO),
            ("band g", NO),
            ("band h", NO),
            ("band 1", NO),
            ("band 2", NO),
            ("band 3", NO),
            ("band 4", NO),
            ("band 5", NO),
            ("band 6", NO),
            ("band 7", NO),
            ("band 8", NO),
            ("band 9", NO),
            ("so1", NO),
            ("so2", NO),
            ("so3", NO),
            ("so 1", NO),
            ("so 2", NO),
            ("po1", NO),
            ("po2", NO),
            ("po3", NO),
            ("po4", NO),
            ("po5", NO),
            ("po6", NO),
            ("po 1", NO),
            ("po 2", NO),
            ("po 3", NO),
            ("po 4", NO),
            ("po 5", NO),
            ("po 6", NO),
            ("scale 1", NO),
            ("scale 2", NO),
            ("scale 3", NO),
            ("scale 4", NO),
            ("scale 5", NO),
            ("scale 6", NO),
            ("scale 1-3", NO),
            ("scale 4-6", NO),
            ("grade a", NO),
            ("grade b", NO),
            ("grade c", NO),
            ("grade d", NO),
            ("grade e", NO),
            ("grade f", NO),
            ("psi", NO),
            ("investigator", NO),
            ("police staff investigator", NO),
            ("detention officer", NO),
            ("custody detention officer", NO),
        ],
    ),
    r(
        GRADE_CIVIL_SERVICE,
        "Civil Service grade",
        false,
        &[
            ("aa", NO),
            ("ao", NO),
            ("eo", NO),
            ("heo", NO),
            ("seo", NO),
            ("g7", NO),
            ("g6", NO),
            ("grade 7", NO),
            ("grade 6", NO),
            ("administrative assistant", NO),
            ("administrative officer", NO),
            ("executive officer", NO),
            ("higher executive officer", NO),
            ("senior executive officer", NO),
            ("fast stream", NO),
            ("hmfs", NO),
            ("ag", NO),
            ("ao/aa", NO),
        ],
    ),
    r(
        GRADE_SENIOR,
        "Senior grade",
        true,
        &[
            ("scs", NO),
            ("scs1", NO),
            ("scs2", NO),
            ("scs3", NO),
            ("scs4", NO),
            ("scs 1", NO),
            ("scs 2", NO),
            ("scs 3", NO),
            ("scs 4", NO),
            ("scs pay band 1", NO),
            ("scs pay band 2", NO),
            ("scs pay band 3", NO),
            ("scs band 1", NO),
            ("scs band 2", NO),
            ("scs band 3", NO),
            ("pb1", NO),
            ("pb2", NO),
            ("pb3", NO),
            ("director", W),
            ("senior director", W),
            ("executive director", W),
            ("deputy director", W),
            ("director general", W),
            ("permanent secretary", W),
            ("chief executive", W),
            ("chief executive officer", W),
            ("chief officer", NO),
            ("deputy chief officer", W),
            ("chief operating officer", W),
            ("chief finance officer", W),
            ("chief financial officer", W),
            ("director of finance", W),
            ("director of resources", W),
            ("director of people", W),
            ("chief of staff", W),
        ],
    ),
];

/// A vetting level.
#[derive(Debug, Clone, Copy)]
pub struct Vetting {
    /// Full name.
    pub name: &'static str,
    /// Normalised forms.
    pub forms: &'static [&'static str],
}

/// Vetting levels.
pub const VETTING_LEVELS: &[Vetting] = &[
    Vetting {
        name: "Non Police Personnel Vetting 1",
        forms: &["nppv1", "nppv 1", "nppv level 1", "nppv l1"],
    },
    Vetting {
        name: "Non Police Personnel Vetting 2",
        forms: &[
            "nppv2",
            "nppv 2",
            "nppv level 2",
            "nppv l2",
            "nppv2 (full)",
            "nppv2 (abbreviated)",
        ],
    },
    Vetting {
        name: "Non Police Personnel Vetting 3",
        forms: &["nppv3", "nppv 3", "nppv level 3", "nppv l3"],
    },
    Vetting {
        name: "Recruitment Vetting",
        forms: &["rv", "recruitment vetting", "mv", "management vetting"],
    },
    Vetting {
        name: "Counter Terrorist Check",
        forms: &["ctc", "counter terrorist check", "counter terrorism check"],
    },
    Vetting {
        name: "Security Check",
        forms: &["sc", "security check"],
    },
    Vetting {
        name: "Enhanced Security Check",
        forms: &[
            "esc",
            "enhanced sc",
            "enhanced security check",
            "sc enhanced",
        ],
    },
    Vetting {
        name: "Developed Vetting",
        forms: &[
            "dv",
            "developed vetting",
            "edv",
            "enhanced dv",
            "enhanced developed vetting",
        ],
    },
    Vetting {
        name: "Baseline Personnel Security Standard",
        forms: &["bpss", "bs", "baseline"],
    },
];

/// Sensitive units: words and phrases (lower case) searched in Unit columns.
/// Naming an officer together with one of these puts them at risk.
pub const SENSITIVE_UNITS: &[(&str, &str)] = &[
    ("covert", "covert policing"),
    ("surveillance", "surveillance"),
    ("special branch", "Special Branch"),
    ("c3", "Special Branch (C3)"),
    ("counter terrorism", "counter-terrorism"),
    ("counter-terrorism", "counter-terrorism"),
    ("counter terrorist", "counter-terrorism"),
    ("ctu", "counter-terrorism unit"),
    ("ctp", "counter terrorism policing"),
    ("ctpni", "counter terrorism policing"),
    ("ctiu", "counter terrorism intelligence"),
    ("firearms", "firearms"),
    ("armed response", "armed response"),
    ("arv", "armed response"),
    ("armed policing", "armed policing"),
    ("close protection", "close protection"),
    ("protection command", "protection command"),
    ("royalty protection", "royalty protection"),
    ("undercover", "undercover policing"),
    ("professional standards", "professional standards"),
    ("psd", "professional standards"),
    ("anti-corruption", "anti-corruption"),
    ("anti corruption", "anti-corruption"),
    ("counter corruption", "anti-corruption"),
    ("intelligence", "intelligence"),
    ("tsu", "technical support unit"),
    ("technical support unit", "technical support unit"),
    ("witness protection", "witness protection"),
    ("protected persons", "protected persons"),
    ("mi5", "MI5 liaison"),
    ("security service", "Security Service liaison"),
    ("source handling", "covert human intelligence sources"),
    ("dedicated source unit", "covert human intelligence sources"),
    ("chis", "covert human intelligence sources"),
    ("kidnap", "kidnap and extortion"),
    ("hostage", "hostage negotiation"),
    ("negotiator", "hostage negotiation"),
    ("tactical support group", "tactical support"),
    ("tsg", "tactical support"),
    ("organised crime", "organised crime"),
    ("serious crime", "serious crime"),
    ("major investigation", "major investigation"),
    ("public protection", "public protection"),
];

/// The staff-marker rules as listed by `foi-check rules`.
pub const RULES: &[Rule] = &[
    Rule { id: RANK_POLICE, description: "A police rank or its abbreviation (PC, DC, Sgt, DS, Insp, DI, CI, DCI, Supt, Ch Supt, PCSO...): staff context, not identifying alone" },
    Rule { id: RANK_SENIOR, description: "A chief officer rank (Commander, ACC, DCC, Chief Constable, Commissioner): makes a named row staff_senior" },
    Rule { id: GRADE_POLICE_STAFF, description: "A police staff grade (Band A-F, SO1-SO2, PO1-PO6, Scale 1-6): staff context, not identifying alone" },
    Rule { id: GRADE_CIVIL_SERVICE, description: "A civil service grade (AA, AO, EO, HEO, SEO, G7, G6): staff context, not identifying alone" },
    Rule { id: GRADE_SENIOR, description: "A senior grade (SCS, SCS1-4, Director, Chief Executive, Chief Officer): makes a named row staff_senior" },
    Rule { id: VETTING, description: "A vetting level (NPPV1-3, RV, CTC, SC, eSC, DV): adds to a flagged row" },
    Rule { id: UNIT_SENSITIVE, description: "A sensitive unit (covert, surveillance, Special Branch, counter-terrorism, firearms, close protection, professional standards, intelligence...): adds to a flagged row" },
];

/// Normalise a cell for lookups: lower case, dots removed, runs of spaces,
/// underscores and tabs as one space, trimmed. Writes into `out` (cleared).
pub fn normalise_value(s: &str, out: &mut String) {
    out.clear();
    normalise_chars(s, |c| out.push(c));
}

/// Run `f` on [`normalise_value`] of `s`: on the stack for a value of up
/// to 64 ASCII bytes (a rank, a word of a name), in a `String` otherwise.
///
/// ```
/// use foi_check::rules::staff::with_normalised;
/// assert_eq!(with_normalised(" Det._Sgt ", |n| n.to_string()), "det sgt");
/// ```
pub fn with_normalised<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.len() <= 64 && s.is_ascii() {
        let mut buf = [0u8; 64];
        let mut n = 0;
        let mut fits = true;
        normalise_chars(s, |c| match (u8::try_from(c), buf.get_mut(n)) {
            (Ok(b), Some(slot)) => {
                *slot = b;
                n += 1;
            }
            _ => fits = false,
        });
        if let Some(norm) = buf
            .get(..n)
            .filter(|_| fits)
            .and_then(|b| std::str::from_utf8(b).ok())
        {
            return f(norm);
        }
    }
    let mut out = String::new();
    normalise_value(s, &mut out);
    f(&out)
}

/// The characters of [`normalise_value`] of `s`, given to `put` in order.
fn normalise_chars(s: &str, mut put: impl FnMut(char)) {
    let mut space = false;
    let mut any = false;
    for c in s.trim().chars() {
        match c {
            '.' => {}
            ' ' | '\t' | '_' | '\u{a0}' => space = true,
            c => {
                if space && any {
                    put(' ');
                }
                space = false;
                any = true;
                if c.is_ascii() {
                    put(c.to_ascii_lowercase());
                } else {
                    c.to_lowercase().for_each(&mut put);
                }
            }
        }
    }
}

struct Tables {
    ranks: WordMap<u16>,
    first_words: WordMap<()>,
    vetting: WordMap<u16>,
    units: aho_corasick::AhoCorasick,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut ranks = WordMap::default();
        let mut first_words = WordMap::default();
        for (i, rank) in RANKS.iter().enumerate() {
            for (form, use_) in rank.forms {
                ranks.entry(*form).or_insert(i as u16);
                if *use_ != TextUse::No {
                    if let Some(w) = form.split(' ').next() {
                        first_words.insert(w, ());
                    }
                }
            }
        }
        let mut vetting = WordMap::default();
        for (i, v) in VETTING_LEVELS.iter().enumerate() {
            for f in v.forms {
                vetting.insert(*f, i as u16);
            }
        }
        let units = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(SENSITIVE_UNITS.iter().map(|(k, _)| k))
            .expect("the static unit list builds");
        Tables {
            ranks,
            first_words,
            vetting,
            units,
        }
    })
}

/// Strip `acting`, `temporary`, `a/`, `t/` from a normalised rank.
fn strip_acting(s: &str) -> &str {
    for p in ["acting ", "temporary ", "temp ", "a/", "t/", "detective/"] {
        if let Some(rest) = s.strip_prefix(p) {
            if !rest.is_empty() && tables().ranks.contains_key(rest) {
                return rest;
            }
        }
    }
    s
}

/// The rank or grade a normalised value is, if any.
///
/// ```
/// use foi_check::rules::staff::{lookup_rank, RANKS};
/// let i = lookup_rank("ch supt").unwrap();
/// assert_eq!(RANKS[i].name, "Chief Superintendent");
/// ```
pub fn lookup_rank(norm: &str) -> Option<usize> {
    let t = tables();
    if let Some(i) = t.ranks.get(norm) {
        return Some(*i as usize);
    }
    t.ranks.get(strip_acting(norm)).map(|i| *i as usize)
}

/// The rank a job title starts with (`Chief Superintendent, Head of Crime`,
/// `Director of Finance`), if any: the longest form that is a prefix followed
/// by a space, comma or the end.
pub fn rank_prefix(norm: &str) -> Option<usize> {
    if let Some(i) = lookup_rank(norm) {
        return Some(i);
    }
    let mut best: Option<(usize, usize)> = None;
    for (pos, c) in norm.char_indices() {
        if c == ' ' || c == ',' || c == '-' || c == '(' {
            let head = norm
                .get(..pos)
                .unwrap_or("")
                .trim_end_matches([',', ' ', '-']);
            if let Some(i) = lookup_rank(head) {
                // Ambiguous short forms (`pc`, `ds`) only as the whole value.
                if head.len() > 3 && best.is_none_or(|(l, _)| head.len() > l) {
                    best = Some((head.len(), i));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}

/// Whether a normalised word can start a rank form used in free text.
pub fn starts_rank(word: &str) -> bool {
    tables().first_words.contains_key(word)
}

/// How a normalised form may be used in free text.
pub fn text_use(rank: usize, form: &str) -> TextUse {
    RANKS
        .get(rank)
        .and_then(|r| r.forms.iter().find(|(f, _)| *f == form))
        .map_or(TextUse::No, |(_, u)| *u)
}

/// The vetting level a normalised value is, if any.
pub fn lookup_vetting(norm: &str) -> Option<usize> {
    tables().vetting.get(norm).map(|i| *i as usize)
}

/// The first sensitive unit named in `s` (as whole words), if any:
/// (index into [`SENSITIVE_UNITS`], start, end).
pub fn find_sensitive_unit(s: &str) -> Option<(usize, usize, usize)> {
    let b = s.as_bytes();
    for m in tables().units.find_iter(s) {
        let before = m
            .start()
            .checked_sub(1)
            .and_then(|i| b.get(i))
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let after = b.get(m.end()).is_some_and(|c| c.is_ascii_alphanumeric());
        if !before && !after {
            return Some((m.pattern().as_usize(), m.start(), m.end()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `normalise_value` as it was before it shared its loop with
    /// `with_normalised` (the specification).
    fn normalise_value_reference(s: &str, out: &mut String) {
        out.clear();
        let mut space = false;
        for c in s.trim().chars() {
            match c {
                '.' => {}
                ' ' | '\t' | '_' | '\u{a0}' => space = true,
                c => {
                    if space && !out.is_empty() {
                        out.push(' ');
                    }
                    space = false;
                    if c.is_ascii() {
                        out.push(c.to_ascii_lowercase());
                    } else {
                        out.extend(c.to_lowercase());
                    }
                }
            }
        }
    }

    #[test]
    fn normalising_matches_the_reference() {
        const PARTS: &[&str] = &[
            "Det", "SGT", ".", "_", " ", "  ", "\t", "\u{a0}", "Chief", "Supt.", "PC", "é", "É",
            "İ", "\n", "x", "4521", "-", "/",
        ];
        let mut rng = crate::testgen::Xorshift::new(0x3c6e_f372_fe94_f82b_u64);
        let mut next = move |m: usize| rng.below(m);
        let (mut out, mut want) = (String::new(), String::new());
        let mut stack = 0;
        for i in 0..40_000 {
            let parts = if i % 100 == 0 { 40 } else { 1 + next(8) };
            let v: String = (0..parts).map(|_| PARTS[next(PARTS.len())]).collect();
            normalise_value_reference(&v, &mut want);
            normalise_value(&v, &mut out);
            assert_eq!(out, want, "{v:?}");
            assert_eq!(with_normalised(&v, str::to_string), want, "{v:?}");
            stack += usize::from(v.len() <= 64 && v.is_ascii());
        }
        // Both ways are taken often.
        assert!((1_000..39_000).contains(&stack), "{stack}");
    }
}
