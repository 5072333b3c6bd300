//! Detection: cells are classified by the rule tables, folded into column
//! classifications, then rows get a kind and reasons.

use crate::read::Table;
use crate::report::{ColumnReport, RowFinding};

/// What one table (or the rows outside tables) gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Findings {
    /// Flagged rows, in row order.
    pub rows: Vec<RowFinding>,
    /// Column classifications (empty for rows outside tables).
    pub columns: Vec<ColumnReport>,
}

/// Scans the rows of one table (or of the rows outside any table).
pub struct TableScanner {
    table: Option<usize>,
}

impl TableScanner {
    /// For the data rows of `table`, or for rows outside tables with `None`.
    pub fn new(table: Option<&Table>) -> Self {
        TableScanner {
            table: table.map(|t| t.index),
        }
    }

    /// One record; `fields` as the [`crate::read::Sink`] gives them.
    pub fn record(&mut self, row: u64, fields: &[&str]) {
        let _ = (row, fields);
    }

    /// Fold the columns and judge the rows.
    pub fn finish(self) -> Findings {
        let _ = self.table;
        Findings::default()
    }
}
