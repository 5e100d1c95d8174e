//! Where the program is heading (docs/plan-format.md 1.1, "Forecast"): a
//! forward pass over the hand-offs, in an order where every deliverable
//! comes after what it needs, linear in deliverables plus needs. An open
//! item is at best done today; planned work is applied from when its
//! hand-offs arrive; a window is not stretched because it started late.
//!
//! For each open deliverable: its forecast, its slip past due, and the
//! need that caused the slip (the chain of causes leads to the root). For
//! each milestone: its state, forecast and chain. For each program: its
//! forecast end.
//!
//! [`pass`] computes; [`words`] says it, in the one wording every output
//! uses (report, stand-up, board, diff).

mod pass;
mod words;

pub use pass::{Forecast, Item, MilestoneForecast, MilestoneState, depends_on, work};
pub use words::{chain_words, milestone_words, root_words, slip_words, why_words};
