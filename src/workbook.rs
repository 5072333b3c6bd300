//! An Excel workbook (.xlsx) as the CSV files its sheets would be: one input
//! per worksheet, hidden ones included, each with the name the report gives
//! it and the warnings its sheet earns (hidden, very hidden, hidden rows and
//! columns, parts of the workbook that are not checked).
//!
//! The 2023 PSNI disclosure was a hidden sheet: a clerk who saved the
//! workbook's visible sheet as CSV and checked that would have been told the
//! file was clean. So every sheet is checked, and a hidden one says so first.
//!
//! The sheets' cells are read by [`crate::read::xlsx`]; each sheet is then
//! checked as the CSV text it gives, so its row numbers are Excel's.
//!
//! ```
//! // Not a workbook: `None`, and the bytes are checked as CSV.
//! assert!(foi_check::workbook::split("staff.csv", b"Surname\nMORGAN\n")
//!     .unwrap()
//!     .is_none());
//! ```

use crate::error::Error;
use crate::read::xlsx::{self, SheetState};

/// One sheet, ready to check: the bytes go through a
/// [`crate::Checker`] named `name`, given `warnings` with
/// [`crate::Checker::with_warnings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetInput {
    /// `Staff.xlsx, sheet "Officers"`: the file and the tab, as the report,
    /// its errors and the page name it.
    pub name: String,
    /// The sheet's state in Excel.
    pub state: SheetState,
    /// The sheet's cells as CSV text; record k is Excel's row k.
    pub csv: Vec<u8>,
    /// What the clerk must know of the sheet before its rows.
    pub warnings: Vec<String>,
}

/// The report's name for a sheet of the workbook `file`.
pub fn sheet_name(file: &str, sheet: &str) -> String {
    format!("{file}, sheet \"{sheet}\"")
}

/// The workbook's file name and the sheet's name of a name made by
/// [`sheet_name`].
pub fn parse_sheet_name(name: &str) -> Option<(&str, &str)> {
    name.strip_suffix('"')?.rsplit_once(", sheet \"")
}

/// The sheets of the workbook `bytes` (named `file`) that hold cells, or
/// `None` when the bytes are no .xlsx workbook (they are then read as CSV,
/// which names what they look like if they are not text). A workbook that
/// cannot be read is an error, with the reason.
pub fn split(file: &str, bytes: &[u8]) -> Result<Option<Vec<SheetInput>>, Error> {
    if !xlsx::is_xlsx(bytes) {
        return Ok(None);
    }
    let book = xlsx::sheets(bytes)?;
    // Only chart sheets: no cells to check, and a file must never vanish
    // from the results.
    if book.sheets.is_empty() {
        return Err(Error::new(
            crate::error::ErrorKind::Malformed(
                "the workbook has no worksheets (only charts): there are no cells to check"
                    .to_string(),
            ),
            None,
            None,
        ));
    }
    // An empty sheet (Excel's old default Sheet2 and Sheet3) holds no one and
    // is left out; a workbook whose every sheet is empty keeps its first,
    // whose check then says there is nothing in it.
    let any = book.sheets.iter().any(|s| !s.csv.is_empty());
    let sheets = book
        .sheets
        .into_iter()
        .enumerate()
        .filter(|(i, s)| !s.csv.is_empty() || (!any && *i == 0))
        .map(|(_, s)| s);
    let authors: Vec<&str> = book
        .authors
        .iter()
        .map(String::as_str)
        .filter(|a| !is_generic_author(a))
        .collect();
    let mut out: Vec<SheetInput> = Vec::new();
    for (i, s) in sheets.enumerate() {
        let mut warnings = Vec::new();
        match s.state {
            SheetState::Visible => {}
            SheetState::Hidden => warnings.push(
                "this sheet is hidden: Excel does not show its tab, but it is published with the workbook (the 2023 PSNI disclosure was a hidden sheet). Delete the sheet before publishing if it is not part of the answer".to_string(),
            ),
            SheetState::VeryHidden => warnings.push(
                "this sheet is \"very hidden\": Excel's menus cannot show it (only a macro or the VBA editor can), but it is published with the workbook. Delete it before publishing if it is not part of the answer".to_string(),
            ),
        }
        if !s.hidden_rows.is_empty() {
            warnings.push(format!(
                "{} hidden in Excel but published with the workbook: unhide {} to see what {}, or delete {}",
                rows_said(&s.hidden_rows),
                them(s.hidden_rows.len()),
                if s.hidden_rows.len() == 1 { "it holds" } else { "they hold" },
                them(s.hidden_rows.len()),
            ));
        }
        if !s.hidden_columns.is_empty() {
            warnings.push(format!(
                "{} hidden in Excel but published with the workbook: unhide {} to see what {}, or delete {}",
                columns_said(&s.hidden_columns),
                them(s.hidden_columns.len()),
                if s.hidden_columns.len() == 1 { "it holds" } else { "they hold" },
                them(s.hidden_columns.len()),
            ));
        }
        // Said once, on the first sheet: they are the workbook's, not a sheet's.
        if i == 0 && !book.unchecked.is_empty() {
            warnings.push(format!(
                "the workbook also holds {}, which foi-check does not check: they can name people and are published with it. Remove them in Excel, or save each sheet as CSV and publish those",
                list(&book.unchecked)
            ));
        }
        if i == 0 && !authors.is_empty() {
            warnings.push(format!(
                "the workbook's properties name who created it or last saved it ({}): they are published with it. In Excel, File > Info > Check for Issues > Inspect Document removes them",
                authors
                    .iter()
                    .map(|a| format!("\"{a}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        out.push(SheetInput {
            name: sheet_name(file, &s.name),
            state: s.state,
            csv: s.csv,
            warnings,
        });
    }
    Ok(Some(out))
}

/// Authors that name no one: what Excel, other programs and libraries write
/// when they know no user (lowercase).
const GENERIC_AUTHORS: &[&str] = &[
    "microsoft office user",
    "windows user",
    "user",
    "admin",
    "administrator",
    "author",
    "unknown",
    "openpyxl",
    "apache poi",
];

fn is_generic_author(a: &str) -> bool {
    GENERIC_AUTHORS.contains(&a.trim().to_lowercase().as_str())
}

fn them(n: usize) -> &'static str {
    if n == 1 {
        "it"
    } else {
        "them"
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Runs of consecutive numbers: `[3, 4, 5, 9]` -> `3-5, 9`; at most
/// `MAX_RUNS` runs, then how many more.
fn runs(ns: &[u64], name: impl Fn(u64) -> String) -> String {
    const MAX_RUNS: usize = 10;
    let mut parts: Vec<String> = Vec::new();
    let mut more = 0usize;
    let mut i = 0;
    while let Some(&start) = ns.get(i) {
        let mut end = start;
        while ns.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        i += 1;
        if parts.len() < MAX_RUNS {
            parts.push(if end == start {
                name(start)
            } else {
                format!("{}-{}", name(start), name(end))
            });
        } else {
            more += 1;
        }
    }
    let mut s = parts.join(", ");
    if more > 0 {
        s.push_str(&format!(" and {more} more"));
    }
    s
}

/// `row 7 is`, `rows 5-7, 12 (4 rows) are`.
fn rows_said(rows: &[u64]) -> String {
    match rows {
        [one] => format!("row {one} is"),
        _ => format!(
            "rows {} ({} rows) are",
            runs(rows, |r| r.to_string()),
            crate::detect::thousands(rows.len() as u64)
        ),
    }
}

/// `column C is`, `columns C-E, H (4 columns) are`.
fn columns_said(cols: &[u32]) -> String {
    let ns: Vec<u64> = cols.iter().map(|&c| u64::from(c)).collect();
    match cols {
        [one] => format!("column {} is", letters(u64::from(*one))),
        _ => format!(
            "columns {} ({} columns) are",
            runs(&ns, letters),
            crate::detect::thousands(cols.len() as u64)
        ),
    }
}

/// Excel's letters for a 0-based column: 0 -> `A`, 26 -> `AA`.
fn letters(col: u64) -> String {
    crate::detect::column_letters(usize::try_from(col).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_are_excels() {
        for (col, want) in [
            (0, "A"),
            (2, "C"),
            (25, "Z"),
            (26, "AA"),
            (701, "ZZ"),
            (702, "AAA"),
            (16383, "XFD"),
        ] {
            assert_eq!(letters(col), want, "{col}");
        }
    }

    #[test]
    fn hidden_rows_and_columns_are_said_as_runs() {
        assert_eq!(rows_said(&[7]), "row 7 is");
        assert_eq!(rows_said(&[5, 6, 7, 12]), "rows 5-7, 12 (4 rows) are");
        assert_eq!(columns_said(&[2]), "column C is");
        assert_eq!(
            columns_said(&[2, 3, 4, 7]),
            "columns C-E, H (4 columns) are"
        );
        let many: Vec<u64> = (0..30).map(|i| i * 2 + 1).collect();
        assert_eq!(
            rows_said(&many),
            "rows 1, 3, 5, 7, 9, 11, 13, 15, 17, 19 and 20 more (30 rows) are"
        );
    }

    #[test]
    fn parts_are_listed_in_words() {
        assert_eq!(list(&["comments"]), "comments");
        assert_eq!(list(&["comments", "pictures"]), "comments and pictures");
        assert_eq!(list(&["a", "b", "c"]), "a, b and c");
    }
}
