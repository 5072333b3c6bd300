//! The column fold: a column's class from its header and the share of its
//! cells that match. A header's claim is assumed, then relaxed when most cells
//! are counter-examples (a `Name` column of offence types is not names); a
//! column without a header rule takes the class most of its cells show.

use super::cell::Mode;
use super::Column;
use crate::report::ColumnClass;
use crate::rules::headers::{identifying, Role};

/// A folded column.
#[derive(Debug, Clone)]
pub(crate) struct Folded {
    pub class: ColumnClass,
    pub confidence: f32,
    pub evidence: String,
    pub identifying: bool,
    /// Name hits in this column count (a name column that held names).
    pub names_ok: bool,
    /// Only strong names count ([`crate::detect::name::is_strong`]): a
    /// column of people or organisations (`Supplier`, `Account holder`), or
    /// of members of the public few of whose values are names (a
    /// `Requester` column of newspapers). Its names are masked where they
    /// are, not the whole column.
    pub strong_only: bool,
    /// Who the names are about, from the header.
    pub role: Role,
    /// The column marks staff (rank, grade, staff number, vetting, unit).
    pub staff_marker: bool,
}

impl Folded {
    /// The first column of a key/value list: labels (`Rank`, `Collar
    /// number`), which identify no one and whose cells are never names.
    pub(crate) fn labels() -> Folded {
        Folded {
            class: ColumnClass::Other,
            confidence: 0.9,
            evidence: "the labels of a list of fields and values".to_string(),
            identifying: false,
            names_ok: false,
            strong_only: false,
            role: Role::Neutral,
            staff_marker: false,
        }
    }
}

/// Below this share of matching cells (with at least [`MIN_CELLS`] cells), a
/// header's claim is dropped.
const RELAX_BELOW: f64 = 0.3;
/// Cells needed before the content may overrule a header (a column of
/// numbers overrules a header of names however short: see [`fold`]).
const MIN_CELLS: u32 = 5;
/// Share of cells needed for content alone to classify a column.
const CONTENT_SHARE: f64 = 0.5;

/// `1204` -> `1,204`.
pub(crate) fn thousands(n: impl Into<u64>) -> String {
    let s = n.into().to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn pct(share: f64) -> String {
    format!("{:.0}%", (share * 100.0).floor())
}

fn plural(n: u32) -> &'static str {
    if n == 1 {
        "cell"
    } else {
        "cells"
    }
}

/// What the cells of a class are called, and how many matched.
fn matched(class: ColumnClass, c: &Column) -> Option<(u32, &'static str)> {
    use ColumnClass as C;
    let s = &c.stats;
    Some(match class {
        C::Surname => (s.names, "surnames"),
        C::Forename => (s.names + s.initials, "forenames"),
        C::Initial => (s.initials, "initials"),
        C::Name if c.mode == Mode::User => (s.names, "names or user names"),
        C::Name => (s.names, "names"),
        C::RankGrade => (s.ranks, "ranks or grades"),
        C::StaffNumber => (s.numbers, "staff numbers"),
        C::Email => (s.emails, "e-mail addresses"),
        C::Phone => (s.phones, "phone numbers"),
        C::NiNumber => (s.ninos, "National Insurance numbers"),
        C::NhsNumber => (s.nhs, "NHS numbers"),
        C::PassportNumber => (s.passports, "passport numbers"),
        C::BankDetails => (s.bank, "bank details"),
        C::IpAddress => (s.ips, "IP addresses"),
        C::DateOfBirth => (s.dates, "dates"),
        C::Address => (s.addresses + s.postcodes, "addresses"),
        C::Postcode => (s.postcodes, "postcodes"),
        C::Vetting => (s.vetting, "vetting levels"),
        C::Photo => (s.photos, "photo file names"),
        _ => return None,
    })
}

fn header_means(class: ColumnClass) -> &'static str {
    use ColumnClass as C;
    match class {
        C::Name => "names",
        C::Forename => "forenames",
        C::Surname => "surnames",
        C::Initial => "initials",
        C::RankGrade => "ranks or grades",
        C::JobTitle => "job titles",
        C::StaffNumber => "staff numbers",
        C::Unit => "units or teams",
        C::Location => "stations or locations",
        C::Email => "e-mail addresses",
        C::Phone => "phone numbers",
        C::NiNumber => "National Insurance numbers",
        C::NhsNumber => "NHS, CHI or Health and Care numbers",
        C::PassportNumber => "passport numbers",
        C::BankDetails => "bank details",
        C::IpAddress => "IP addresses",
        C::DateOfBirth => "dates of birth",
        C::Age => "ages",
        C::Gender => "gender",
        C::Ethnicity => "ethnicity",
        C::Service => "length of service",
        C::Contract => "contract type",
        C::Salary => "pay",
        C::Address => "addresses",
        C::Postcode => "postcodes",
        C::Vetting => "vetting levels",
        C::Photo => "photos",
        C::SpecialCategory => "special category data",
        C::FreeText => "free text",
        C::Count => "counts or amounts",
        C::Date => "dates",
        C::Reference => "reference numbers",
        C::Other => "something else",
    }
}

fn is_name_class(c: ColumnClass) -> bool {
    matches!(
        c,
        ColumnClass::Name | ColumnClass::Surname | ColumnClass::Forename | ColumnClass::Initial
    )
}

/// Fold one column.
pub(crate) fn fold(c: &Column) -> Folded {
    let n = c.stats.nonempty;
    let cells = format!("{} {}", thousands(n), plural(n));
    let role = c.rule.map_or(Role::Neutral, |r| r.role);
    if let Some(rule) = c.rule {
        let class = rule.class;
        let staff_marker = matches!(
            class,
            ColumnClass::RankGrade
                | ColumnClass::StaffNumber
                | ColumnClass::Vetting
                | ColumnClass::Unit
        ) || (is_name_class(class) && role == Role::Staff);
        let head = match crate::rules::special::for_header_rule(rule.id)
            .and_then(crate::rules::special::category)
        {
            Some(k) if class == ColumnClass::SpecialCategory => format!(
                "header '{}' means {} (special category data)",
                c.label, k.holds
            ),
            _ if rule.id == crate::rules::headers::PARTY => {
                format!("header '{}' means people or organisations", c.label)
            }
            _ => format!("header '{}' means {}", c.label, header_means(class)),
        };
        if n == 0 {
            return Folded {
                class,
                confidence: 0.5,
                evidence: format!("{head}; the column is empty"),
                identifying: identifying(class),
                names_ok: true,
                strong_only: false,
                role,
                staff_marker: false,
            };
        }
        // `Officer` over `4521`, `3310`: the officers, by number.
        if c.mode == Mode::StaffName && c.stats.numbers > c.stats.names {
            let share = f64::from(c.stats.numbers) / f64::from(n);
            return Folded {
                class: ColumnClass::StaffNumber,
                confidence: (0.5 + 0.5 * share) as f32,
                evidence: format!(
                    "header '{}' means a member of staff; {} of {cells} are numbers: theirs (collar, shoulder or staff numbers)",
                    c.label,
                    pct(share)
                ),
                identifying: true,
                names_ok: true,
                strong_only: false,
                role,
                staff_marker: true,
            };
        }
        if let Some((m, what)) = matched(class, c) {
            let share = f64::from(m) / f64::from(n);
            // A column of numbers is no column of names, however short.
            let numbers = is_name_class(class) && c.stats.numeric == n;
            let relaxed = (n >= MIN_CELLS || numbers) && share < RELAX_BELOW;
            // People or organisations (`Supplier`, `Account holder`), or
            // members of the public few of whose values are names (a
            // `Requester` column of newspapers): a person's full name there
            // is a person's, and is masked where it is; the rest is not.
            let few = relaxed && !numbers && role == Role::Public && c.stats.strong > 0;
            if class == ColumnClass::Name && (rule.id == crate::rules::headers::PARTY || few) {
                return Folded {
                    class,
                    confidence: 0.5,
                    evidence: format!(
                        "{head}; {} of {cells} look like a person's full name (a known forename first, a title, or a surname and initial): only those, and names after a rank, are treated as people's",
                        thousands(c.stats.strong)
                    ),
                    identifying: false,
                    names_ok: false,
                    strong_only: true,
                    role,
                    staff_marker: false,
                };
            }
            if relaxed {
                return Folded {
                    class: ColumnClass::Other,
                    confidence: 0.3,
                    evidence: format!(
                        "{head}, but only {} of {cells} look like {what}: not treated as {what}",
                        pct(share)
                    ),
                    identifying: false,
                    names_ok: false,
                    strong_only: false,
                    role,
                    staff_marker: false,
                };
            }
            return Folded {
                class,
                confidence: (0.5 + 0.5 * share) as f32,
                evidence: format!("{head}; {} of {cells} look like {what}", pct(share)),
                identifying: identifying(class),
                names_ok: true,
                strong_only: false,
                role,
                staff_marker: staff_marker && m > 0,
            };
        }
        let extra = if c.stats.mentions > 0 {
            format!(
                "; {} of {cells} mention a person",
                thousands(c.stats.mentions)
            )
        } else {
            String::new()
        };
        return Folded {
            class,
            confidence: 0.8,
            evidence: format!("{head} ({cells}){extra}"),
            identifying: identifying(class),
            names_ok: true,
            strong_only: false,
            role,
            staff_marker,
        };
    }
    // No header rule: the content decides.
    let s = &c.stats;
    let loose = c.mode == Mode::Text;
    if n == 0 {
        return Folded {
            class: ColumnClass::Other,
            confidence: 0.0,
            evidence: "no header rule; the column is empty".into(),
            identifying: false,
            names_ok: false,
            strong_only: false,
            role,
            staff_marker: false,
        };
    }
    let candidates = [
        (ColumnClass::Email, s.emails, "e-mail addresses"),
        (ColumnClass::Phone, s.phones, "phone numbers"),
        (ColumnClass::NiNumber, s.ninos, "National Insurance numbers"),
        (
            ColumnClass::NhsNumber,
            s.nhs,
            "NHS numbers (with a valid check digit)",
        ),
        (ColumnClass::IpAddress, s.ips, "IP addresses"),
        (
            ColumnClass::Name,
            s.strong,
            "names (SMITH J, Smith, John, John Smith)",
        ),
        (ColumnClass::RankGrade, s.ranks, "ranks or grades"),
        (ColumnClass::Date, s.dates, "dates"),
        (ColumnClass::Postcode, s.postcodes, "postcodes"),
        (ColumnClass::Count, s.numeric, "numbers"),
        (ColumnClass::FreeText, s.long_text, "prose"),
    ];
    let best = candidates.iter().max_by_key(|(_, m, _)| *m).copied();
    if let Some((class, m, what)) = best {
        let share = f64::from(m) / f64::from(n);
        if m > 0 && share >= CONTENT_SHARE && !loose {
            return Folded {
                class,
                confidence: share as f32,
                evidence: format!("no header rule; {} of {cells} look like {what}", pct(share)),
                identifying: identifying(class),
                names_ok: class == ColumnClass::Name,
                strong_only: false,
                role,
                staff_marker: class == ColumnClass::RankGrade,
            };
        }
    }
    let extra = if s.mentions > 0 {
        format!("; {} of {cells} mention a person", thousands(s.mentions))
    } else {
        String::new()
    };
    Folded {
        class: if loose {
            ColumnClass::FreeText
        } else {
            ColumnClass::Other
        },
        confidence: 0.3,
        evidence: format!("no header rule; no one kind of value in {cells}{extra}"),
        identifying: false,
        names_ok: false,
        strong_only: false,
        role,
        staff_marker: false,
    }
}
