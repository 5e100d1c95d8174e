//! The files other tools read, in one home: a spreadsheet (CSV, for
//! `report --format csv`) and a calendar (iCalendar, for `export ics`).
//! Each format is a trait, what an export gives that format's writer
//! ([`Csv`], [`Ics`]); the format's own rules (quoting, the byte-order
//! mark, folding, escaping) are written once, in its module.

pub(crate) mod csv;
mod deadlines;
pub mod ics;

pub use csv::Csv;
pub use deadlines::{IcsOptions, render as render_ics};
pub use ics::Ics;
