//! # foi-check
//!
//! Checks the CSV files of a Freedom of Information response for rows that
//! identify a member of staff or anyone else, and says why, before the file
//! is published. Bytes in, a [`Report`] out: the core does no I/O.
//!
//! ```
//! use foi_check::{check_bytes, Kind, Options};
//! let csv = b"Surname,Initial,Rank,Station\nMORGAN,J,Inspector,Lisburn\n";
//! let report = check_bytes("staff.csv", csv, &Options::default());
//! println!("{} of {} rows flagged", report.summary.rows_flagged, report.rows_checked);
//! ```
//!
//! The pipeline: [`read`] turns bytes into records and finds the tables in
//! them; [`detect`] classifies cells with the [`rules`] tables, folds them into
//! column classifications and judges each row; [`check`] puts it together
//! into a [`Report`].
#![deny(missing_docs)]

pub mod check;
pub mod detect;
pub mod error;
pub mod options;
pub mod profile;
pub mod read;
pub mod record;
pub mod redact;
pub mod report;
pub mod risk;
pub mod rules;
mod shortkey;
#[cfg(any(test, target_arch = "wasm32"))]
mod testgen;
pub mod text;
pub mod workbook;
pub mod write;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use check::{check_bytes, Checker, Threads};
pub use error::{Error, ErrorKind};
pub use options::Options;
pub use report::{
    Advice, ColumnClass, ColumnReport, Kind, Problem, Reason, ReasonRef, Reasons, Report,
    RowFinding, Summary,
};
