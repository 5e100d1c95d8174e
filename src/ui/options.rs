//! What the board is started with, decided before the terminal is touched.

use jiff::civil::Date;

use crate::load::LoadOptions;
use crate::me::MeInputs;

/// What the board shows, and how.
#[derive(Clone, Debug)]
pub struct BoardOptions {
    pub load: LoadOptions,
    pub today: Date,
    pub color: bool,
    /// Review mode: every change against this revision is marked.
    pub base: Option<String>,
    /// Who is using the board (`--me`, `RINGBOARD_ME`; git's `user.email`
    /// is looked up when neither names someone and it is not given).
    pub me: MeInputs,
    /// `$VISUAL` or `$EDITOR`, for the editor key.
    pub editor: Option<String>,
}
