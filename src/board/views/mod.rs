//! One file per view. Each view is a state struct (selection, scroll) with
//! pure methods for actions, and a widget that draws borrowed data.
pub mod deliverables;
pub mod handoffs;
pub mod metrics;
pub mod problems;
pub mod rings;
pub mod timeline;
