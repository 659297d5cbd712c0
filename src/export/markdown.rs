//! A Markdown report: a heading that says what the table is, then the table.
//!
//! Feed text is escaped so that it stays text: `|` cannot end a cell, and `[`, `]`, `<`, `>` and
//! backticks are escaped, so a feed cannot place a live link, an image or an HTML tag in a report.

use std::fmt::Write as _;

use super::Export;
use super::columns;
use super::header::{SAMPLE_LINE, timestamp};

/// The export as Markdown.
pub fn render(export: &Export<'_>) -> String {
    let meta = &export.meta;
    let mut out = String::new();
    let _ = writeln!(out, "# {}", escape(&meta.title));
    let _ = writeln!(out);
    if meta.sample {
        let _ = writeln!(out, "**{SAMPLE_LINE}**");
        let _ = writeln!(out);
    }
    // Two spaces end a line without ending the paragraph.
    let _ = writeln!(out, "Publisher: {}  ", escape(&meta.publisher));
    let _ = writeln!(out, "Statuses as of: {}  ", timestamp(meta.generated_at));
    let _ = writeln!(out, "Exported: {}  ", timestamp(meta.exported_at));
    let _ = writeln!(out, "Filters: {}  ", escape(&meta.filters_line()));
    let _ = writeln!(
        out,
        "{}",
        if meta.includes_internal {
            "Includes internal items: not for publication."
        } else {
            "Public items only."
        }
    );
    let _ = writeln!(out);
    let headings: Vec<&str> = export.columns.iter().map(|c| c.heading()).collect();
    let _ = writeln!(out, "| {} |", headings.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(export.columns.len()));
    for row in &export.rows {
        let cells: Vec<String> = export
            .columns
            .iter()
            .map(|&c| escape(&columns::text(export.feed, row, c, export.today)))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    if export.rows.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "No recommendation matches these filters.");
    }
    out
}

/// Text that Markdown shows as written: in one line, with no link, image, tag, code span or cell
/// break of its own.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '|' | '[' | ']' | '<' | '>' | '`' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_tags_code_and_cell_breaks_are_escaped() {
        assert_eq!(
            escape("[Open](https://evil.example) <img src=x> `x` a|b"),
            "\\[Open\\](https://evil.example) \\<img src=x\\> \\`x\\` a\\|b"
        );
        assert_eq!(escape("two\nlines\\"), "two lines\\\\");
    }
}
