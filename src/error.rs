//! Errors that say where: file, row, byte offset and a plain-English reason.

use std::fmt;

/// Why a file could not be read (or not all of it).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not a text CSV; `looks_like` names what they look like
    /// ("XLSX", "ZIP", "PDF", "PNG image"...).
    NotText {
        /// What the file appears to be.
        looks_like: &'static str,
    },
    /// The text cannot be decoded.
    Encoding(String),
    /// A limit was reached; the rest of the file was not checked.
    Limit(String),
    /// The CSV structure is broken in a way that stops reading.
    Malformed(String),
}

/// An error with its position. Row and byte are those of the record where it
/// happened, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// 1-based row (record) number, as a spreadsheet shows it.
    pub row: Option<u64>,
    /// 0-based byte offset in the file.
    pub byte: Option<u64>,
}

impl Error {
    /// An error at an optional position.
    pub fn new(kind: ErrorKind, row: Option<u64>, byte: Option<u64>) -> Self {
        Error { kind, row, byte }
    }

    /// The reason alone, without the position.
    pub fn reason(&self) -> String {
        match &self.kind {
            ErrorKind::NotText { looks_like } => {
                format!(
                    "not a text CSV: looks like {looks_like}{}",
                    not_text_hint(looks_like)
                )
            }
            ErrorKind::Encoding(s) | ErrorKind::Limit(s) | ErrorKind::Malformed(s) => s.clone(),
        }
    }
}

/// What the clerk can do about a file that is not text.
fn not_text_hint(looks_like: &str) -> &'static str {
    match looks_like {
        // A workbook's hidden sheet is where the 2023 leaks were: saving
        // only the sheet on screen as CSV would leave it unchecked.
        "XLSX" => " (an Excel workbook, not a CSV file); in Excel, unhide every sheet and save each one as CSV: a CSV file holds one sheet, so a hidden sheet would go unchecked",
        "XLS" => " (an old Excel workbook, not a CSV file); in Excel, unhide every sheet and save each one as CSV: a CSV file holds one sheet, so a hidden sheet would go unchecked",
        "ODS" => " (a spreadsheet, not a CSV file); unhide every sheet and save each one as CSV: a CSV file holds one sheet, so a hidden sheet would go unchecked",
        "DOCX" | "PPTX" | "an Office document" => {
            " (an Office document renamed .csv); export the table as CSV first"
        }
        "ZIP" | "gzip" | "7-Zip" | "RAR" => {
            " (a compressed archive); extract the CSV file from it first"
        }
        "PDF" | "RTF" => "; export the table as CSV from the program that made it",
        "binary data" => "; it is not a spreadsheet saved as CSV",
        _ => " (an image); it cannot be checked as CSV",
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.row, self.byte) {
            (Some(r), Some(b)) => write!(f, "row {r} (byte {b}): ")?,
            (Some(r), None) => write!(f, "row {r}: ")?,
            (None, Some(b)) => write!(f, "byte {b}: ")?,
            (None, None) => {}
        }
        f.write_str(&self.reason())
    }
}

impl std::error::Error for Error {}
