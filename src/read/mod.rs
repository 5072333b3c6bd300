//! Reading bytes into tables: decoding, delimiter sniffing, CSV records with
//! spreadsheet row numbers, and finding the tables (headers) inside a file.
//!
//! Push-based: bytes arrive in chunks of any size and events go to a [`Sink`].
//! No copy of the whole file is kept.
//!
//! Row numbers are 1-based record numbers counting every record (title lines,
//! blank lines, headers) as a spreadsheet shows the file; a quoted field with
//! line breaks is one row.
//!
//! # What the reader does
//!
//! - **Encoding**, decided on the first 64 KB: a byte-order mark (UTF-8,
//!   UTF-16LE/BE); UTF-16 without one by its NUL bytes; known binary formats by
//!   their magic bytes (XLSX, ZIP, PDF, images, old XLS, gzip...) and NUL-heavy
//!   data are refused with [`ErrorKind::NotText`]; otherwise UTF-8 when the
//!   bytes are UTF-8 (or mostly), Windows-1252 when they are not. Bytes that are
//!   not UTF-8 later in a UTF-8 file are read as Windows-1252, with one warning
//!   naming the first row where it happened.
//! - **Delimiter** `,` `;` tab or `|`, sniffed from the first 64 KB (see
//!   `sniff.rs`): the one whose count per line is the most consistent.
//! - **Records** by a small RFC 4180 state machine (`records.rs`): quoted
//!   fields with delimiters, `""` and line breaks; `\n`, `\r\n` or `\r`; no
//!   final line break; ragged rows. A record whose cells are all empty
//!   (`,,,`) is a blank row like an empty line.
//! - **Tables** (`tables.rs`): title lines and notes above a header, the header
//!   found from its shape and the data under it, stacked tables, tables side by
//!   side, footnotes, and one-column lists under a header that identifies
//!   people (`Surname` over `MORGAN`). See that module for the rules.
//! - **Excel workbooks** ([`xlsx`]): every sheet of an .xlsx file, hidden
//!   ones included, as CSV text for this reader, with its hidden rows and columns.
//!
//! # Byte offsets
//!
//! [`Error::byte`] is the offset in the original file of the record (or, for
//! an unclosed quote, of the quote). It is exact for every encoding: UTF-8
//! text maps byte for byte, Windows-1252 one byte per character, UTF-16 two
//! bytes per character (four outside the Basic Multilingual Plane), after the
//! byte-order mark.
//!
//! # Limits
//!
//! A record longer than [`MAX_RECORD_BYTES`] or with more than [`MAX_FIELDS`]
//! fields stops the reading with [`ErrorKind::Limit`] naming the row. Memory is
//! the longest record plus a look-ahead of a few records, never the file.
//!
//! ```
//! use foi_check::read::{Reader, Sink, Table};
//! #[derive(Default)]
//! struct Rows(Vec<(Option<usize>, u64, Vec<String>)>);
//! impl Sink for Rows {
//!     fn table_start(&mut self, _: &Table) {}
//!     fn record(&mut self, t: Option<usize>, row: u64, f: &[&str]) {
//!         self.0.push((t, row, f.iter().map(|s| s.to_string()).collect()));
//!     }
//!     fn table_end(&mut self, _: usize, _: u64) {}
//! }
//! let mut rows = Rows::default();
//! let mut reader = Reader::new();
//! reader.push(b"Staff list\n\nSurname;Rank\nMORGAN;Insp\n", &mut rows).unwrap();
//! reader.finish(&mut rows).unwrap();
//! assert_eq!(rows.0[0], (None, 1, vec!["Staff list".to_string()]));
//! assert_eq!(rows.0[1], (Some(0), 4, vec!["MORGAN".to_string(), "Insp".to_string()]));
//! assert_eq!(reader.info().delimiter, b';');
//! ```

use crate::error::{Error, ErrorKind};

mod decode;
mod records;
mod scan;
mod sniff;
mod tables;
pub mod xlsx;

use decode::{Enc, Verdict, PRELUDE};
use records::{Parser, Records, Unit};
use tables::Tabler;

pub use records::{MAX_FIELDS, MAX_RECORD_BYTES};

/// A table found in the file: a header and the columns it spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// 0-based index, in order of discovery.
    pub index: usize,
    /// Row number of the header row.
    pub header_row: u64,
    /// 0-based index of the table's first column in the file.
    pub first_column: usize,
    /// Header cells, trimmed. `header.len()` is the table's width.
    pub header: Vec<String>,
}

/// Receives what the reader finds, in file order.
pub trait Sink {
    /// A new table starts; its data rows follow as `record(Some(index), ..)`.
    fn table_start(&mut self, table: &Table);
    /// A record. `table` is `Some(i)` for a data row of table `i`, with
    /// `fields` cut to the table's columns (`fields[j]` is under `header[j]`,
    /// missing cells of a ragged row are absent, extra ones kept); `None` for
    /// rows outside any table (title lines, notes, footnotes), with all fields
    /// (beside a table whose header row has a title on its left, the cells
    /// left of the table and outside any table there come this way, cut to
    /// those columns; see `tables.rs`). Rows arrive in order; side-by-side
    /// tables repeat a row number.
    /// Blank rows are counted but not sent.
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]);
    /// Table `index` ends; `last_row` is its last data row.
    fn table_end(&mut self, index: usize, last_row: u64);
    /// Every record as parsed, before the tables are found, with all its
    /// fields: for sinks that rewrite the file (the redactor), which need every
    /// record, not cut per table; and for the page's table view, which keeps
    /// where each record starts (`byte`, its offset in the original file)
    /// and reads it again from there ([`Rereader`]). Blank lines are not sent
    /// (their row numbers are skipped); a record whose cells are all empty (`,,,`) is. It comes
    /// before the [`Sink::record`] events of the same row, which the table
    /// finder may hold back for a few records (its look-ahead). Does nothing
    /// unless implemented.
    fn raw_record(&mut self, row: u64, byte: u64, fields: &[&str]) {
        let _ = (row, byte, fields);
    }
}

/// What the reader learnt about the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadInfo {
    /// Encoding name (`UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1252`).
    pub encoding: &'static str,
    /// The delimiter.
    pub delimiter: u8,
    /// Records read so far (the last row number).
    pub rows: u64,
    /// Bytes consumed so far.
    pub bytes: u64,
    /// Notes for the clerk (e.g. "some bytes were not UTF-8; read as Windows-1252").
    pub warnings: Vec<(Option<u64>, String)>,
}

/// The push-based reader. See the module docs.
pub struct Reader {
    info: ReadInfo,
    stage: Stage,
    failed: Option<Error>,
    bom_len: usize,
}

enum Stage {
    /// Collecting the first bytes, to decide encoding and delimiter.
    Head(Vec<u8>),
    /// Reading.
    Body(Box<Body>),
    /// Finished.
    Done,
}

/// Streaming state once the encoding and delimiter are known.
struct Body {
    enc: Enc,
    /// UTF-8: bytes of a character cut by the chunk boundary.
    carry: Vec<u8>,
    /// UTF-8, Windows-1252 and UTF-16: the decoder (unused for UTF-8).
    decoder: Option<encoding_rs::Decoder>,
    text: String,
    parser: Parser,
    out: Out,
    warned: bool,
}

/// Records go to the table finder (none when reading again: see
/// [`Rereader`]), events to the sink.
struct Out {
    tabler: Option<Tabler>,
}

struct Feed<'a> {
    tabler: Option<&'a mut Tabler>,
    sink: &'a mut dyn Sink,
}

impl Records for Feed<'_> {
    fn record(&mut self, row: u64, byte: u64, fields: &[&str]) {
        self.sink.raw_record(row, byte, fields);
        if let Some(tabler) = self.tabler.as_mut() {
            tabler.record(row, fields, self.sink);
        }
    }
}

impl Out {
    /// Close the open tables (the end of the file, or an error).
    fn finish(&mut self, sink: &mut dyn Sink) {
        if let Some(tabler) = self.tabler.as_mut() {
            tabler.finish(sink);
        }
    }
}

/// Raw bytes decoded per step for the transcoded encodings.
const STEP: usize = 64 * 1024;

impl Body {
    fn new(enc: Enc, parser: Parser, tabler: Option<Tabler>) -> Box<Body> {
        Box::new(Body {
            enc,
            carry: Vec::new(),
            decoder: (enc != Enc::Utf8).then(|| enc.encoding().new_decoder_without_bom_handling()),
            text: String::new(),
            parser,
            out: Out { tabler },
            warned: false,
        })
    }

    fn parse(&mut self, text: &str, unit: Unit, sink: &mut dyn Sink) -> Result<(), Error> {
        let mut feed = Feed {
            tabler: self.out.tabler.as_mut(),
            sink,
        };
        self.parser.feed(text, unit, &mut feed)
    }

    /// Bytes that are not UTF-8 in a UTF-8 file: read as Windows-1252.
    fn fallback(
        &mut self,
        bytes: &[u8],
        info: &mut ReadInfo,
        sink: &mut dyn Sink,
    ) -> Result<(), Error> {
        if !self.warned {
            self.warned = true;
            info.warnings.push((
                Some(self.parser.current_row()),
                "some bytes are not UTF-8 (first on this row); they were read as Windows-1252"
                    .to_string(),
            ));
        }
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        self.parse(&text, Unit::Char1, sink)
    }

    /// UTF-8 bytes with no carry in front of them.
    fn utf8(
        &mut self,
        mut data: &[u8],
        last: bool,
        info: &mut ReadInfo,
        sink: &mut dyn Sink,
    ) -> Result<(), Error> {
        loop {
            match std::str::from_utf8(data) {
                Ok(s) => return self.parse(s, Unit::Identity, sink),
                Err(e) => {
                    let (good, rest) = data.split_at(e.valid_up_to());
                    if let Ok(s) = std::str::from_utf8(good) {
                        self.parse(s, Unit::Identity, sink)?;
                    }
                    match e.error_len() {
                        Some(n) => {
                            self.fallback(rest.get(..n).unwrap_or_default(), info, sink)?;
                            data = rest.get(n..).unwrap_or_default();
                        }
                        None if last => return self.fallback(rest, info, sink),
                        None => {
                            self.carry.extend_from_slice(rest);
                            return Ok(());
                        }
                    }
                }
            }
        }
    }

    fn push(
        &mut self,
        mut chunk: &[u8],
        last: bool,
        info: &mut ReadInfo,
        sink: &mut dyn Sink,
    ) -> Result<(), Error> {
        if self.enc == Enc::Utf8 {
            // Complete a character cut by the previous chunk, a few bytes at a time.
            while !self.carry.is_empty() && (!chunk.is_empty() || last) {
                let take = chunk.len().min(4);
                let mut tmp = std::mem::take(&mut self.carry);
                tmp.extend_from_slice(chunk.get(..take).unwrap_or_default());
                chunk = chunk.get(take..).unwrap_or_default();
                self.utf8(&tmp, last && chunk.is_empty(), info, sink)?;
            }
            return self.utf8(chunk, last, info, sink);
        }
        let Some(mut decoder) = self.decoder.take() else {
            return Ok(());
        };
        let unit = if self.enc == Enc::Win1252 {
            Unit::Char1
        } else {
            Unit::Utf16
        };
        let mut text = std::mem::take(&mut self.text);
        let mut result = Ok(());
        let mut pieces: Vec<&[u8]> = chunk.chunks(STEP).collect();
        if pieces.is_empty() {
            pieces.push(&[]);
        }
        let count = pieces.len();
        for (k, mut piece) in pieces.into_iter().enumerate() {
            let final_piece = last && k + 1 == count;
            loop {
                text.clear();
                text.reserve(
                    decoder
                        .max_utf8_buffer_length(piece.len())
                        .unwrap_or(piece.len() * 3 + 16),
                );
                let (res, read, replaced) = decoder.decode_to_string(piece, &mut text, final_piece);
                result = match text.find('\u{FFFD}').filter(|_| replaced && !self.warned) {
                    // Invalid UTF-16 (a lone surrogate, an odd last byte): say so once,
                    // on the row where it is, rather than change a cell silently.
                    Some(at) => {
                        let (before, after) = text.split_at(at);
                        self.parse(before, unit, sink).and_then(|()| {
                            self.warned = true;
                            info.warnings.push((
                                Some(self.parser.current_row()),
                                "some bytes are not valid UTF-16 (first on this row); \
                                 they are shown as \u{FFFD}"
                                    .to_string(),
                            ));
                            self.parse(after, unit, sink)
                        })
                    }
                    None => self.parse(&text, unit, sink),
                };
                piece = piece.get(read..).unwrap_or_default();
                if result.is_err() || res == encoding_rs::CoderResult::InputEmpty {
                    break;
                }
            }
            if result.is_err() {
                break;
            }
        }
        self.text = text;
        self.decoder = Some(decoder);
        result
    }
}

impl Default for Reader {
    fn default() -> Self {
        Self::new()
    }
}

impl Reader {
    /// A reader that has seen no bytes yet.
    pub fn new() -> Self {
        Reader {
            info: ReadInfo {
                encoding: "UTF-8",
                delimiter: b',',
                rows: 0,
                bytes: 0,
                warnings: Vec::new(),
            },
            stage: Stage::Head(Vec::new()),
            failed: None,
            bom_len: 0,
        }
    }

    /// Feed the next chunk. After an error, the reader accepts no more input.
    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), Error> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.info.bytes += chunk.len() as u64;
        let r = self.push_inner(chunk, false, sink);
        if r.is_err() {
            // Rows read before the error still reach the sink; their tables end.
            if let Stage::Body(body) = &mut self.stage {
                body.out.finish(sink);
            }
        }
        self.settle(r)
    }

    /// End of input: flush the last record and close open tables.
    pub fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), Error> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        let mut r = self.push_inner(&[], true, sink);
        if let Stage::Body(body) = &mut self.stage {
            if r.is_ok() {
                let mut feed = Feed {
                    tabler: body.out.tabler.as_mut(),
                    sink: &mut *sink,
                };
                r = body.parser.finish(&mut feed);
            }
            // Rows before an error were delivered; their tables end here.
            body.out.finish(sink);
            self.info.rows = body.parser.rows();
        }
        self.stage = Stage::Done;
        self.settle(r)
    }

    fn settle(&mut self, r: Result<(), Error>) -> Result<(), Error> {
        if let Stage::Body(body) = &self.stage {
            self.info.rows = body.parser.rows();
        }
        if let Err(e) = &r {
            self.failed = Some(e.clone());
        }
        r
    }

    fn push_inner(&mut self, chunk: &[u8], last: bool, sink: &mut dyn Sink) -> Result<(), Error> {
        match &mut self.stage {
            Stage::Done => Ok(()),
            Stage::Body(body) => body.push(chunk, last, &mut self.info, sink),
            Stage::Head(head) => {
                let room = PRELUDE.saturating_sub(head.len());
                let (now, later) = chunk.split_at(room.min(chunk.len()));
                head.extend_from_slice(now);
                if head.len() < PRELUDE && !last {
                    return Ok(());
                }
                let head = std::mem::take(head);
                let mut body = self.start(&head)?;
                let r = body
                    .push(
                        head.get(self.bom_len..).unwrap_or_default(),
                        last && later.is_empty(),
                        &mut self.info,
                        sink,
                    )
                    .and_then(|()| {
                        if later.is_empty() {
                            Ok(())
                        } else {
                            body.push(later, last, &mut self.info, sink)
                        }
                    });
                self.stage = Stage::Body(body);
                r
            }
        }
    }

    /// Decide encoding and delimiter from the first bytes.
    fn start(&mut self, head: &[u8]) -> Result<Box<Body>, Error> {
        let (enc, bom) = match decode::detect(head) {
            Verdict::Binary(kind) => {
                return Err(Error::new(
                    ErrorKind::NotText { looks_like: kind },
                    None,
                    Some(0),
                ));
            }
            Verdict::Text { enc, bom } => (enc, bom),
        };
        self.bom_len = bom;
        let delimiter = sniff::sniff_delimiter(&decode::decode_head(head, enc, bom));
        self.info.encoding = enc.name();
        self.info.delimiter = delimiter;
        Ok(Body::new(
            enc,
            Parser::new(delimiter, bom as u64),
            Some(Tabler::new()),
        ))
    }

    /// What has been learnt so far.
    pub fn info(&self) -> &ReadInfo {
        &self.info
    }
}

/// Reads part of a file again, from the start of a record an earlier read
/// saw (its byte offset and row number, from [`Sink::raw_record`]), with the
/// encoding and delimiter found then: records go to [`Sink::raw_record`]
/// with the same row numbers, byte offsets and fields as the first time; no
/// tables are looked for. The page's table view keeps only where each record
/// starts and reads the rows it draws, and its searches, this way.
pub struct Rereader {
    body: Box<Body>,
    info: ReadInfo,
}

impl Rereader {
    /// From byte `byte` of a file read as `encoding` (a [`ReadInfo::encoding`])
    /// with `delimiter`, where the record numbered `row` starts; `None` for
    /// an encoding the reader does not know.
    pub fn new(encoding: &str, delimiter: u8, byte: u64, row: u64) -> Option<Self> {
        let enc = Enc::from_name(encoding)?;
        Some(Rereader {
            body: Body::new(enc, Parser::resume(delimiter, byte, row), None),
            info: ReadInfo {
                encoding: enc.name(),
                delimiter,
                rows: 0,
                bytes: 0,
                warnings: Vec::new(),
            },
        })
    }

    /// The next bytes (from `byte` on, in order).
    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn Sink) -> Result<(), Error> {
        self.body.push(chunk, false, &mut self.info, sink)
    }

    /// No more bytes: the last record, if it has no line break.
    pub fn finish(&mut self, sink: &mut dyn Sink) -> Result<(), Error> {
        self.body.push(&[], true, &mut self.info, sink)?;
        let mut feed = Feed { tabler: None, sink };
        self.body.parser.finish(&mut feed)
    }
}
