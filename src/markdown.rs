//! Plan text inside markdown for chat and pull requests: escaped only where
//! markdown (CommonMark with GitHub's extensions) would read it as markup,
//! so a title reads the same in a chat that shows backslashes literally.
//!
//! Where the text goes decides what matters:
//!
//! - [`inline`], running text after some markup on the same line (`- `,
//!   `**`, `Source: `): emphasis (`*` always, `_` and `~` unless between
//!   letters or digits), code spans (`` ` ``), raw HTML and autolinks (`<`
//!   before a letter, `/`, `!` or `?`), links and images (a `]` right before
//!   `(`: without it no `[…](…)` or `![…](…)` forms), entity references
//!   (`&amp;`), math (`$` before a non-space), and a backslash that would
//!   escape what follows. `@name` mentions are broken with a word joiner
//!   (U+2060) after the `@`, so plan text cannot notify anyone.
//! - [`cell`]: as running text, and `|` ends a table cell.
//! - [`code`]: a code span, whatever backticks the text holds.
//!
//! Plan text never starts or ends a line in ringboard's markdown (it is one
//! line, placed after a list marker, a label or `**`, and a heading's text
//! is followed by its id), so the line-start markers (`#`, `>`, `-`, `+`,
//! `1.`, indentation) and a heading's closing `#`s are not touched: `>` and
//! `#` mid-line are plain characters.

/// The word joiner: invisible, and it keeps `@` from starting a mention.
const WORD_JOINER: char = '\u{2060}';

/// Running text, after some markup on the same line.
pub(crate) fn inline(text: &str) -> String {
    escape(text, false)
}

/// A table cell: running text in which `|` also ends the cell.
pub(crate) fn cell(text: &str) -> String {
    escape(text, true)
}

/// A code span around any text: the fence is longer than any run of
/// backticks inside (a program id is a file name, and may hold one).
pub(crate) fn code(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

fn escape(text: &str, in_cell: bool) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let escape = match c {
            '*' | '`' => true,
            // Intraword `_` never emphasises; `~` strikes through intraword.
            '_' => !(word(prev) && word(next)),
            '~' => true,
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            ']' => next == Some('('),
            '&' => starts_entity(&chars[i + 1..]),
            '$' => next.is_some_and(|n| !n.is_whitespace()),
            '|' => in_cell,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        // A mention starts at `@` after a non-word character.
        if c == '@' && !word(prev) && word(next) {
            out.push(WORD_JOINER);
        }
    }
    out
}

/// `amp;`, `#123;` or `#x1F;` after a `&`: an entity or character reference.
fn starts_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_and_punctuation_that_markdown_ignores_stay_as_they_are() {
        for s in [
            "Launch email copy",
            "春季新品发布 Spring launch",
            "Q1 | Q2 plan",
            "#1 priority",
            "> 1,200 MQLs",
            "- draft - review",
            "1. brief",
            "email_copy and snake_case_ids",
            "a → b (+7 days)",
            "R&D, 5 < 6, [draft]",
            "mei@example.com",
            "C#",
            "$ 5",
        ] {
            assert_eq!(inline(s), s, "{s}");
        }
    }

    #[test]
    fn emphasis_code_and_strikethrough() {
        assert_eq!(inline("*new* `code`"), "\\*new\\* \\`code\\`");
        assert_eq!(inline("_init_ x_"), "\\_init\\_ x\\_");
        assert_eq!(inline("~~gone~~"), "\\~\\~gone\\~\\~");
    }

    #[test]
    fn html_links_images_entities_and_math() {
        assert_eq!(inline("<b>hi</b>"), "\\<b>hi\\</b>");
        assert_eq!(inline("<!-- x -->"), "\\<!-- x -->");
        assert_eq!(inline("<https://x.io>"), "\\<https://x.io>");
        assert_eq!(inline("[click](https://x.io)"), "[click\\](https://x.io)");
        assert_eq!(inline("![img](a.png)"), "![img\\](a.png)");
        assert_eq!(inline("&copy; &#169; &#xA9;"), "\\&copy; \\&#169; \\&#xA9;");
        assert_eq!(inline("$5k–$10k"), "\\$5k–\\$10k");
    }

    #[test]
    fn a_backslash_is_doubled_only_where_it_would_escape() {
        assert_eq!(inline("C:\\plans\\x"), "C:\\plans\\x");
        assert_eq!(inline("a\\*b"), "a\\\\\\*b");
        assert_eq!(inline("end\\"), "end\\\\");
    }

    #[test]
    fn mentions_are_broken_email_addresses_are_not() {
        let wj = WORD_JOINER;
        assert_eq!(inline("ask @mei"), format!("ask @{wj}mei"));
        assert_eq!(inline("@here"), format!("@{wj}here"));
        assert_eq!(inline("(@channel)"), format!("(@{wj}channel)"));
        assert_eq!(inline("mei@example.com"), "mei@example.com");
        assert_eq!(inline("main @ 3f2a9c1"), "main @ 3f2a9c1");
    }

    #[test]
    fn a_pipe_is_escaped_only_in_a_cell() {
        assert_eq!(inline("Q1 | Q2"), "Q1 | Q2");
        assert_eq!(cell("Q1 | Q2"), "Q1 \\| Q2");
        assert_eq!(cell("*x*"), "\\*x\\*");
    }

    #[test]
    fn a_code_span_holds_any_backticks() {
        assert_eq!(code("spring/copy"), "`spring/copy`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
    }
}
