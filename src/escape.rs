//! Text from plans and git made safe to print: control and bidi characters
//! escaped for a terminal ([`escape_control`]) and for JSON ([`json_safe`]).

/// True for characters that must never reach a terminal from a plan file:
/// C0 and C1 controls and DEL (ESC starts every terminal escape sequence).
pub fn is_forbidden_char(c: char) -> bool {
    c.is_control()
}

/// The bidi embedding, override and isolate controls (U+202A-U+202E,
/// U+2066-U+2069): they reorder the text around them on screen ("Trojan
/// Source") and break column alignment.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// What [`escape_control`] writes out: controls and bidi controls.
pub fn needs_escape(c: char) -> bool {
    is_forbidden_char(c) || is_bidi_control(c)
}

/// The text with control characters (and bidirectional controls) written
/// as `\u{1b}` escapes: what may reach a terminal from plans and git.
pub fn escape_control(s: &str) -> String {
    let escaped = needs_escape;
    if !s.chars().any(escaped) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if escaped(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A value as the pretty JSON every `--format json` prints, with its
/// final newline, made safe by [`json_safe`].
pub fn pretty_json(value: &impl serde::Serialize) -> String {
    pretty_json_in(value, 0)
}

/// [`pretty_json`] written into a buffer of `room` bytes to start with.
pub fn pretty_json_in(value: &impl serde::Serialize, room: usize) -> String {
    let mut out = Vec::with_capacity(room);
    let mut s = match serde_json::to_writer_pretty(&mut out, value) {
        // serde_json writes UTF-8 only.
        Ok(()) => {
            String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into())
        }
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    };
    s.push('\n');
    json_safe(s)
}

/// [`pretty_json`] written to `out` as it is made (a 20,000-deliverable
/// report is 12 MB: not held whole), made safe as [`json_safe`] makes it:
/// the same bytes.
pub fn write_pretty_json(
    value: &impl serde::Serialize,
    out: impl std::io::Write,
) -> std::io::Result<()> {
    use std::io::Write;
    let mut safe = JsonSafe {
        out,
        pending: Vec::with_capacity(JsonSafe::<()>::CHUNK + 4096),
    };
    serde_json::to_writer_pretty(&mut safe, value)?;
    safe.pending.push(b'\n');
    safe.flush()
}

/// A writer that gathers JSON text and passes it on through [`json_safe`]
/// a chunk at a time. serde_json writes a string's text in pieces cut only
/// at bytes it escapes (ASCII), so what it has written ends a character.
struct JsonSafe<W> {
    out: W,
    pending: Vec<u8>,
}

impl<W> JsonSafe<W> {
    const CHUNK: usize = 1 << 16;
}

impl<W: std::io::Write> JsonSafe<W> {
    fn pass_on(&mut self) -> std::io::Result<()> {
        let text = may_hold_unsafe(&self.pending)
            .then(|| std::str::from_utf8(&self.pending).ok())
            .flatten();
        match text {
            Some(text) => self.out.write_all(json_safe(text.to_string()).as_bytes())?,
            None => self.out.write_all(&self.pending)?,
        }
        self.pending.clear();
        Ok(())
    }
}

impl<W: std::io::Write> std::io::Write for JsonSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    // serde_json writes millions of small pieces: each one is a copy into
    // the chunk, as into a `Vec`, not a trip through `write`'s loop.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.pending.extend_from_slice(buf);
        if self.pending.len() >= Self::CHUNK {
            self.pass_on()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.pass_on()?;
        self.out.flush()
    }
}

/// Whether UTF-8 text may hold DEL, a C1 control (`C2 80`-`C2 9F`) or a
/// bidi control (`E2 80 AA`-`AE`, `E2 81 A6`-`A9`): a scan for their
/// first bytes, which most text (ASCII, CJK) has few of.
fn may_hold_unsafe(b: &[u8]) -> bool {
    memchr::memchr3_iter(0x7f, 0xc2, 0xe2, b).any(|i| match b[i] {
        0x7f => true,
        0xc2 => b.get(i + 1).is_some_and(|&n| (0x80..=0x9f).contains(&n)),
        _ => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
    })
}

/// JSON text with DEL, the C1 controls and the bidi controls written as
/// `\u` escapes: serde_json escapes only C0 controls, and a JSON string may
/// hold any of these escaped with the same meaning. The JSON reads back as
/// the same values; the bytes carry nothing a terminal would act on.
pub fn json_safe(json: String) -> String {
    let unsafe_char =
        |c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c);
    if !may_hold_unsafe(json.as_bytes()) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// Written as it is made, the JSON is the same bytes as made whole:
    /// controls, bidi controls, CJK and emoji, in keys and values, in
    /// strings long enough to cross the writer's buffer.
    #[test]
    fn json_written_as_made_is_the_json_made_whole() {
        let long = "界\u{202e}x\u{7f}y\u{85}z 🚀 ".repeat(20_000);
        let value = serde_json::json!({
            "plain": "text",
            "tricky\u{202e}key": ["a\u{7f}b", "c\u{9f}d", "\u{2066}e\u{2069}", "发布日 🚀"],
            "long": long,
            "n": 3,
        });
        let mut written = Vec::new();
        write_pretty_json(&value, &mut written).expect("write");
        let whole = pretty_json(&value);
        assert_eq!(String::from_utf8(written).expect("utf-8"), whole);
        assert!(
            !whole.contains('\u{202e}') && whole.contains("\\u202e"),
            "escaped"
        );
    }

    use super::*;

    /// The byte scan finds exactly the characters json_safe escapes, alone
    /// and between others.
    #[test]
    fn the_byte_scan_finds_every_unsafe_character() {
        let unsafe_char =
            |c: char| c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) || is_bidi_control(c);
        for c in (0..=0x10ffffu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(may_hold_unsafe(alone.as_bytes()), unsafe_char(c), "{c:?}");
            let between = format!("林{c}→");
            assert_eq!(may_hold_unsafe(between.as_bytes()), unsafe_char(c), "{c:?}");
        }
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_controls() {
        let json = serde_json::to_string(&["a\u{9b}b\u{202e}c\u{7f}"]).expect("json");
        let safe = json_safe(json);
        assert_eq!(safe, "[\"a\\u009bb\\u202ec\\u007f\"]");
        let back: Vec<String> = serde_json::from_str(&safe).expect("still json");
        assert_eq!(back, ["a\u{9b}b\u{202e}c\u{7f}"]);
    }

    #[test]
    fn escapes_terminal_sequences() {
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_control("林美"), "林美");
        assert_eq!(
            escape_control("a\u{9b}b"),
            "a\\u{9b}b",
            "C1: a one-byte CSI"
        );
    }

    #[test]
    fn escapes_bidi_controls() {
        assert_eq!(escape_control("ab\u{202e}cd"), "ab\\u{202e}cd");
        assert_eq!(escape_control("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
        assert_eq!(escape_control("\u{202a}"), "\\u{202a}");
        // Escaping twice changes nothing: the escapes are plain ASCII.
        let once = escape_control("a\u{1b}\u{202d}b");
        assert_eq!(escape_control(&once), once);
        // Ordinary marks stay (U+200E is a mark, not an embedding).
        assert_eq!(escape_control("a\u{200e}b"), "a\u{200e}b");
    }
}
