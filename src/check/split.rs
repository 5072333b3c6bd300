//! A check in two halves that talk in bytes, for hosts whose threads share
//! no memory: the page runs the [`Front`] (the reader) in one Web Worker and
//! the [`Back`] (the detector, the risk models and the report) in another.
//!
//! The front reads chunks and turns what the reader found into messages:
//! each record's fields end to end, where each field ends, and the events
//! (a table starts, a record of table *t* on row *r* with *n* fields, a table
//! ends), then, in the last message, the reader's warnings and error. The
//! back replays the messages into the same scanners a [`Checker`](super::Checker)
//! uses, in the same order, so its report is the checker's, byte for byte.
//!
//! Messages are numbered: a message lost, repeated or out of order, or one
//! that does not decode, stops the back with an error, so a partial check is
//! never reported as complete. Decoding never panics, whatever the bytes.
//!
//! ```
//! use foi_check::check::split::{Back, Front};
//! use foi_check::{check_bytes, Options};
//! let file = b"Surname,Initial,Rank\nMORGAN,J,Inspector\n";
//! let mut front = Front::new();
//! let mut back = Back::new("staff.csv", Options::default());
//! front.push(&file[..20]).unwrap();
//! back.push(&front.take()).unwrap();
//! front.push(&file[20..]).unwrap();
//! back.push(&front.take()).unwrap();
//! back.push(&front.finish()).unwrap();
//! let report = back.finish();
//! assert_eq!(report, check_bytes("staff.csv", file, &Options::default()));
//! ```

use super::{assemble, stopped, Local, Read, Tee};
use crate::error::{Error, ErrorKind};
use crate::options::Options;
use crate::profile::Roster;
use crate::read::{Reader, Sink, Table};
use crate::report::Report;
use std::sync::Arc;

/// The first bytes of every message.
const MAGIC: &[u8; 4] = b"FCk1";

/// Event tags.
const RECORD: u8 = 1;
const START: u8 = 2;
const END: u8 = 3;
/// The reader's last words: its warnings and its error, if any.
const DONE: u8 = 4;

/// The reader's half: reads chunks, and keeps what it found as the next
/// message until [`Front::take`].
pub struct Front {
    reader: Reader,
    out: Encoder,
    seq: u32,
    error: Option<Error>,
}

/// What the reader found since the last message.
#[derive(Default)]
struct Encoder {
    text: Vec<u8>,
    ends: Vec<u32>,
    events: Vec<u8>,
    /// The row of the last record encoded (rows are sent as differences).
    last_row: u64,
    /// A message's text passed 4 GB (its field ends would not fit).
    overflow: bool,
}

impl Encoder {
    fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
        self.events.clear();
        self.last_row = 0;
    }
}

impl Sink for Encoder {
    fn table_start(&mut self, table: &Table) {
        let e = &mut self.events;
        e.push(START);
        put_varint(e, table.index as u64);
        put_varint(e, table.header_row);
        put_varint(e, table.first_column as u64);
        put_varint(e, table.header.len() as u64);
        for h in &table.header {
            put_str(e, h);
        }
    }

    #[inline]
    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        for f in fields {
            self.text.extend_from_slice(f.as_bytes());
            match u32::try_from(self.text.len()) {
                Ok(end) => self.ends.push(end),
                Err(_) => {
                    self.overflow = true;
                    self.ends.push(u32::MAX);
                }
            }
        }
        let e = &mut self.events;
        e.push(RECORD);
        put_varint(e, table.map_or(0, |t| t as u64 + 1));
        put_varint(e, fields.len() as u64);
        put_varint(e, zigzag(row.wrapping_sub(self.last_row) as i64));
        self.last_row = row;
    }

    fn table_end(&mut self, index: usize, last_row: u64) {
        let e = &mut self.events;
        e.push(END);
        put_varint(e, index as u64);
        put_varint(e, last_row);
    }
}

impl Default for Front {
    fn default() -> Self {
        Front::new()
    }
}

impl Front {
    /// A reader for one file.
    pub fn new() -> Front {
        Front {
            reader: Reader::new(),
            out: Encoder::default(),
            seq: 0,
            error: None,
        }
    }

    /// Read the next chunk. After an error, further chunks are ignored and
    /// the same error is returned; the records read before it are still in
    /// the messages, and the last message carries the error.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        let result = self.reader.push(chunk, &mut self.out);
        result.inspect_err(|e| self.error = Some(e.clone()))
    }

    /// Records read so far.
    pub fn rows_read(&self) -> u64 {
        self.reader.info().rows
    }

    /// Bytes consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.reader.info().bytes
    }

    /// The next message: what was read since the last one (perhaps nothing).
    pub fn take(&mut self) -> Vec<u8> {
        self.message(false)
    }

    /// End of input: the last message, with what the reader still held and
    /// its warnings and error.
    pub fn finish(mut self) -> Vec<u8> {
        if self.error.is_none() {
            if let Err(e) = self.reader.finish(&mut self.out) {
                self.error = Some(e);
            }
        }
        self.message(true)
    }

    fn message(&mut self, last: bool) -> Vec<u8> {
        if self.out.overflow && self.error.is_none() {
            self.error = Some(Error::new(
                ErrorKind::Limit(
                    "more than 4 GB of cells were read from one chunk; \
                     the rest of the file was not checked"
                        .to_string(),
                ),
                Some(self.reader.info().rows),
                None,
            ));
        }
        if last {
            let e = &mut self.out.events;
            e.push(DONE);
            let info = self.reader.info();
            put_varint(e, info.warnings.len() as u64);
            for (row, w) in &info.warnings {
                put_opt(e, *row);
                put_str(e, w);
            }
            match &self.error {
                None => e.push(0),
                Some(err) => {
                    e.push(1);
                    put_opt(e, err.row);
                    put_opt(e, err.byte);
                    put_str(e, &err.reason());
                }
            }
        }
        let info = self.reader.info();
        let o = &self.out;
        let mut m = Vec::with_capacity(64 + o.text.len() + 4 * o.ends.len() + o.events.len());
        m.extend_from_slice(MAGIC);
        m.extend_from_slice(&self.seq.to_le_bytes());
        m.extend_from_slice(&info.rows.to_le_bytes());
        m.extend_from_slice(&info.bytes.to_le_bytes());
        m.push(info.delimiter);
        put_str(&mut m, info.encoding);
        // Lengths fit: the text's were checked as it grew, and the others
        // are shorter than it or small.
        let len = |n: usize| u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes();
        m.extend_from_slice(&len(o.text.len()));
        m.extend_from_slice(&len(o.ends.len()));
        m.extend_from_slice(&len(o.events.len()));
        m.extend_from_slice(&o.text);
        for end in &o.ends {
            m.extend_from_slice(&end.to_le_bytes());
        }
        m.extend_from_slice(&o.events);
        self.seq = self.seq.wrapping_add(1);
        self.out.clear();
        m
    }
}

/// A table view fed from the messages as they are replayed ([`Back::push_viewed`]):
/// a record's fields come as one span of text, so a view keeps them with one
/// copy, not one per field.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) trait View {
    /// A table starts (its header row is a row of the view too).
    fn table_start(&mut self, table: &Table);
    /// A record of `table` (or outside any table) on `row`: `span` holds its
    /// fields end to end, and `ends` (little-endian `u32`s) where each field
    /// ends, counted from `offset` (so the first field starts at `offset`).
    fn record(&mut self, table: Option<usize>, row: u64, span: &str, ends: &[u8], offset: usize);
}

/// The detector's half: replays the front's messages and makes the report.
pub struct Back {
    name: String,
    local: Box<Local>,
    /// The next message's number.
    seq: u32,
    /// What the reader had read by the last message.
    rows: u64,
    bytes: u64,
    delimiter: u8,
    encoding: String,
    warnings: Vec<(Option<u64>, String)>,
    /// The last message has arrived.
    done: bool,
    /// Set before any message (the profile does not compile): nothing is read.
    refused: bool,
    error: Option<Error>,
}

impl Back {
    /// The back half of the check of file `name`, with `options` (as for
    /// [`Checker::new`](super::Checker::new)).
    pub fn new(name: &str, options: Options) -> Back {
        let (local, error) = Local::prepared(options);
        let blank = Reader::new();
        let info = blank.info();
        Back {
            name: name.to_string(),
            local,
            seq: 0,
            rows: info.rows,
            bytes: info.bytes,
            delimiter: info.delimiter,
            encoding: info.encoding.to_string(),
            warnings: Vec::new(),
            done: false,
            refused: error.is_some(),
            error,
        }
    }

    /// Match against the session's staff roster (see
    /// [`Checker::with_roster`](super::Checker::with_roster)); before the first message.
    pub fn with_roster(mut self, roster: Arc<Roster>) -> Self {
        self.local.state.roster = Some(roster);
        self
    }

    /// Records the reader had read by the last message replayed.
    pub fn rows_read(&self) -> u64 {
        self.rows
    }

    /// Replay the front's next message. An error means the two halves lost
    /// step (or the back refused the check from the start): the report will
    /// say the check is incomplete.
    pub fn push(&mut self, message: &[u8]) -> Result<(), Error> {
        self.push_tapped(message, &mut super::NoTap)
    }

    /// [`Back::push`], and every event also goes to `tap` (as with
    /// [`Checker::push_tapped`](super::Checker::push_tapped)).
    pub fn push_tapped(&mut self, message: &[u8], tap: &mut dyn Sink) -> Result<(), Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        self.replay(message, tap, None)
            .map_err(|reason| self.lost_step(reason))
    }

    /// [`Back::push_tapped`] for the page's table view (see [`View`]).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn push_viewed(&mut self, message: &[u8], view: &mut dyn View) -> Result<(), Error> {
        if let Some(e) = &self.error {
            return Err(e.clone());
        }
        self.replay(message, &mut super::NoTap, Some(view))
            .map_err(|reason| self.lost_step(reason))
    }

    fn lost_step(&mut self, reason: String) -> Error {
        let e = Error::new(
            ErrorKind::Malformed(format!(
                "internal error: {reason}; the rows after row {} were not checked",
                self.rows
            )),
            None,
            None,
        );
        self.error = Some(e.clone());
        e
    }

    fn replay(
        &mut self,
        message: &[u8],
        tap: &mut dyn Sink,
        mut view: Option<&mut dyn View>,
    ) -> Result<(), String> {
        if self.done {
            return Err("a message came after the last one".into());
        }
        let mut r = Bytes(message);
        if r.take(4)? != MAGIC {
            return Err("a message from the reader is not one".into());
        }
        let seq = r.u32()?;
        if seq != self.seq {
            return Err(format!(
                "message {} from the reader came when {} was due",
                seq, self.seq
            ));
        }
        self.seq = self.seq.wrapping_add(1);
        let rows = r.u64()?;
        let bytes = r.u64()?;
        let delimiter = r.u8()?;
        let encoding = r.str()?;
        let text_len = r.u32()? as usize;
        let ends_len = r.u32()? as usize;
        let events_len = r.u32()? as usize;
        let text = std::str::from_utf8(r.take(text_len)?)
            .map_err(|_| "a message's text is not UTF-8".to_string())?;
        let ends_bytes = r.take(ends_len.checked_mul(4).ok_or("too many fields")?)?;
        let mut events = Bytes(r.take(events_len)?);
        if !r.0.is_empty() {
            return Err("a message is longer than it says".into());
        }
        (self.rows, self.bytes, self.delimiter) = (rows, bytes, delimiter);
        if self.encoding != encoding {
            self.encoding = encoding.to_string();
        }
        let mut ends = ends_bytes
            .chunks_exact(4)
            .map(|b| b.try_into().map_or(0, u32::from_le_bytes) as usize);
        let mut at = 0;
        let mut last_row = 0u64;
        let mut fields: Vec<&str> = Vec::with_capacity(64);
        // Fields replayed so far (for the view's slice of `ends_bytes`).
        let mut field_no = 0usize;
        let mut tee = Tee {
            state: self.local.as_mut(),
            tap,
        };
        while let Some(tag) = events.next() {
            match tag {
                RECORD => {
                    let table = events.varint()?;
                    let n = events.varint()?;
                    let row = last_row.wrapping_add(unzigzag(events.varint()?) as u64);
                    last_row = row;
                    fields.clear();
                    let start = at;
                    for _ in 0..n {
                        let end = ends.next().ok_or("a record has more fields than sent")?;
                        fields.push(text.get(at..end).ok_or("a field is out of place")?);
                        at = end;
                    }
                    let table = match table {
                        0 => None,
                        t => Some(usize::try_from(t - 1).map_err(|_| "no such table")?),
                    };
                    tee.record(table, row, &fields);
                    if let Some(v) = view.as_deref_mut() {
                        let first = field_no;
                        field_no += n as usize;
                        let span = text.get(start..at).unwrap_or("");
                        let ends = ends_bytes.get(first * 4..field_no * 4).unwrap_or(&[]);
                        v.record(table, row, span, ends, start);
                    }
                }
                START => {
                    let index = events.usize()?;
                    let header_row = events.varint()?;
                    let first_column = events.usize()?;
                    let n = events.usize()?;
                    let mut header = Vec::with_capacity(n.min(1 << 16));
                    for _ in 0..n {
                        header.push(events.str()?.to_string());
                    }
                    let table = Table {
                        index,
                        header_row,
                        first_column,
                        header,
                    };
                    tee.table_start(&table);
                    if let Some(v) = view.as_deref_mut() {
                        v.table_start(&table);
                    }
                }
                END => {
                    let index = events.usize()?;
                    let last = events.varint()?;
                    tee.table_end(index, last);
                }
                DONE => {
                    let n = events.usize()?;
                    for _ in 0..n {
                        let row = events.opt()?;
                        let w = events.str()?.to_string();
                        self.warnings.push((row, w));
                    }
                    if events.u8()? == 1 {
                        let row = events.opt()?;
                        let byte = events.opt()?;
                        let reason = events.str()?.to_string();
                        self.error = Some(Error::new(ErrorKind::Malformed(reason), row, byte));
                    }
                    if !events.0.is_empty() {
                        return Err("the last message goes on after its end".into());
                    }
                    self.done = true;
                }
                _ => return Err("a message holds an unknown event".into()),
            }
        }
        if ends.next().is_some() {
            return Err("a message has fields no record took".into());
        }
        Ok(())
    }

    /// The report: the same as [`Checker::finish`](super::Checker::finish)
    /// for the same file. If the last message never came, the report says
    /// the check stopped early.
    pub fn finish(mut self) -> Report {
        if !self.done && self.error.is_none() {
            self.error = Some(stopped());
        }
        let read = Read {
            encoding: &self.encoding,
            delimiter: self.delimiter,
            rows: self.rows,
            bytes: self.bytes,
            warnings: &self.warnings,
        };
        if self.refused {
            // As a checker that refused the file at once: nothing was read.
            let blank = Reader::new();
            let info = blank.info();
            let read = Read {
                encoding: info.encoding,
                delimiter: info.delimiter,
                rows: info.rows,
                bytes: info.bytes,
                warnings: &info.warnings,
            };
            return assemble(&self.name, *self.local, &read, self.error);
        }
        assemble(&self.name, *self.local, &read, self.error)
    }
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

#[inline]
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

fn put_opt(out: &mut Vec<u8>, v: Option<u64>) {
    match v {
        None => out.push(0),
        Some(v) => {
            out.push(1);
            put_varint(out, v);
        }
    }
}

/// A cursor over a message; every read is checked.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("a message from the reader is cut short".into());
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(head)
    }

    #[inline]
    fn next(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn u8(&mut self) -> Result<u8, String> {
        self.next()
            .ok_or_else(|| "a message from the reader is cut short".into())
    }

    fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(b.try_into().map_or(0, u32::from_le_bytes))
    }

    fn u64(&mut self) -> Result<u64, String> {
        let b = self.take(8)?;
        Ok(b.try_into().map_or(0, u64::from_le_bytes))
    }

    #[inline]
    fn varint(&mut self) -> Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err("a number in a message is too long".into())
    }

    fn usize(&mut self) -> Result<usize, String> {
        usize::try_from(self.varint()?).map_err(|_| "a number in a message is too large".into())
    }

    fn opt(&mut self) -> Result<Option<u64>, String> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.varint().map(Some),
        }
    }

    fn str(&mut self) -> Result<&'a str, String> {
        let n = self.usize()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| "a message's text is not UTF-8".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_zigzag_round_trip() {
        for v in [0u64, 1, 127, 128, 300, 1 << 35, u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            assert_eq!(Bytes(&out).varint(), Ok(v));
        }
        for v in [0i64, 1, -1, 63, -64, i64::MAX, i64::MIN] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }

    fn messages(file: &[u8], chunk: usize) -> Vec<Vec<u8>> {
        let mut front = Front::new();
        let mut out = Vec::new();
        for part in file.chunks(chunk) {
            let _ = front.push(part);
            out.push(front.take());
        }
        out.push(front.finish());
        out
    }

    #[test]
    fn a_message_lost_repeated_or_damaged_stops_the_check() {
        let file = b"Surname,Initial,Rank\nMORGAN,J,Inspector\nKAY,A,PC\nLEE,B,Sergeant\n";
        let ok = messages(file, 30);
        assert!(ok.len() >= 3);
        let run = |ms: &[Vec<u8>]| {
            let mut back = Back::new("f.csv", Options::default());
            for m in ms {
                if back.push(m).is_err() {
                    break;
                }
            }
            back.finish()
        };
        let good = run(&ok);
        assert!(good.complete, "{:?}", good.errors);
        assert_eq!(good.summary.rows_flagged, 3);

        let mut lost = ok.clone();
        lost.remove(1);
        let mut repeated = ok.clone();
        repeated.insert(1, ok[0].clone());
        let mut swapped = ok.clone();
        swapped.swap(0, 1);
        let no_end = ok[..ok.len() - 1].to_vec();
        let mut after_end = ok.clone();
        after_end.push(ok[0].clone());
        for (what, ms) in [
            ("lost", lost),
            ("repeated", repeated),
            ("swapped", swapped),
            ("without its last message", no_end),
            ("with a message after the last", after_end),
        ] {
            let r = run(&ms);
            assert!(!r.complete, "{what}: reported as complete");
            assert!(!r.errors.is_empty(), "{what}: no error");
        }
    }

    /// Every event as text, from a tap or rebuilt from a view's spans.
    #[derive(Default)]
    struct Seen(Vec<String>);

    impl Sink for Seen {
        fn table_start(&mut self, t: &Table) {
            self.0.push(format!("start {} {:?}", t.index, t.header));
        }
        fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
            self.0.push(format!("record {table:?} {row} {fields:?}"));
        }
        fn table_end(&mut self, _: usize, _: u64) {}
    }

    impl View for Seen {
        fn table_start(&mut self, t: &Table) {
            Sink::table_start(self, t);
        }
        fn record(
            &mut self,
            table: Option<usize>,
            row: u64,
            span: &str,
            ends: &[u8],
            offset: usize,
        ) {
            let mut fields = Vec::new();
            let mut at = 0;
            for b in ends.chunks_exact(4) {
                let end = u32::from_le_bytes(b.try_into().expect("4 bytes")) as usize - offset;
                fields.push(&span[at..end]);
                at = end;
            }
            assert_eq!(at, span.len(), "the span is exactly the record's fields");
            Sink::record(self, table, row, &fields);
        }
    }

    #[test]
    fn a_view_gets_each_record_as_the_tap_does() {
        let file = "Title\n\nSurname,Initial,Rank\nMORGAN,J,Inspector\n\"KAY\nX\",,PC\nend\n\n\nA,B\n1,é\n";
        for chunk in [1, 7, file.len()] {
            let ms = messages(file.as_bytes(), chunk);
            let (mut tapped, mut viewed) = (Seen::default(), Seen::default());
            let mut a = Back::new("f.csv", Options::default());
            let mut b = Back::new("f.csv", Options::default());
            for m in &ms {
                a.push_tapped(m, &mut tapped).expect("a message replays");
                b.push_viewed(m, &mut viewed).expect("a message replays");
            }
            assert!(tapped.0.len() > 6, "{:?}", tapped.0);
            assert_eq!(tapped.0, viewed.0);
        }
    }

    #[test]
    fn damaged_messages_give_errors_not_panics() {
        let file = b"Title\n\nSurname,Initial,Rank\nMORGAN,J,Inspector\n\"KAY\nX\",A,PC\nend\n";
        let ok = messages(file, file.len());
        let mut rng = crate::testgen::Xorshift::new(0x5eed_5011);
        for case in 0..3000 {
            let mut ms = ok.clone();
            let i = rng.below(ms.len());
            let m = &mut ms[i];
            match case % 3 {
                0 => m.truncate(rng.below(m.len())),
                1 => {
                    let at = rng.below(m.len());
                    m[at] = rng.below(256) as u8;
                }
                _ => {
                    let at = rng.below(m.len() + 1);
                    m.insert(at, rng.below(256) as u8);
                }
            }
            let mut back = Back::new("f.csv", Options::default());
            for m in &ms {
                if back.push(m).is_err() {
                    break;
                }
            }
            // Any outcome but a panic; an unchanged message gives the full report.
            let _ = back.finish();
        }
    }
}
