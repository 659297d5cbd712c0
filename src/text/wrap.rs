//! Word wrapping by display width, done once so that the app (which needs to know how far a view
//! scrolls) and the renderer (which draws it) agree on every line.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Wraps `text` to lines at most `width` columns wide. Line breaks in the text are kept; words
/// longer than a line are cut.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let word_width = word.width();
            let gap = usize::from(line_width > 0);
            if line_width + gap + word_width <= width {
                if gap == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                line_width += gap + word_width;
                continue;
            }
            if line_width > 0 {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            for c in word.chars() {
                let w = c.width().unwrap_or(0);
                if line_width + w > width && line_width > 0 {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0;
                }
                line.push(c);
                line_width += w;
            }
        }
        lines.push(line);
    }
    lines
}

/// Cuts `text` to at most `width` columns, ending with `…` when anything was cut.
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Cuts `text` to at most `width` columns at a word boundary, ending with `…` when anything was
/// cut; a first word longer than the room is cut inside, as [`fit`] does.
pub fn fit_words(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let cut = fit(text, width);
    let kept = cut.trim_end_matches('…');
    // The cut fell between two words already.
    if text[kept.len()..].starts_with([' ', ',']) {
        return format!("{}…", kept.trim_end_matches([' ', ',']));
    }
    match kept.rfind([' ', ',']) {
        Some(at) if at > 0 => format!("{}…", kept[..at].trim_end_matches([' ', ','])),
        _ => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_on_words_and_keeps_line_breaks() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn cuts_words_longer_than_a_line() {
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
    }

    #[test]
    fn wide_characters_count_double() {
        assert_eq!(wrap("日本語", 4), ["日本", "語"]);
        assert_eq!(fit("日本語", 5), "日本…");
    }

    #[test]
    fn fit_words_cuts_between_words() {
        let owners = "Ministry of Interior, National Statistics Office";
        assert_eq!(fit_words(owners, 31), "Ministry of Interior, National…");
        assert_eq!(fit_words(owners, 30), "Ministry of Interior…");
        assert_eq!(fit_words(owners, 25), "Ministry of Interior…");
        assert_eq!(fit_words(owners, 100), owners);
        assert_eq!(fit_words("Supercalifragilistic", 6), "Super…");
    }

    #[test]
    fn fit_leaves_short_text_alone() {
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("longer text", 6), "longe…");
        assert_eq!(fit("x", 0), "");
    }
}
