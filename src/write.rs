//! Writing CSV that is safe to open in a spreadsheet.
//!
//! Every CSV the tool writes goes through [`CsvWriter`]:
//!
//! - **UTF-8 with a byte-order mark**, so Excel reads accents and `£`
//!   correctly, whatever the encoding of the file read (the cell *text* is
//!   what is kept, not the original bytes).
//! - **The original delimiter**; **CRLF** line endings, as Excel writes them
//!   (line breaks *inside* a quoted cell are kept as they were: they are part
//!   of the cell's text).
//! - **Quoting only where needed**: a field is quoted when it contains the
//!   delimiter, a double quote, CR or LF (quotes doubled, RFC 4180), or when it
//!   was neutralised (below). Other fields are written bare, so an untouched
//!   cell has the same text as before, even if the original quoted it.
//! - **Formula injection neutralised** (OWASP "CSV Injection"): a cell that
//!   begins with `=`, `+`, `-`, `@`, tab (0x09) or CR (0x0D) would be run as a
//!   formula by Excel, LibreOffice or Google Sheets (`=HYPERLINK(...)`,
//!   `@SUM(...)`, `+cmd|' /C calc'!A0`). Such a cell is written as `'` + the
//!   cell, quoted: the apostrophe makes the spreadsheet take it as text.
//!   **Two exceptions, decided here** because they are data that no
//!   spreadsheet runs and neutralising them would change published figures:
//!   a cell that is entirely a signed number (`-5`, `+3.5`, `-1,234`, `-12%`;
//!   see [`is_plain_number`]), and a cell made only of dashes (`-`, `--`, the
//!   usual "nil" or suppression marks). Anything more (`-1+1`, `+44 20 7946
//!   0000`, `-A1`, `=1+1`) is neutralised. Leading spaces are not stripped
//!   first: ` =1+1` is text to every spreadsheet tried and is left alone.
//!
//! ```
//! use foi_check::write::{neutralise, CsvWriter};
//! assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
//! assert_eq!(neutralise("-5"), "-5");
//! let mut w = CsvWriter::new(b',');
//! w.record(&["Name", "Note"]);
//! w.record(&["=1+1", "a, b"]);
//! assert_eq!(w.take(), b"\xEF\xBB\xBFName,Note\r\n\"'=1+1\",\"a, b\"\r\n");
//! ```

use std::borrow::Cow;

/// The UTF-8 byte-order mark written at the start of every file.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a spreadsheet would take the cell for a formula (OWASP's leading
/// characters), apart from plain numbers and dashes (see the module docs).
pub fn needs_neutralising(cell: &str) -> bool {
    match cell.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !is_plain_number(cell) && !cell.bytes().all(|b| b == b'-'),
        _ => false,
    }
}

/// A signed or unsigned number and nothing else: optional `+`/`-`, digits
/// (with `,` thousands groups), an optional `.` and digits, an optional `%`.
/// `-5`, `+3.5`, `-1,234.50`, `-12%`, `-.5` are numbers; `-1+1`, `-1e5`,
/// `+44 20 7946 0000`, `-` are not.
pub fn is_plain_number(cell: &str) -> bool {
    let s = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let s = s.strip_suffix('%').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int_ok = if int.is_empty() {
        frac.is_some()
    } else {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        let grouped = int.contains(',');
        !first.is_empty()
            && first.bytes().all(|b| b.is_ascii_digit())
            && (!grouped || first.len() <= 3)
            && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    int_ok && frac_ok
}

/// The cell as it must be written: `'` in front when it could run as a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_neutralising(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Append one field to `out`: neutralised, quoted where needed.
pub fn write_field(out: &mut Vec<u8>, cell: &str, delimiter: u8) {
    let neutralised = needs_neutralising(cell);
    let quote = neutralised
        || cell
            .bytes()
            .any(|b| b == delimiter || b == b'"' || b == b'\r' || b == b'\n');
    if !quote {
        out.extend_from_slice(cell.as_bytes());
        return;
    }
    out.push(b'"');
    if neutralised {
        out.push(b'\'');
    }
    for piece in cell.split('"').enumerate() {
        if piece.0 > 0 {
            out.extend_from_slice(b"\"\"");
        }
        out.extend_from_slice(piece.1.as_bytes());
    }
    out.push(b'"');
}

/// Writes records to a growing buffer; take the bytes written so far with
/// [`CsvWriter::take`] (the page and the CLI stream them out as they come).
#[derive(Debug, Clone)]
pub struct CsvWriter {
    delimiter: u8,
    out: Vec<u8>,
}

impl CsvWriter {
    /// A writer for this delimiter (`,` `;` `\t` `|`). The first bytes taken
    /// begin with the byte-order mark.
    pub fn new(delimiter: u8) -> Self {
        CsvWriter {
            delimiter,
            out: BOM.to_vec(),
        }
    }

    /// The delimiter in use.
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// One record, then CRLF. An empty slice (or one empty field) writes a
    /// blank line.
    pub fn record<S: AsRef<str>>(&mut self, fields: &[S]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.push(self.delimiter);
            }
            write_field(&mut self.out, f.as_ref(), self.delimiter);
        }
        self.out.extend_from_slice(b"\r\n");
    }

    /// A blank line.
    pub fn blank(&mut self) {
        self.out.extend_from_slice(b"\r\n");
    }

    /// Bytes written since the last call (the BOM included the first time).
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.out)
    }

    /// Bytes waiting to be taken.
    pub fn pending(&self) -> usize {
        self.out.len()
    }
}
