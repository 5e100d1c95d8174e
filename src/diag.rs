//! Diagnostics: what `check` prints and the board's Problems view lists.

use std::fmt;
use std::sync::Arc;

use crate::escape::escape_control;
use crate::model::Pos;

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
    /// Non-zero for the line that stands for problems past the per-file
    /// limit: how many it stands for.
    pub hidden: usize,
}

impl Diagnostic {
    pub fn error(path: &Arc<str>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.clone(),
            pos,
            severity: Severity::Error,
            message: message.into(),
            hidden: 0,
        }
    }

    pub fn warning(path: &Arc<str>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.clone(),
            pos,
            severity: Severity::Warning,
            message: message.into(),
            hidden: 0,
        }
    }

    /// The line that stands for `n` problems of `path` that are not listed,
    /// the first of them at `pos`.
    pub fn not_listed(path: &Arc<str>, pos: Pos, n: usize) -> Self {
        Diagnostic {
            hidden: n,
            ..Diagnostic::error(
                path,
                pos,
                format!(
                    "{n} more problems in this file are not listed (only the first {} are)",
                    PER_FILE - 1
                ),
            )
        }
    }

    /// How many problems this line stands for.
    pub fn count(&self) -> usize {
        self.hidden.max(1)
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

/// Problems listed for one file: past this many they are counted, not
/// listed (a hostile file cannot make `check` print millions of lines).
pub const PER_FILE: usize = 10_000;

/// Keeps the first problems of each file (they are sorted), and in place
/// of the rest one line that says how many there were: [`PER_FILE`] lines
/// at most.
pub fn cap_per_file(diags: &mut Vec<Diagnostic>) {
    let mut out = Vec::with_capacity(diags.len().min(PER_FILE * 4));
    let mut i = 0;
    while i < diags.len() {
        let path = diags[i].path.clone();
        let end = i + diags[i..].iter().take_while(|d| d.path == path).count();
        let kept = if end - i > PER_FILE {
            PER_FILE - 1
        } else {
            end - i
        };
        out.extend(diags[i..i + kept].iter().cloned());
        if end - i > kept {
            let rest = &diags[i + kept..end];
            let n = rest.iter().map(Diagnostic::count).sum();
            out.push(Diagnostic::not_listed(&path, rest[0].pos, n));
        }
        i = end;
    }
    *diags = out;
}

/// `N errors, M warnings in F files`.
pub fn summary(diags: &[Diagnostic], files: usize) -> String {
    let count = |errors: bool| {
        diags
            .iter()
            .filter(|d| d.is_error() == errors)
            .map(Diagnostic::count)
            .sum::<usize>()
    };
    let (errors, warnings) = (count(true), count(false));
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
