//! Risk models: rows that identify someone without a name.
//!
//! Two checks run on each table, streaming (one [`RiskScanner::record`] per
//! data row, in order) and judged at [`RiskScanner::finish`] once the
//! detector has classified the columns:
//!
//! - **combinations** ([`combo`]): in a table of one row per person, a
//!   combination of quasi-identifiers (rank, unit, station, gender, ethnicity,
//!   age, service...) shared by fewer than k rows singles someone out
//!   (k-anonymity); the simplest such combination is the reason, and advice
//!   says which columns to remove or coarsen. Rows with no person (a vacant
//!   or eliminated post, a totals row, a role mailbox with no personal
//!   attribute) are left out of the groups altogether, as a DPO counts
//!   people: a vacant post hides no one. A holder marked "N/D" (not
//!   disclosed) is still a person;
//! - **small counts** ([`counts`]): in a table of counts of people, counts
//!   from 1 to t-1 identify people; suppressed cells that totals give away
//!   are secondary disclosure.
//!
//! A table of counts is not a table of people, so the combination check is
//! skipped on it.
//!
//! ```
//! use foi_check::{read::Table, risk::RiskScanner, Options, Kind};
//! let table = Table { index: 0, header_row: 1, first_column: 0,
//!     header: vec!["Rank".into(), "Station".into(), "Headcount".into()] };
//! let mut scanner = RiskScanner::new(&table, &Options::default());
//! scanner.record(2, &["Constable", "Lisburn", "40"]);
//! scanner.record(3, &["Chief Inspector", "Lisburn", "1"]);
//! let found = scanner.finish(&[]);
//! assert_eq!(found.rows.len(), 1);
//! assert_eq!((found.rows[0].row, found.rows[0].kind), (3, Kind::SmallCount));
//! ```

pub mod combo;
pub mod counts;
pub mod group;
pub mod words;

use crate::options::Options;
use crate::read::Table;
use crate::report::{Advice, ColumnReport, RowFinding};
use crate::rules::Rule;

/// What the risk checks found in one table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskFindings {
    /// Flagged rows (kinds `quasi_identifier` and `small_count`), in row order.
    pub rows: Vec<RowFinding>,
    /// Suggestions: which columns to remove or coarsen, counts to round.
    pub advice: Vec<Advice>,
}

/// Scans the data rows of one table for rare combinations and small counts.
pub struct RiskScanner {
    table: usize,
    first_column: usize,
    k: u32,
    max_qi: usize,
    combo: combo::Collector,
    counts: counts::Counts,
}

impl RiskScanner {
    /// For the data rows of `table`.
    pub fn new(table: &Table, options: &Options) -> Self {
        RiskScanner {
            table: table.index,
            first_column: table.first_column,
            k: options.k_effective(),
            max_qi: options.max_qi_columns.max(1) as usize,
            combo: combo::Collector::new(
                table.first_column,
                &table.header,
                &options.qi_columns,
                &options.not_qi_columns,
            ),
            counts: counts::Counts::new(&table.header, options.count_rule()),
        }
    }

    /// One data row: `row` is its spreadsheet row number, `fields[j]` the
    /// cell under `header[j]` (ragged rows may be shorter or longer).
    pub fn record(&mut self, row: u64, fields: &[&str]) {
        self.combo.record(row, fields);
        self.counts.record(row, fields);
    }

    /// Judge the table, given the detector's classification of its columns
    /// (`ColumnReport::index` is the file column, `first_column + j`; an
    /// empty slice means "classify from the headers alone").
    pub fn finish(self, columns: &[ColumnReport]) -> RiskFindings {
        self.judge(columns, true)
    }

    /// [`RiskScanner::finish`] for a table whose rows are not records of
    /// people (a list of labels and values, a form, a table on its side):
    /// its counts are checked, but its rows are no combinations of
    /// anyone's attributes.
    pub fn finish_list(self, columns: &[ColumnReport]) -> RiskFindings {
        self.judge(columns, false)
    }

    fn judge(self, columns: &[ColumnReport], records: bool) -> RiskFindings {
        let (mut rows, mut advice, aggregate) =
            self.counts.finish(self.table, self.first_column, columns);
        if records && !aggregate {
            let (r, a) = self.combo.finish(self.table, columns, self.k, self.max_qi);
            rows.extend(r);
            advice.extend(a);
        }
        rows.sort_by_key(|r| r.row);
        RiskFindings { rows, advice }
    }
}

/// The rules of the risk checks, for `foi-check rules`.
pub fn rules() -> Vec<Rule> {
    vec![
        Rule {
            id: combo::RULE,
            description:
                "A combination of attributes (rank, unit, station, gender, ethnicity, age, \
                          length of service...) shared by fewer than k rows singles a person out \
                          without a name (k-anonymity; k = 3 unless set).",
        },
        Rule {
            id: counts::RULE_SMALL,
            description:
                "A count of people (headcount, FTE, officers, victims...) from 1 to t-1 in \
                          a table of counts can identify them (t = 5 unless set; presets <3, <5, \
                          <10 including zeros, 1-7 suppressed and the rest rounded to 5).",
        },
        Rule {
            id: counts::RULE_SECONDARY,
            description: "A suppressed count of people that a total row or column lets anyone \
                          work out from the other cells (secondary disclosure).",
        },
        Rule {
            id: counts::RULE_UNROUNDED,
            description: "Counts of people that are not rounded as the chosen policy requires \
                          (preset \"1-7 suppressed and the rest rounded to 5\").",
        },
    ]
}
