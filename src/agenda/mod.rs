//! `ringboard agenda`: what needs attention now, across all programs. Open
//! deliverables that are late or due within N days (N = 7 by default: the
//! days from today to today + N − 1, as "due soon" counts them), grouped
//! by due date with the late ones first; each with its program, owner,
//! status, marks and the open hand-offs it waits on (with their owners).
//! For one person: only their deliverables, then what others wait on from
//! them.

mod build;
mod render;

pub use build::{
    Agenda, AgendaFormat, AgendaOptions, Entry, Group, Waiting, Work, agenda, work_of,
};
pub use render::render;
