//! Plan reviews: what a change means (semantic diff), what it puts at risk
//! downstream (impact), and the history of any item (log).

mod change;
pub mod compare;
mod consequences;
mod diff;
pub mod forecast_moves;
pub mod history;
pub mod impact;
mod json;
pub mod log;
mod marks;
pub mod metric_history;
pub mod metric_series;
pub mod problem_changes;
pub mod reach;
mod renames;
pub mod render;
pub(crate) mod series_worker;
mod sides;
pub mod words;

pub use change::{Change, Detail, Facts, Field, Kind, MarkCounts, Value};
pub use compare::compare;
pub use consequences::{Consequences, Version, consequences, consequences_of, reaches_beyond};
pub use diff::{Comparison, DiffError, compare_revisions};
pub use log::{LogError, LogFormat};
pub use render::DiffFormat;
pub use sides::Side;
