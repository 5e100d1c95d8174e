//! One file per view: a small state struct with pure methods for actions,
//! and a `draw` function that only reads. [`View`] names the views and
//! says which actions each one takes. The panes over a view (help,
//! details, dialogs) are in [`super::overlays`].
pub mod changes;
pub mod deliverables;
pub mod handoffs;
pub mod metrics;
pub mod mywork;
pub mod problems;
pub mod rings;
pub mod timeline;

pub use super::action::{Topic, View};
