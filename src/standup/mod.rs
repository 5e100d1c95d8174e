//! The daily stand-up display (issue 5).
pub mod changes;
pub mod cli;
pub mod page;
pub mod render;
pub mod schedule;
pub mod screen;
pub mod since;
pub mod source;
pub mod state;
