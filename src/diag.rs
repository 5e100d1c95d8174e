//! Diagnostics: what `check` prints and the board's Problems view lists.

use std::fmt;
use std::sync::Arc;

use crate::model::Pos;
use crate::text::escape_control;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem in one plan file, at a line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the repository root, `/`-separated.
    pub path: Arc<str>,
    pub pos: Pos,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: &Arc<str>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.clone(),
            pos,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    pub fn warning(path: &Arc<str>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.clone(),
            pos,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `::error file=PATH,line=L,col=C::MESSAGE` for GitHub Actions.
    pub fn github(&self) -> String {
        // Workflow commands end at a newline; `%` must be escaped first.
        let msg = self
            .message
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A");
        let path = escape_control(&self.path)
            .replace('%', "%25")
            .replace(',', "%2C")
            .replace(':', "%3A");
        format!(
            "::{} file={},line={},col={}::{}",
            self.severity.as_str(),
            path,
            self.pos.line,
            self.pos.col,
            msg
        )
    }
}

/// `PATH:LINE:COL: error: MESSAGE`; paths are escaped so a hostile file
/// name cannot drive the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            escape_control(&self.path),
            self.pos.line,
            self.pos.col,
            self.severity.as_str(),
            self.message
        )
    }
}

/// Sorts by file, then position, errors before warnings at the same place.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (&a.path, a.pos, a.severity, &a.message).cmp(&(&b.path, b.pos, b.severity, &b.message))
    });
}

/// `N errors, M warnings in F files`.
pub fn summary(diags: &[Diagnostic], files: usize) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    format!(
        "{errors} {}, {warnings} {} in {files} {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings"),
        plural(files, "file", "files")
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}
