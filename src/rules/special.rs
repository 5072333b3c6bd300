//! Special category data (UK GDPR Article 9): a person's health, religion or
//! belief, sexual orientation, trade union membership, political opinions
//! and racial or ethnic origin, as a column's header says.
//!
//! None of it identifies anyone. Beside what does (a name, a staff number),
//! it makes a disclosure serious: a sickness-absence list with staff numbers
//! publishes each officer's diagnosis. So a value in such a column adds a
//! reason to a row flagged for something else, and the report advises on
//! the column ([`crate::check`]).

use super::Rule;

/// One category: the header rule that finds its columns, and the rule a
/// row's reason cites.
#[derive(Debug, Clone, Copy)]
pub struct Category {
    /// Rule id of a value (`special.health`).
    pub rule: &'static str,
    /// Id of the header rule (in [`super::headers::HEADERS`]) whose columns
    /// hold it.
    pub header_rule: &'static str,
    /// What a value is, to start a sentence (`Health information`).
    pub label: &'static str,
    /// What the column holds, inside a sentence (`health information`).
    pub holds: &'static str,
    /// Whether its values may be notes that name people (`Stress after an
    /// incident with Sgt Byrne`), to be read as free text too. Ethnic groups
    /// are not (`White and Black Caribbean`).
    pub notes: bool,
}

/// Rule id of the advice on a column of special category data.
pub const ADVICE: &str = "special.advice";

/// The categories. The header phrases are in [`super::headers::HEADERS`],
/// under each `header_rule`.
pub const CATEGORIES: &[Category] = &[
    Category {
        rule: "special.health",
        header_rule: "special.header.health",
        label: "Health information",
        holds: "health information",
        notes: true,
    },
    Category {
        rule: "special.religion",
        header_rule: "special.header.religion",
        label: "Religion or belief",
        holds: "religion or belief",
        notes: true,
    },
    Category {
        rule: "special.sexual_orientation",
        header_rule: "special.header.sexual_orientation",
        label: "Sexual orientation",
        holds: "sexual orientation",
        notes: true,
    },
    Category {
        rule: "special.trade_union",
        header_rule: "special.header.trade_union",
        label: "Trade union membership",
        holds: "trade union membership",
        notes: true,
    },
    Category {
        rule: "special.political",
        header_rule: "special.header.political",
        label: "Political opinion",
        holds: "political opinions",
        notes: true,
    },
    Category {
        rule: "special.ethnic_origin",
        header_rule: "ethnicity.header",
        label: "Racial or ethnic origin",
        holds: "racial or ethnic origin",
        notes: false,
    },
];

/// The category whose columns a header rule finds.
pub fn for_header_rule(id: &str) -> Option<u8> {
    CATEGORIES
        .iter()
        .position(|c| c.header_rule == id)
        .and_then(|i| u8::try_from(i).ok())
}

/// The category with this index.
pub fn category(i: u8) -> Option<&'static Category> {
    CATEGORIES.get(usize::from(i))
}

/// Answers that say nothing about the person (lowercase, as
/// [`super::headers::normalise`] leaves them): no value, no answer, or
/// none to give. `No` under `Disability` or `Trade union member` is left out
/// as well: a reason saying "Health information: No" would alarm for
/// nothing.
const NOT_ANSWERS: &[&str] = &[
    "none",
    "no",
    "n",
    "nil",
    "n a",
    "na",
    "not applicable",
    "unknown",
    "not known",
    "not stated",
    "not specified",
    "not recorded",
    "not provided",
    "not disclosed",
    "undisclosed",
    "not given",
    "prefer not to say",
    "prefer not to state",
    "prefer not to disclose",
    "declined",
    "declined to say",
    "withheld",
    "information refused",
    "refused",
    "blank",
    "null",
];

/// Whether a cell's value says something about the person: not a
/// non-answer ([`NOT_ANSWERS`]), not a number (a count, under `Disability`
/// in a table of counts), not a date.
///
/// ```
/// use foi_check::rules::special::is_answer;
/// assert!(is_answer("Stress/anxiety"));
/// assert!(is_answer("Yes"));
/// assert!(!is_answer("Prefer not to say"));
/// assert!(!is_answer("12"));
/// assert!(!is_answer("02/03/2023"));
/// ```
pub fn is_answer(v: &str) -> bool {
    let v = v.trim();
    if v.is_empty()
        || v.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'/' | b'-' | b'%' | b' '))
    {
        return false;
    }
    let norm = super::headers::normalise(v);
    !norm.is_empty() && !NOT_ANSWERS.contains(&norm.as_str())
}

/// The rules as `foi-check rules` lists them.
pub const RULES: &[Rule] = &[
    Rule { id: "special.health", description: "Health information (special category data, UK GDPR Article 9) in a column whose header says so (Absence reason, Medical condition, Disability, Injury): adds to a flagged row" },
    Rule { id: "special.religion", description: "Religion or belief (special category data) in a column whose header says so (Religion, Faith): adds to a flagged row" },
    Rule { id: "special.sexual_orientation", description: "Sexual orientation (special category data) in a column whose header says so: adds to a flagged row" },
    Rule { id: "special.trade_union", description: "Trade union membership (special category data) in a column whose header says so (Trade union, Union member): adds to a flagged row" },
    Rule { id: "special.political", description: "Political opinions (special category data) in a column whose header says so (Political opinion, Political affiliation): adds to a flagged row" },
    Rule { id: "special.ethnic_origin", description: "Racial or ethnic origin (special category data) in an ethnicity column: adds to a flagged row" },
    Rule { id: ADVICE, description: "Advice on a column of special category data beside rows that identify people: a disclosure of it is serious" },
];
