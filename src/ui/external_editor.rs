//! The editor key: `$VISUAL` (or `$EDITOR`) at a plan file's line. The
//! command is split into words (`code --wait` works; no shell is run), and
//! the line is passed the way the editor takes it: `+LINE FILE` for the
//! vi, Emacs and nano families, `FILE:LINE` for those that read that form.
//! The event loop suspends the terminal around it ([`crate::terminal`]).

use std::path::Path;

/// Editors that open `FILE:LINE`.
const COLON_LINE: [&str; 6] = ["hx", "helix", "subl", "sublime_text", "zed", "zeditor"];
/// Editors that open `--goto FILE:LINE` (and need `--wait` to block).
const GOTO: [&str; 5] = ["code", "code-insiders", "codium", "vscodium", "cursor"];

/// The program and its arguments that open `file` at `line`; `None` when
/// the editor setting is blank.
pub(super) fn command(editor: &str, file: &Path, line: u32) -> Option<(String, Vec<String>)> {
    let mut words = editor.split_whitespace().map(str::to_string);
    let program = words.next()?;
    let mut args: Vec<String> = words.collect();
    let name = Path::new(&program)
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let file = file.display().to_string();
    if GOTO.contains(&name.as_str()) {
        if !args.iter().any(|a| a == "--wait" || a == "-w") {
            args.push("--wait".to_string());
        }
        args.extend(["--goto".to_string(), format!("{file}:{line}")]);
    } else if COLON_LINE.contains(&name.as_str()) {
        args.push(format!("{file}:{line}"));
    } else {
        args.extend([format!("+{line}"), file]);
    }
    Some((program, args))
}

/// Runs the editor and waits for it: `Ok` with what ran, or why it did
/// not start or failed.
pub(super) fn run(editor: &str, file: &Path, line: u32) -> Result<String, String> {
    let Some((program, args)) = command(editor, file, line) else {
        return Err("$VISUAL / $EDITOR is blank".to_string());
    };
    let shown = format!("{program} {}", args.join(" "));
    match std::process::Command::new(&program).args(&args).status() {
        Ok(status) if status.success() => Ok(shown),
        Ok(status) => Err(format!("{shown} ended with {status}")),
        Err(e) => Err(format!("could not start {program}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(editor: &str) -> Vec<String> {
        let (program, args) = command(editor, Path::new("/r/boards/a.toml"), 12).unwrap();
        std::iter::once(program).chain(args).collect()
    }

    #[test]
    fn passes_the_line_as_each_editor_takes_it() {
        assert_eq!(cmd("vim"), ["vim", "+12", "/r/boards/a.toml"]);
        assert_eq!(
            cmd("emacsclient -t"),
            ["emacsclient", "-t", "+12", "/r/boards/a.toml"]
        );
        assert_eq!(cmd("/usr/bin/hx"), ["/usr/bin/hx", "/r/boards/a.toml:12"]);
        assert_eq!(
            cmd("code"),
            ["code", "--wait", "--goto", "/r/boards/a.toml:12"]
        );
        assert_eq!(
            cmd("code -w"),
            ["code", "-w", "--goto", "/r/boards/a.toml:12"]
        );
        assert_eq!(command("  ", Path::new("a"), 1), None);
    }
}
