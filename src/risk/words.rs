//! The word tables of the risk checks, as data: what a header means
//! (quasi-identifier, identifier, count of people, count of things) and which
//! cell texts mark a suppressed count or a total.
//!
//! Headers are matched on whole words after lowercasing and turning every
//! other character into a space; the head noun decides (the last word, or
//! the word before "of"), and of the phrases covering it the longest wins
//! ("officer name" is a name, "age band" an age, "subject officer rank" a
//! rank, "count of surname" a count of people): see [`header_meaning`].

use crate::report::ColumnClass;

/// `str::trim`, without its Unicode scan when the text starts and ends with
/// a visible ASCII character, as almost every cell does (the risk checks
/// trim every cell of every row; the scan was a tenth of their time).
#[inline]
pub fn trim(text: &str) -> &str {
    let visible = |b: Option<&u8>| b.is_some_and(|&b| (0x21..0x7f).contains(&b));
    let b = text.as_bytes();
    if b.is_empty() || (visible(b.first()) && visible(b.last())) {
        text
    } else {
        text.trim()
    }
}

/// What a header says a column holds, as far as the risk checks care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HeaderMeaning {
    /// A quasi-identifier of this kind.
    Qi(QiKind),
    /// An identifier, contact detail, free text or date of birth: never a
    /// quasi-identifier, and a sign that rows are people (one per row).
    Identifier,
    /// A count or amount; `Some(true)` of people, `Some(false)` of things,
    /// `None` when the header does not say.
    Count(Option<bool>),
    /// A date, year or time that is not about a person (month, year of a
    /// count, a building's opening hours).
    Period,
    /// A derived figure (percentage, rate, average): neither a count nor a
    /// quasi-identifier.
    Derived,
}

/// Kinds of quasi-identifier, in the order they are preferred when a wide
/// table has more than `max_qi_columns` of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QiKind {
    /// Rank or grade.
    Rank,
    /// Unit, department, team.
    Unit,
    /// Station, location, district.
    Location,
    /// Gender or sex.
    Gender,
    /// Ethnicity.
    Ethnicity,
    /// Age or age band.
    Age,
    /// Year or date joined, length of service.
    Service,
    /// Job title or role.
    JobTitle,
    /// Contract type, working pattern.
    Contract,
    /// Salary or pay band.
    Salary,
    /// Other personal characteristics (religion, disability, nationality...).
    Personal,
}

impl QiKind {
    /// Whether the kind describes the person (rank, gender, age...) rather
    /// than where they work: a table needs at least one of these before its
    /// rows are taken to be people.
    pub fn is_personal(self) -> bool {
        !matches!(self, QiKind::Unit | QiKind::Location)
    }

    /// The kind for a detector column class, if it is a quasi-identifier.
    pub fn from_class(class: ColumnClass) -> Option<QiKind> {
        Some(match class {
            ColumnClass::RankGrade => QiKind::Rank,
            ColumnClass::JobTitle => QiKind::JobTitle,
            ColumnClass::Unit => QiKind::Unit,
            ColumnClass::Location => QiKind::Location,
            ColumnClass::Gender => QiKind::Gender,
            ColumnClass::Ethnicity => QiKind::Ethnicity,
            ColumnClass::Age => QiKind::Age,
            ColumnClass::Service => QiKind::Service,
            ColumnClass::Contract => QiKind::Contract,
            ColumnClass::Salary => QiKind::Salary,
            _ => return None,
        })
    }
}

/// Detector classes that are never quasi-identifiers (identifiers, contact
/// details, prose, counts) and make the table a list of people.
pub fn class_is_identifier(class: ColumnClass) -> bool {
    use ColumnClass::*;
    matches!(
        class,
        Name | Forename
            | Surname
            | Initial
            | StaffNumber
            | Email
            | Phone
            | NiNumber
            | NhsNumber
            | PassportNumber
            | BankDetails
            | IpAddress
            | DateOfBirth
            | Address
            | Postcode
            | Photo
    )
}

/// One entry of the header table.
pub struct HeaderWord {
    /// Id, cited in column evidence.
    pub id: &'static str,
    /// What a header containing one of the phrases means.
    pub meaning: HeaderMeaning,
    /// Whole-word phrases, lowercase.
    pub phrases: &'static [&'static str],
}

use HeaderMeaning::{Count, Derived, Identifier, Period, Qi};

/// The header table.
pub const HEADER_WORDS: &[HeaderWord] = &[
    HeaderWord {
        id: "qi.rank",
        meaning: Qi(QiKind::Rank),
        phrases: &[
            "rank",
            "grade",
            "band",
            "substantive rank",
            "acting rank",
            "rank grade",
            "pay grade",
        ],
    },
    HeaderWord {
        id: "qi.job_title",
        meaning: Qi(QiKind::JobTitle),
        phrases: &[
            "job title",
            "title",
            "role",
            "job role",
            "post",
            "post title",
            "position",
            "job",
            "designation",
            "occupation",
            "job description",
        ],
    },
    HeaderWord {
        id: "qi.unit",
        meaning: Qi(QiKind::Unit),
        phrases: &[
            "unit",
            "department",
            "dept",
            "team",
            "section",
            "branch",
            "directorate",
            "command",
            "business area",
            "squad",
            "portfolio",
            "function",
            "organisational unit",
            "ocu",
            "business unit",
            "service area",
            "division",
        ],
    },
    HeaderWord {
        id: "qi.location",
        meaning: Qi(QiKind::Location),
        phrases: &[
            "station",
            "location",
            "district",
            "area",
            "base",
            "office",
            "site",
            "posting",
            "region",
            "ward",
            "neighbourhood",
            "sector",
            "county",
            "town",
            "beat",
            "work location",
            "police station",
            "policing area",
            "lpa",
            "bcu",
            "force",
            "force name",
            "borough",
            "local authority",
            "deployment",
        ],
    },
    HeaderWord {
        id: "qi.coordinates",
        meaning: Qi(QiKind::Location),
        phrases: crate::rules::headers::COORDINATES,
    },
    HeaderWord {
        id: "qi.gender",
        meaning: Qi(QiKind::Gender),
        phrases: &["gender", "sex", "gender identity"],
    },
    HeaderWord {
        id: "qi.ethnicity",
        meaning: Qi(QiKind::Ethnicity),
        phrases: &[
            "ethnicity",
            "ethnic",
            "ethnic group",
            "ethnic origin",
            "race",
            "self defined ethnicity",
        ],
    },
    HeaderWord {
        id: "qi.age",
        meaning: Qi(QiKind::Age),
        phrases: &[
            "age",
            "age band",
            "age group",
            "age range",
            "year of birth",
            "age at",
        ],
    },
    HeaderWord {
        id: "qi.service",
        meaning: Qi(QiKind::Service),
        phrases: &[
            "length of service",
            "years of service",
            "service length",
            "year joined",
            "date joined",
            "joined",
            "joining date",
            "date of joining",
            "year of joining",
            "start date",
            "date started",
            "start year",
            "date of appointment",
            "appointment date",
            "service",
            "tenure",
            "years service",
            "service years",
            "time in rank",
            "time in post",
            "years in rank",
            "years in post",
        ],
    },
    HeaderWord {
        id: "qi.contract",
        meaning: Qi(QiKind::Contract),
        phrases: &[
            "contract",
            "contract type",
            "working pattern",
            "work pattern",
            "full time",
            "part time",
            "ft pt",
            "employment type",
            "worker type",
            "staff type",
            "employment status",
            "shift pattern",
            "hours",
            "contracted hours",
            "working hours",
        ],
    },
    HeaderWord {
        id: "qi.salary",
        meaning: Qi(QiKind::Salary),
        phrases: &[
            "salary",
            "salary band",
            "pay band",
            "pay scale",
            "pay point",
            "spine point",
            "salary range",
            "pay",
        ],
    },
    HeaderWord {
        id: "qi.personal",
        meaning: Qi(QiKind::Personal),
        phrases: &[
            "religion",
            "religion or belief",
            "disability",
            "disabled",
            "sexual orientation",
            "marital status",
            "nationality",
            "country of birth",
        ],
    },
    HeaderWord {
        id: "id.person",
        meaning: Identifier,
        phrases: &[
            "name",
            "names",
            "surname",
            "forename",
            "forenames",
            "first name",
            "last name",
            "full name",
            "given name",
            "family name",
            "initial",
            "initials",
            "officer name",
            "employee name",
            "staff name",
            "collar",
            "collar number",
            "warrant",
            "warrant number",
            "payroll",
            "payroll number",
            "staff number",
            "staff no",
            "service number",
            "service no",
            "shoulder number",
            "employee number",
            "employee id",
            "personnel number",
            "email",
            "e mail",
            "email address",
            "phone",
            "telephone",
            "mobile",
            "tel",
            "address",
            "postcode",
            "post code",
            "date of birth",
            "dob",
        ],
    },
    HeaderWord {
        id: "id.reference",
        meaning: Identifier,
        phrases: &["id", "ref", "reference", "ref no", "reference number"],
    },
    HeaderWord {
        id: "id.text",
        meaning: Identifier,
        phrases: &[
            "description",
            "details",
            "notes",
            "note",
            "comments",
            "comment",
            "narrative",
            "summary",
            "reason",
            "circumstances",
            "remarks",
            "text",
            "free text",
            "allegation",
            "outcome",
        ],
    },
    HeaderWord {
        id: "count.people",
        meaning: Count(Some(true)),
        phrases: &[
            "headcount",
            "head count",
            "fte",
            "full time equivalent",
            "full time equivalents",
            "wte",
            "whole time equivalent",
            "officers",
            "officer",
            "number of officers",
            "no of officers",
            "staff",
            "number of staff",
            "employees",
            "personnel",
            "people",
            "persons",
            "individuals",
            "victims",
            "complainants",
            "witnesses",
            "suspects",
            "offenders",
            "students",
            "pupils",
            "patients",
            "members",
            "recruits",
            "leavers",
            "joiners",
            "starters",
            "applicants",
            "candidates",
            "children",
            "detainees",
            "prisoners",
            "workers",
            "pcsos",
            "specials",
            "volunteers",
            "police officers",
            "police staff",
            "number of people",
            "number of persons",
            "arrested persons",
            "people count",
            "staff count",
            "officer count",
            "count of officers",
            "count of staff",
            "number of employees",
            "no of staff",
            "no of employees",
        ],
    },
    HeaderWord {
        id: "count.things",
        meaning: Count(Some(false)),
        phrases: &[
            "crimes",
            "crime count",
            "offences",
            "incidents",
            "calls",
            "cost",
            "costs",
            "spend",
            "spending",
            "amount",
            "value",
            "expenditure",
            "budget",
            "vehicles",
            "complaints",
            "allegations",
            "cases",
            "reports",
            "requests",
            "arrests",
            "stops",
            "searches",
            "number of crimes",
            "number of offences",
            "number of incidents",
            "number of calls",
            "number of complaints",
            "recorded crime",
            "total recorded crime",
            "hours lost",
            "days lost",
            "price",
            "gbp",
            "income",
            "fees",
            "fines",
            "crime",
            "crime type",
            "offence",
            "offence type",
            "offence group",
            "incident type",
            "call type",
            "crime category",
        ],
    },
    HeaderWord {
        id: "count.posts",
        meaning: Count(Some(false)),
        phrases: &[
            "establishment",
            "funded establishment",
            "authorised establishment",
            "budgeted establishment",
            "posts",
            "funded posts",
            "number of posts",
            "no of posts",
            "vacancies",
            "number of vacancies",
        ],
    },
    HeaderWord {
        id: "count.of",
        meaning: Count(None),
        phrases: &[
            "count of",
            "number of",
            "no of",
            "sum of",
            "total of",
            "total number of",
        ],
    },
    HeaderWord {
        id: "count.generic",
        meaning: Count(None),
        phrases: &[
            "count",
            "number",
            "no",
            "total",
            "totals",
            "grand total",
            "frequency",
            "sum",
            "n",
            "volume",
            "figure",
            "figures",
            "quantity",
            "all",
        ],
    },
    HeaderWord {
        id: "count.derived",
        meaning: Derived,
        phrases: &[
            "percentage",
            "percent",
            "pct",
            "rate",
            "ratio",
            "average",
            "mean",
            "median",
            "proportion",
            "share",
            "per 1000",
            "per 100000",
            "change",
        ],
    },
    HeaderWord {
        id: "period",
        meaning: Period,
        phrases: &[
            "month",
            "year",
            "date",
            "quarter",
            "period",
            "financial year",
            "week",
            "day",
            "time",
            "as at",
            "date received",
            "date recorded",
            "calendar year",
            "opening hours",
            "opening times",
            "hours of opening",
            "counter hours",
            "front counter hours",
            "public opening hours",
            // A start that is not the person's joining: of an account, a
            // contract, an absence (the longer phrase wins over `start date`).
            "liability start date",
            "contract start date",
            "agreement start date",
            "tenancy start date",
            "licence start date",
            "absence start date",
            "account start date",
        ],
    },
];

/// Lowercase, every non-alphanumeric character a space, single spaces, padded
/// with one space each side (so " phrase " matches whole words).
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut space = true;
    for c in text.chars() {
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                out.push(l);
            }
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if !space {
        out.push(' ');
    }
    out
}

/// Words after which the rest of a header qualifies its head noun: "Length
/// **of** service", "Count **of** SURNAME", "Rank **at** date of incident".
/// ("per" is not one: "Crimes per 1000" is a rate, found by its phrase.)
const PREPOSITIONS: &[&str] = &["of", "at", "in", "on", "for", "by", "to", "from", "as"];

/// Head nouns that only say "the label of": "Rank description", "Station
/// name", "Crime type". When the word before one is a category (a
/// quasi-identifier or a kind of thing counted), the category decides.
const LIGHT_HEADS: &[&str] = &[
    "description",
    "desc",
    "name",
    "type",
    "group",
    "category",
    "code",
    "label",
    "title",
];

/// What "Count of X" / "Number of X" counts when X is a field of a person
/// record: a pivot's "Count of SURNAME" counts people. Besides these words,
/// X counts people when it is a personal identifier (`id.person`), a count
/// of people, or a personal quasi-identifier (a pivot counts the records of
/// a staff list whatever field it names).
pub const PERSON_FIELDS: &[&str] = &[
    "officer",
    "employee",
    "person",
    "individual",
    "staff member",
    "member of staff",
    "holder",
    "post holder",
];

/// One phrase found in a header: the table entry, its length and the word
/// span it covers.
#[derive(Clone, Copy)]
struct Found {
    entry: &'static HeaderWord,
    len: usize,
    start: usize,
    end: usize,
}

/// Every phrase of the header table found in `words`, as whole words.
fn find_all(words: &[&str]) -> Vec<Found> {
    // Only the phrases that start with one of the header's words can be in
    // it (splitting every phrase of the table cost ~0.3 ms a header,
    // seconds for a file of 10,000 columns); they are tried in table order,
    // as `longest` keeps the first on a tie.
    let index = phrases_by_first_word();
    let mut candidates: Vec<(usize, usize)> = words
        .iter()
        .filter_map(|w| index.get(w))
        .flatten()
        .copied()
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let mut out = Vec::new();
    for (e, k) in candidates {
        let Some(entry) = HEADER_WORDS.get(e) else {
            continue;
        };
        let Some(p) = entry.phrases.get(k) else {
            continue;
        };
        let pw: Vec<&str> = p.split(' ').collect();
        if pw.len() > words.len() {
            continue;
        }
        for start in 0..=words.len() - pw.len() {
            if words.get(start..start + pw.len()) == Some(pw.as_slice()) {
                out.push(Found {
                    entry,
                    len: p.len(),
                    start,
                    end: start + pw.len(),
                });
            }
        }
    }
    out
}

/// Every phrase of [`HEADER_WORDS`] by its first word: its entry's place in
/// the table and its own place in the entry.
fn phrases_by_first_word() -> &'static crate::detect::FastMap<&'static str, Vec<(usize, usize)>> {
    static INDEX: std::sync::OnceLock<crate::detect::FastMap<&'static str, Vec<(usize, usize)>>> =
        std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: crate::detect::FastMap<&'static str, Vec<(usize, usize)>> =
            crate::detect::FastMap::default();
        for (e, entry) in HEADER_WORDS.iter().enumerate() {
            for (k, p) in entry.phrases.iter().enumerate() {
                m.entry(p.split(' ').next().unwrap_or(p))
                    .or_default()
                    .push((e, k));
            }
        }
        m
    })
}

/// The longest of `found` satisfying `keep` (the first on a tie).
fn longest(found: &[Found], keep: impl Fn(&Found) -> bool) -> Option<Found> {
    let mut best: Option<Found> = None;
    for f in found {
        if keep(f) && best.is_none_or(|b| f.len > b.len) {
            best = Some(*f);
        }
    }
    best
}

/// The header with bracketed parts removed: "Establishment (FTE)" is an
/// establishment measured in FTE, "Overtime paid (£)" a payment.
fn outside_brackets(header: &str) -> String {
    let mut depth = 0u32;
    let mut out = String::with_capacity(header.len());
    for c in header.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// The meaning of a header and the id of the table entry that decided it.
///
/// The head noun decides, as in English: the last word outside brackets,
/// or the word before the first preposition ("Subject officer **rank**" is a
/// rank, "**Count** of SURNAME" a count, "**Establishment** (FTE)" a number
/// of posts). Of the phrases covering the head noun the longest wins
/// ("officer name" is a name). A light head noun ("description", "name",
/// "type") gives way to the category before it ("Rank description" is a
/// rank). "Count of X" counts people when X is a person's field (see
/// [`PERSON_FIELDS`]) and things when X is a thing counted. When no phrase
/// covers the head noun, the longest phrase anywhere in the header decides.
pub fn header_meaning(header: &str) -> Option<(HeaderMeaning, &'static str)> {
    let main = normalise(&outside_brackets(header));
    let mut words: Vec<&str> = main.split_whitespace().collect();
    let whole = normalise(header);
    if words.is_empty() {
        words = whole.split_whitespace().collect();
    }
    let head = words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, w)| PREPOSITIONS.contains(w))
        .map_or(words.len().saturating_sub(1), |(i, _)| i - 1);
    let found = find_all(&words);
    let Some(best) = longest(&found, |f| f.start <= head && head < f.end) else {
        // No phrase on the head noun: the longest phrase anywhere.
        let all: Vec<&str> = whole.split_whitespace().collect();
        return longest(&find_all(&all), |_| true).map(|f| (f.entry.meaning, f.entry.id));
    };
    let single = best.end == best.start + 1;
    if single && words.get(head).is_some_and(|w| LIGHT_HEADS.contains(w)) {
        let category = longest(&found, |f| {
            f.end == head
                && matches!(
                    f.entry.meaning,
                    HeaderMeaning::Qi(_) | HeaderMeaning::Count(Some(false))
                )
        });
        if let Some(c) = category {
            return Some((c.entry.meaning, c.entry.id));
        }
    }
    if best.entry.meaning == HeaderMeaning::Count(None) {
        // "Count of X": what X is says what is counted.
        let of = words
            .iter()
            .enumerate()
            .skip(best.start)
            .find(|(_, w)| **w == "of")
            .map(|(i, _)| i + 1);
        if let Some(rest) = of.and_then(|i| words.get(i..)).filter(|r| !r.is_empty()) {
            let x = rest.join(" ");
            let padded = format!(" {x} ");
            let person_word = PERSON_FIELDS.iter().any(|p| contains_phrase(&padded, p));
            let subject = match header_meaning(&x) {
                Some((HeaderMeaning::Count(Some(people)), _)) => Some(people),
                Some((HeaderMeaning::Identifier, "id.person")) => Some(true),
                Some((HeaderMeaning::Qi(k), _)) if k.is_personal() => Some(true),
                _ if person_word => Some(true),
                _ => None,
            };
            if let Some(people) = subject {
                return Some((HeaderMeaning::Count(Some(people)), best.entry.id));
            }
        }
    }
    Some((best.entry.meaning, best.entry.id))
}

/// Whether the normalised text `h` contains `phrase` as whole words.
fn contains_phrase(h: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = h.get(from..).and_then(|rest| rest.find(phrase)) {
        let start = from + pos;
        let end = start + phrase.len();
        let before = h.get(..start).is_some_and(|s| s.ends_with(' '));
        let after = h.get(end..).is_some_and(|s| s.starts_with(' '));
        if before && after {
            return true;
        }
        from = start + 1;
        while !h.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// Phrases of a header that measures people in full-time equivalents.
pub const FTE_PHRASES: &[&str] = &[
    "fte",
    "full time equivalent",
    "full time equivalents",
    "wte",
    "whole time equivalent",
];

/// Whether a header measures people in full-time equivalents ("FTE",
/// "Establishment (FTE)", "Full-time equivalent").
pub fn is_fte(header: &str) -> bool {
    let h = normalise(header);
    FTE_PHRASES.iter().any(|p| contains_phrase(&h, p))
}

/// Whether a cell text marks a suppressed count: `*`, `<5`, `[c]`, `..`, `-`,
/// `[x]`, `~`, `x`, `c`, `redacted`...
pub fn is_suppressed(cell: &str) -> bool {
    let c = trim(cell);
    if c.is_empty() {
        return false;
    }
    if c.chars()
        .all(|ch| matches!(ch, '*' | '.' | '-' | '~' | '–' | '—' | '#'))
    {
        return true;
    }
    if let Some(rest) = c.strip_prefix('<').or_else(|| c.strip_prefix('≤')) {
        let rest = rest.trim_start_matches('=').trim();
        return !rest.is_empty() && rest.chars().all(|ch| ch.is_ascii_digit());
    }
    if c.starts_with('[') && c.ends_with(']') && c.len() <= 5 {
        return true;
    }
    const WORDS: &[&str] = &[
        "x",
        "c",
        "s",
        "z",
        "redacted",
        "suppressed",
        "withheld",
        "not disclosed",
        "n/d",
    ];
    // `not disclosed`, the longest word, has 13 bytes.
    (c.len() <= 13 && WORDS.iter().any(|w| c.eq_ignore_ascii_case(w)))
        || starts_with_ignore_case(c, "fewer than ")
        || starts_with_ignore_case(c, "less than ")
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// Whether a label or header says the row or column is a total: "Total",
/// "Grand total", "All", "All ranks", "Overall".
pub fn is_total(text: &str) -> bool {
    let h = normalise(text);
    let t = h.trim();
    t == "all"
        || t == "overall"
        || t == "sum"
        || contains_phrase(&h, "total")
        || contains_phrase(&h, "totals")
        || contains_phrase(&h, "grand total")
        || contains_phrase(&h, "subtotal")
        || (t.starts_with("all ") && t.split(' ').count() <= 3)
}

/// Cell values that mean a row has no holder: a vacant post, or a shared
/// mailbox or switchboard in a staff directory. A row holding one (in any
/// column: the name, a status, the role) is not a person, so it is neither
/// flagged as a rare combination nor counted in anyone's group. A holder
/// who is not disclosed ("N/D", "Not disclosed", "Redacted", "Withheld") is
/// still a person and is NOT in this list.
pub const VACANT_VALUES: &[&str] = &[
    "vacant",
    "vacancy",
    "vacant post",
    "post vacant",
    "eliminated",
    "post eliminated",
    "unfilled",
    "post unfilled",
    "post deleted",
    "deleted post",
    "frozen post",
    "post frozen",
    "not filled",
    "unoccupied",
    "mailbox",
    "shared mailbox",
    "team mailbox",
    "group mailbox",
    "generic mailbox",
    "functional mailbox",
    "role mailbox",
    "inbox",
    "shared inbox",
    "team inbox",
    "switchboard",
];

/// For each byte, the lengths (bit n: n bytes) of the [`VACANT_VALUES`]
/// entries that start with it in either case: [`is_vacant`] runs on every
/// cell of a list of people, and one lookup rejects almost all of them
/// without a mispredicted branch per test.
const VACANT_LENGTHS: [u32; 256] = {
    let mut lengths = [0u32; 256];
    let mut i = 0;
    while i < VACANT_VALUES.len() {
        let v = VACANT_VALUES[i].as_bytes();
        assert!(
            !v.is_empty() && v.len() < 32,
            "a vacant value of 1 to 31 bytes"
        );
        let bit = 1u32 << v.len();
        lengths[v[0].to_ascii_lowercase() as usize] |= bit;
        lengths[v[0].to_ascii_uppercase() as usize] |= bit;
        i += 1;
    }
    lengths
};

/// Whether a cell says the post has no holder (see [`VACANT_VALUES`]).
pub fn is_vacant(cell: &str) -> bool {
    let visible = |b: &u8| (0x21..0x7f).contains(b);
    let b = cell.as_bytes();
    let c = match (b.first(), b.last()) {
        (None, _) | (_, None) => return false,
        // Nothing to trim: first byte and length decide at once.
        (Some(f), Some(l)) if visible(f) && visible(l) => {
            let lengths = VACANT_LENGTHS.get(usize::from(*f)).copied().unwrap_or(0);
            if b.len() >= 32 || lengths & (1u32 << b.len()) == 0 {
                return false;
            }
            cell
        }
        _ => trim(cell),
    };
    VACANT_VALUES.iter().any(|v| c.eq_ignore_ascii_case(v))
}

/// Whether the first label of a row says it is a total row ("Total",
/// "Grand total", "All ranks"); cheap on the usual cell that is not.
pub fn is_total_label(cell: &str) -> bool {
    let c = trim(cell);
    if c.is_empty() || c.len() > 40 {
        return false;
    }
    let b = c.as_bytes();
    let maybe = b.windows(5).any(|w| w.eq_ignore_ascii_case(b"total"))
        || b.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(b"all"))
        || c.eq_ignore_ascii_case("overall")
        || c.eq_ignore_ascii_case("sum");
    maybe && is_total(c)
}

/// Cell values that say a label column describes people (ranks, genders,
/// grades), used to decide what a crosstab counts when its headers do not.
pub const PEOPLE_VALUES: &[&str] = &[
    "constable",
    "constables",
    "sergeant",
    "sergeants",
    "inspector",
    "inspectors",
    "chief inspector",
    "superintendent",
    "chief superintendent",
    "pc",
    "ps",
    "dc",
    "ds",
    "pcso",
    "pcsos",
    "special constable",
    "male",
    "female",
    "men",
    "women",
    "police staff",
    "police officers",
    "officers",
    "staff",
    "white",
    "black",
    "asian",
    "mixed",
    "under 25",
    "chief constable",
    "assistant chief constable",
    "deputy chief constable",
    "band a",
    "band b",
    "band c",
    "band d",
    "band e",
    "band f",
    "aa",
    "ao",
    "eo",
    "heo",
    "seo",
    "g7",
    "g6",
];

/// Whether a cell value is one of [`PEOPLE_VALUES`].
pub fn is_people_value(cell: &str) -> bool {
    let h = normalise(cell);
    let t = h.trim();
    PEOPLE_VALUES.contains(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `find_all` finds what a scan of every phrase at every place finds,
    /// in the same order (`longest` keeps the first on a tie). Entries are
    /// told apart by id (unique): a `const` table's items need not have one
    /// address in a debug build.
    #[test]
    fn find_all_agrees_with_a_full_scan() {
        let scan = |words: &[&str]| {
            let mut out = Vec::new();
            for (e, entry) in HEADER_WORDS.iter().enumerate() {
                for p in entry.phrases {
                    let pw: Vec<&str> = p.split(' ').collect();
                    for start in 0..words.len() {
                        if words.get(start..start + pw.len()) == Some(pw.as_slice()) {
                            out.push((e, p.len(), start, start + pw.len()));
                        }
                    }
                }
            }
            out
        };
        let ids: std::collections::HashSet<&str> = HEADER_WORDS.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), HEADER_WORDS.len(), "header word ids are unique");
        let mut headers: Vec<String> = HEADER_WORDS
            .iter()
            .flat_map(|e| e.phrases.iter())
            .flat_map(|p| {
                [
                    p.to_string(),
                    format!("number of {p} by rank"),
                    format!("{p} {p}"),
                ]
            })
            .collect();
        headers.extend(["", "widgets", "officer", "total"].map(String::from));
        for h in &headers {
            let words: Vec<&str> = h.split_whitespace().collect();
            let found: Vec<_> = find_all(&words)
                .iter()
                .map(|f| {
                    let e = HEADER_WORDS
                        .iter()
                        .position(|x| x.id == f.entry.id)
                        .unwrap_or(usize::MAX);
                    (e, f.len, f.start, f.end)
                })
                .collect();
            assert_eq!(found, scan(&words), "{h:?}");
        }
    }

    /// The first-byte and length table gives the answer of trimming and
    /// comparing, whatever spaces or other characters sit at either end.
    #[test]
    fn is_vacant_answers_as_trim_and_compare() {
        let slow = |c: &str| {
            VACANT_VALUES
                .iter()
                .any(|v| c.trim().eq_ignore_ascii_case(v))
        };
        let mut cells: Vec<String> = Vec::new();
        for v in VACANT_VALUES
            .iter()
            .chain(&["Constable", "Newry", "Vacants", "not", ""])
        {
            for (before, after) in [
                ("", ""),
                ("", " "),
                ("", "\t"),
                ("", "\u{a0}"),
                ("", "\u{301}"),
                (" ", ""),
                ("\t", "\r"),
                ("\u{a0}", ""),
                ("\u{2003}", "\u{2003}"),
                ("é", ""),
                ("", "                              "),
                ("x", ""),
                ("", "x"),
            ] {
                cells.push(format!("{before}{v}{after}"));
                cells.push(format!("{before}{}{after}", v.to_uppercase()));
            }
        }
        let mut vacant = 0;
        for c in &cells {
            assert_eq!(is_vacant(c), slow(c), "{c:?}");
            vacant += usize::from(slow(c));
        }
        // Every entry, in two cases, with nothing or white space around.
        assert_eq!(vacant, VACANT_VALUES.len() * 2 * 9);
    }
}
