//! Exports to the tools people already work in: an iCalendar feed of
//! deadlines and milestones (`ringboard export ics`). The spreadsheet export
//! is a report format (`report --format csv`, [`crate::report`]).

pub mod ics;

pub use ics::{IcsOptions, render as render_ics};
