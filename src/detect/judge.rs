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
use super::TableScanner;
use crate::report::{ColumnClass, Kind, Reason, RowFinding};
use crate::rules::headers::Role;
use crate::rules::names as n;
use crate::rules::patterns::{self as p, PhoneKind, Who};
use crate::rules::staff;

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

struct Candidate {
    order: u8,
    direct: bool,
    ctx: Ctx,
    reason: Reason,
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

pub(crate) fn judge(s: &TableScanner, folded: &[Folded]) -> Vec<RowFinding> {
    let table_staff = folded.iter().any(|f| f.staff_marker);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.hits.len() {
        let row = s.hits.get(i).map_or(0, |h| h.row);
        let mut j = i;
        while s.hits.get(j).is_some_and(|h| h.row == row) {
            j += 1;
        }
        if let Some(f) = judge_row(s, folded, table_staff, s.hits.get(i..j).unwrap_or(&[])) {
            out.push(f);
        }
        i = j;
    }
    out
}

fn judge_row(
    s: &TableScanner,
    folded: &[Folded],
    table_staff: bool,
    hits: &[super::Hit],
) -> Option<RowFinding> {
    let row = hits.first()?.row;
    let text = |h: &super::Hit| s.arena.get(h.start..h.end).unwrap_or("").to_string();
    let label = |h: &super::Hit| {
        s.cols
            .get(h.col as usize)
            .map_or_else(String::new, |c| c.label.clone())
    };
    let fold = |h: &super::Hit| folded.get(h.col as usize);
    let class = |h: &super::Hit| fold(h).map_or(ColumnClass::Other, |f| f.class);
    let names_ok = |h: &super::Hit| fold(h).is_some_and(|f| f.names_ok);
    let role = |h: &super::Hit| fold(h).map_or(Role::Neutral, |f| f.role);
    let mode_phone = |h: &super::Hit| class(h) == ColumnClass::Phone;

    // Staff context and seniority from the row's ranks (columns that folded
    // as ranks, job titles, or rank + number).
    let mut ranks: Vec<u16> = Vec::new();
    let mut row_staff = false;
    for h in hits {
        match h.what {
            What::Rank(r) if matches!(class(h), ColumnClass::RankGrade | ColumnClass::JobTitle) => {
                ranks.push(r)
            }
            What::CollarShape(r) => {
                ranks.push(r);
                row_staff = true;
            }
            What::StaffNumber if names_ok(h) => row_staff = true,
            What::Email { staff_domain: true } => row_staff = true,
            _ => {}
        }
    }
    row_staff |= !ranks.is_empty() || table_staff;
    let senior = !ranks.is_empty() && ranks.iter().all(|r| rank_senior(*r));
    let staff_kind = if senior {
        Kind::StaffSenior
    } else {
        Kind::Staff
    };

    let mut cands: Vec<Candidate> = Vec::new();
    let mut push = |order: u8,
                    direct: bool,
                    ctx: Ctx,
                    rule: &str,
                    column: String,
                    text: String,
                    why: String| {
        cands.push(Candidate {
            order,
            direct,
            ctx,
            reason: Reason {
                rule: rule.to_string(),
                column,
                text,
                why,
            },
        });
    };

    // Names from separate columns: surname with initial or forename.
    let find = |w: fn(&What) -> bool| hits.iter().find(|h| w(&h.what) && names_ok(h));
    let surname = find(|w| matches!(w, What::Surname));
    let forename = find(|w| matches!(w, What::Forename));
    let initial = find(|w| matches!(w, What::Initial));
    let name_ctx = |h: &super::Hit| match role(h) {
        Role::Public => Ctx::Public,
        Role::Staff => Ctx::Staff,
        Role::Neutral => Ctx::Either,
    };
    match (surname, forename, initial) {
        (Some(sn), Some(fnh), _) => {
            let cols = format!("{}, {}", label(fnh), label(sn));
            let t = format!("{} {}", text(fnh), text(sn));
            push(
                0,
                true,
                name_ctx(sn),
                n::SURNAME_FORENAME,
                cols.clone(),
                t.clone(),
                format!("Forename and surname ({cols}): {t}"),
            );
        }
        (Some(sn), None, Some(ini)) => {
            let cols = format!("{}, {}", label(sn), label(ini));
            let t = format!("{} {}", text(sn), text(ini));
            push(
                0,
                true,
                name_ctx(sn),
                n::SURNAME_INITIAL,
                cols.clone(),
                t.clone(),
                format!("Surname and initial ({cols}): {t}"),
            );
        }
        (Some(sn), None, None) => {
            let t = text(sn);
            push(
                0,
                true,
                name_ctx(sn),
                n::SURNAME,
                label(sn),
                t.clone(),
                format!("Surname ({}): {t}", label(sn)),
            );
        }
        (None, Some(fnh), ini) => {
            let (cols, t) = match ini {
                Some(i) => (
                    format!("{}, {}", label(fnh), label(i)),
                    format!("{} {}", text(fnh), text(i)),
                ),
                None => (label(fnh), text(fnh)),
            };
            push(
                1,
                true,
                name_ctx(fnh),
                n::FORENAME,
                cols.clone(),
                t.clone(),
                format!("Forename ({cols}): {t}"),
            );
        }
        (None, None, _) => {}
    }

    for h in hits {
        let t = text(h);
        let col = label(h);
        match h.what {
            What::Surname | What::Forename | What::Initial => {}
            What::Name(shape) => {
                if !names_ok(h) {
                    continue;
                }
                let header_rule = s.cols.get(h.col as usize).and_then(|c| c.rule).is_some();
                let (rule, what) = if header_rule {
                    (n::FULL, "Name")
                } else {
                    match shape {
                        super::name::NameShape::SurnameInitial => {
                            (n::SHAPE_SURNAME_INITIAL, "Surname and initial")
                        }
                        super::name::NameShape::LastFirst => {
                            (n::SHAPE_LAST_FIRST, "Surname and forename")
                        }
                        _ => (n::SHAPE_FIRST_LAST, "Full name"),
                    }
                };
                let who = match role(h) {
                    Role::Public => " of a member of the public",
                    Role::Staff => " of a member of staff",
                    Role::Neutral => "",
                };
                push(
                    0,
                    true,
                    name_ctx(h),
                    rule,
                    col.clone(),
                    t.clone(),
                    format!("{what}{who} ({col}): {t}"),
                );
            }
            What::StaffNumber => {
                if names_ok(h) {
                    push(
                        2,
                        true,
                        Ctx::Staff,
                        p::STAFF_NUMBER,
                        col.clone(),
                        t.clone(),
                        format!("Staff number ({col}): {t}"),
                    );
                }
            }
            What::CollarShape(r) => {
                push(
                    2,
                    true,
                    Ctx::Rank(r),
                    p::COLLAR_SHAPE,
                    col.clone(),
                    t.clone(),
                    format!("Rank and number ({col}): {t}"),
                );
            }
            What::Email { staff_domain } => {
                let ctx = if staff_domain {
                    Ctx::Staff
                } else {
                    Ctx::Either
                };
                push(
                    3,
                    true,
                    ctx,
                    p::EMAIL_PERSONAL,
                    col.clone(),
                    t.clone(),
                    format!("Personal e-mail address ({col}): {t}"),
                );
            }
            What::Phone { kind, key } => match kind {
                PhoneKind::Mobile => push(
                    4,
                    true,
                    Ctx::Either,
                    p::PHONE_MOBILE,
                    col.clone(),
                    t.clone(),
                    format!("Mobile phone number ({col}): {t}"),
                ),
                PhoneKind::Geographic => {
                    let shared = s
                        .cols
                        .get(h.col as usize)
                        .and_then(|c| c.phones.get(&key))
                        .is_some_and(|n| *n >= SWITCHBOARD_ROWS);
                    if shared {
                        continue;
                    }
                    let direct = mode_phone(h);
                    push(
                        if direct { 4 } else { 15 },
                        direct,
                        Ctx::Either,
                        p::PHONE_DIRECT,
                        col.clone(),
                        t.clone(),
                        format!("Direct line ({col}): {t}"),
                    );
                }
                PhoneKind::Extension => push(
                    15,
                    false,
                    Ctx::Either,
                    p::PHONE_DIRECT,
                    col.clone(),
                    t.clone(),
                    format!("Telephone extension ({col}): {t}"),
                ),
                PhoneKind::Service => {}
            },
            What::Nino => push(
                5,
                true,
                Ctx::Either,
                p::NINO,
                col.clone(),
                t.clone(),
                format!("National Insurance number ({col}): {t}"),
            ),
            What::Address => push(
                6,
                true,
                Ctx::Either,
                p::ADDRESS,
                col.clone(),
                t.clone(),
                format!("Home address ({col}): {t}"),
            ),
            What::Photo(namey) => {
                let why = if namey {
                    format!("Photo file named after a person ({col}): {t}")
                } else {
                    format!("Photo file name ({col}): {t}")
                };
                push(
                    if namey { 7 } else { 16 },
                    namey,
                    Ctx::Either,
                    p::PHOTO,
                    col.clone(),
                    t.clone(),
                    why,
                );
            }
            What::Dob => push(
                13,
                false,
                Ctx::Either,
                p::DOB,
                col.clone(),
                t.clone(),
                format!("Date of birth ({col}): {t}"),
            ),
            What::TextDob => push(
                13,
                false,
                Ctx::Either,
                p::TEXT_DOB,
                col.clone(),
                t.clone(),
                format!("Date of birth in text ({col}): {t}"),
            ),
            What::Postcode => push(
                14,
                false,
                Ctx::Either,
                p::POSTCODE,
                col.clone(),
                t.clone(),
                format!("Full postcode ({col}): {t}"),
            ),
            What::Rank(r) => {
                if matches!(class(h), ColumnClass::RankGrade | ColumnClass::JobTitle) {
                    let what = if rank_senior(r) {
                        "Senior rank or grade"
                    } else if is_police_rank(r) {
                        "Rank"
                    } else {
                        "Grade"
                    };
                    push(
                        10,
                        false,
                        Ctx::Rank(r),
                        staff::RANKS
                            .get(r as usize)
                            .map_or(staff::RANK_POLICE, |x| x.rule),
                        col.clone(),
                        t.clone(),
                        format!("{what} {} in {col}: {t}", rank_name(r)),
                    );
                }
            }
            What::Vetting(v) => {
                let name = staff::VETTING_LEVELS
                    .get(v as usize)
                    .map_or("vetting", |x| x.name);
                push(
                    12,
                    false,
                    Ctx::Staff,
                    staff::VETTING,
                    col.clone(),
                    t.clone(),
                    format!("Vetting level {name} in {col}: {t}"),
                );
            }
            What::Unit(u) => {
                let name = staff::SENSITIVE_UNITS
                    .get(u as usize)
                    .map_or("sensitive", |x| x.1);
                push(
                    11,
                    false,
                    Ctx::Staff,
                    staff::UNIT_SENSITIVE,
                    col.clone(),
                    t.clone(),
                    format!("Sensitive unit ({name}) in {col}: {t}"),
                );
            }
            What::TextRankName(r) => push(
                1,
                true,
                Ctx::Rank(r),
                p::TEXT_RANK_NAME,
                col.clone(),
                t.clone(),
                format!("Officer named with rank ({col}): {t}"),
            ),
            What::TextRankNumber(r) => push(
                1,
                true,
                Ctx::Rank(r),
                p::TEXT_RANK_NUMBER,
                col.clone(),
                t.clone(),
                format!("Officer identified by rank and number ({col}): {t}"),
            ),
            What::TextTitleName => push(
                1,
                true,
                Ctx::Public,
                p::TEXT_TITLE_NAME,
                col.clone(),
                t.clone(),
                format!("Person named ({col}): {t}"),
            ),
            What::TextCueName(who) => {
                let ctx = if who == Who::Staff {
                    Ctx::Staff
                } else {
                    Ctx::Public
                };
                push(
                    1,
                    true,
                    ctx,
                    p::TEXT_CUE_NAME,
                    col.clone(),
                    t.clone(),
                    format!("Person named ({col}): {t}"),
                );
            }
            What::TextFullName => push(
                1,
                true,
                Ctx::Either,
                p::TEXT_FULL_NAME,
                col.clone(),
                t.clone(),
                format!("Full name ({col}): {t}"),
            ),
        }
    }

    // A date of birth with a postcode or address identifies.
    let has = |rule: &str| cands.iter().any(|c| c.reason.rule == rule);
    if (has(p::DOB) || has(p::TEXT_DOB)) && (has(p::POSTCODE) || has(p::ADDRESS)) {
        for c in cands.iter_mut().filter(|c| {
            c.reason.rule == p::DOB || c.reason.rule == p::TEXT_DOB || c.reason.rule == p::POSTCODE
        }) {
            c.direct = true;
            c.order = 8;
            c.reason.why = format!(
                "{} (with a date of birth and a postcode or address)",
                c.reason.why
            );
        }
    }

    if !cands.iter().any(|c| c.direct) {
        return None;
    }
    let kind_of = |ctx: Ctx| match ctx {
        Ctx::Staff => staff_kind,
        Ctx::Public => Kind::Person,
        Ctx::Either => {
            if row_staff {
                staff_kind
            } else {
                Kind::Person
            }
        }
        Ctx::Rank(r) => {
            if rank_senior(r) {
                Kind::StaffSenior
            } else {
                Kind::Staff
            }
        }
    };
    let kind = cands
        .iter()
        .filter(|c| c.direct)
        .map(|c| kind_of(c.ctx))
        .min()?;
    cands.sort_by_key(|c| (!c.direct, c.order));
    Some(RowFinding {
        row,
        kind,
        table: s.table,
        reasons: cands.into_iter().map(|c| c.reason).collect(),
    })
}
