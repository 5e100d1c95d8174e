//! `ringboard check`: every error and warning, then the summary line.

use crate::diag;
use crate::load::Plans;

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CheckFormat {
    /// `PATH:LINE:COL: error: MESSAGE` lines and a summary line.
    #[default]
    Text,
    /// GitHub Actions annotations (`::error file=…`).
    Github,
}

/// The whole output of `check` in the given format.
pub fn render(plans: &Plans, format: CheckFormat) -> String {
    let mut out = String::new();
    for d in &plans.diagnostics {
        match format {
            CheckFormat::Text => out.push_str(&d.to_string()),
            CheckFormat::Github => out.push_str(&d.github()),
        }
        out.push('\n');
    }
    if format == CheckFormat::Text {
        out.push_str(&diag::summary(&plans.diagnostics, plans.files));
        out.push('\n');
    }
    out
}
