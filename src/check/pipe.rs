//! A check on two threads (native builds): the reader and the risk models
//! stay on the caller's thread, the detector runs on a worker.
//!
//! The detector is most of a check's time, and the reader and the risk
//! models most of the rest, so the two halves take about as long as the
//! detector alone. The caller's half copies each record it reads into a
//! [`Batch`] (its fields' text end to end, with where each ends) and sends
//! full batches to the worker, which replays them into the detector's
//! [`State`] in the same order; a table's risk scanner goes along with the
//! event that ends the table, to be judged on the detector's columns. The
//! report is the same as on one thread.
//!
//! At most [`IN_FLIGHT`] batches wait for the worker (the reader waits when
//! it is that far ahead), and the worker hands batches back to be filled
//! again, so the memory this costs is a few megabytes whatever the file.

use super::{Local, Risks, State};
use crate::read::{Sink, Table};
use crate::risk::RiskScanner;
use std::sync::mpsc::{self, Receiver, Sender, SyncSender};
use std::thread::JoinHandle;

/// A batch is sent once its text reaches this many bytes...
const BATCH_TEXT: usize = 1 << 20;
/// ...or it holds this many events.
const BATCH_EVENTS: usize = 16 << 10;
/// Batches sent and not yet replayed.
const IN_FLIGHT: usize = 4;

/// What the reader said, in order.
enum Event {
    Start(Box<Table>),
    /// A record of table `table` (or outside any table: [`NO_TABLE`]), whose
    /// `fields` are the batch's next fields.
    Record {
        table: u32,
        fields: u32,
        row: u64,
    },
    /// Table `index` ends; its risk scanner goes with it.
    End {
        index: usize,
        risk: Option<Box<RiskScanner>>,
    },
}

/// [`Event::Record`]'s `table` for a record outside any table.
const NO_TABLE: u32 = u32::MAX;

/// Events, and the text of their records' fields end to end.
#[derive(Default)]
struct Batch {
    text: String,
    /// Where each field ends in `text` (each starts where the last ended).
    ends: Vec<usize>,
    events: Vec<Event>,
}

impl Batch {
    fn full(&self) -> bool {
        self.text.len() >= BATCH_TEXT || self.events.len() >= BATCH_EVENTS
    }

    /// Play the events into `state`, leaving the batch empty for reuse.
    fn replay(&mut self, state: &mut State) {
        let Batch { text, ends, events } = self;
        let mut fields: Vec<&str> = Vec::with_capacity(64);
        let mut ends = ends.iter();
        let mut at = 0;
        for event in events.drain(..) {
            match event {
                Event::Start(table) => state.table_start(&table),
                Event::Record {
                    table,
                    fields: n,
                    row,
                } => {
                    fields.clear();
                    for &end in ends.by_ref().take(n as usize) {
                        fields.push(text.get(at..end).unwrap_or(""));
                        at = end;
                    }
                    let table = (table != NO_TABLE).then_some(table as usize);
                    state.record(table, row, &fields);
                }
                Event::End { index, risk } => state.table_end(index, risk.map(|r| *r)),
            }
        }
        text.clear();
        self.ends.clear();
        // A batch that held a huge record (a 50 MB cell) is not kept at that
        // size for reuse.
        if self.text.capacity() > 4 * BATCH_TEXT {
            self.text = String::new();
        }
    }
}

/// The caller's half: the risk models, and the batch being filled.
pub(super) struct Front {
    risks: Risks,
    batch: Batch,
    to_worker: SyncSender<Batch>,
    spare: Receiver<Batch>,
    /// The worker is gone (it can only have panicked): what is read now is
    /// not checked.
    broken: bool,
}

impl Front {
    fn event(&mut self, event: Event) {
        self.batch.events.push(event);
        if self.batch.full() {
            self.send();
        }
    }

    /// Send the batch, and take a spare one (or a new one) to fill.
    fn send(&mut self) {
        if self.batch.events.is_empty() {
            return;
        }
        let next = self.spare.try_recv().unwrap_or_default();
        let full = std::mem::replace(&mut self.batch, next);
        if self.to_worker.send(full).is_err() {
            self.broken = true;
        }
    }
}

impl Sink for Front {
    fn table_start(&mut self, table: &Table) {
        self.risks.table_start(table);
        self.event(Event::Start(Box::new(table.clone())));
    }

    fn record(&mut self, table: Option<usize>, row: u64, fields: &[&str]) {
        self.risks.record(table, row, fields);
        let batch = &mut self.batch;
        for f in fields {
            batch.text.push_str(f);
            batch.ends.push(batch.text.len());
        }
        // Tables are counted from 0 in the file: never near `u32::MAX`.
        let table = table.map_or(NO_TABLE, |t| u32::try_from(t).unwrap_or(NO_TABLE - 1));
        let fields = u32::try_from(fields.len()).unwrap_or(u32::MAX);
        self.event(Event::Record { table, fields, row });
    }

    fn table_end(&mut self, index: usize, _last_row: u64) {
        let risk = self.risks.table_end(index).map(Box::new);
        self.event(Event::End { index, risk });
    }
}

/// A check on two threads.
pub(super) struct Pipe {
    front: Front,
    worker: JoinHandle<State>,
}

impl Pipe {
    /// Move the detector's half of `local` to a new thread; `local` back if
    /// no thread can be started.
    pub(super) fn start(local: Box<Local>) -> Result<Pipe, Box<Local>> {
        let Local { state, risks } = *local;
        let (to_worker, inbox) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
        let (give_back, spare) = mpsc::channel::<Batch>();
        // The state goes to the worker only if the thread starts: it is
        // passed through a channel the closure owns the receiving end of.
        let (hand, handed) = mpsc::channel::<State>();
        let worker = std::thread::Builder::new()
            .name("foi-check detector".into())
            .spawn(move || work(handed, inbox, give_back));
        match worker {
            Ok(worker) => {
                // The worker waits for the state before anything else; if it
                // is gone already, the join in `close` reports it.
                let _ = hand.send(state);
                Ok(Pipe {
                    front: Front {
                        risks,
                        batch: Batch::default(),
                        to_worker,
                        spare,
                        broken: false,
                    },
                    worker,
                })
            }
            Err(_) => Err(Box::new(Local { state, risks })),
        }
    }

    /// The sink the reader writes to.
    pub(super) fn front(&mut self) -> &mut Front {
        &mut self.front
    }

    /// Whether the worker has stopped before the end.
    pub(super) fn broken(&self) -> bool {
        self.front.broken
    }

    /// Send what is left, wait for the worker, and put the halves together;
    /// `Err` with an empty detector half if the worker did not finish.
    pub(super) fn close(self) -> Result<Box<Local>, Box<Local>> {
        let Pipe { mut front, worker } = self;
        front.send();
        let Front {
            risks,
            to_worker,
            broken,
            ..
        } = front;
        drop(to_worker);
        match worker.join() {
            Ok(state) if !broken => Ok(Box::new(Local { state, risks })),
            Ok(state) => Err(Box::new(Local { state, risks })),
            Err(_) => {
                let empty = Local::new(risks.options.clone(), None).state;
                Err(Box::new(Local {
                    state: empty,
                    risks,
                }))
            }
        }
    }
}

/// The worker: replay batches into the state until the caller is done.
fn work(handed: Receiver<State>, inbox: Receiver<Batch>, give_back: Sender<Batch>) -> State {
    let Ok(mut state) = handed.recv() else {
        return Local::new(crate::Options::default(), None).state;
    };
    for mut batch in inbox {
        batch.replay(&mut state);
        // The caller may be done and gone: then the batch is simply freed.
        let _ = give_back.send(batch);
    }
    state
}
