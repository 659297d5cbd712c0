//! The edit form, drawn over the screen: one row per field, the note several rows tall, what is
//! wrong with a field on the row under it, and the keys at the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::theme::ColourTheme;
use crate::app::App;
use crate::app::form::{EditForm, Field};
use crate::model::Priority;
use crate::text::{fit, wrap};

/// Columns taken by the labels.
const LABEL: u16 = 17;

/// Rows the note takes when the screen has room.
const NOTE_ROWS: u16 = 4;

/// Draws the form in the middle of the screen.
pub fn render(app: &App, form: &EditForm, theme: &ColourTheme, frame: &mut Frame) {
    let errors = Field::ALL
        .iter()
        .filter(|f| form.error(**f).is_some())
        .count();
    let area = crate::layout::centred(frame.area(), 78, frame.area().height);
    let (message, style) = status_line(form, theme);
    let message = wrap(&message, usize::from(area.width.saturating_sub(2)).max(1));
    let footer = message.len() as u16 + 1;
    // One row per field, the note as tall as the screen allows, up to NOTE_ROWS.
    let others = Field::ALL.len() as u16 - 1 + errors as u16 + footer + 2;
    let note_rows = area.height.saturating_sub(others).clamp(1, NOTE_ROWS);
    let area = crate::layout::centred(frame.area(), 78, others + note_rows);
    let title = match app
        .feed
        .as_ref()
        .and_then(|f| f.recommendations.iter().find(|r| r.id == form.id))
    {
        Some(rec) => format!(" Assess {}: {} ", rec.id.0, rec.title),
        None => format!(" Assess {} ", form.id.0),
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(
            fit(&title, usize::from(area.width.saturating_sub(4))),
            theme.accent,
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);

    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for field in Field::ALL {
        let height = if field == Field::Note { note_rows } else { 1 };
        if y + height > bottom.saturating_sub(footer) {
            break;
        }
        let row = Rect::new(inner.x, y, inner.width, height);
        draw_field(form, field, theme, frame, row);
        y += height;
        if let Some(error) = form.error(field) {
            let line = Line::styled(
                format!("{:w$}{error}", "", w = usize::from(LABEL)),
                theme.warning,
            );
            frame.render_widget(Paragraph::new(line), Rect::new(inner.x, y, inner.width, 1));
            y += 1;
        }
    }
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = message
        .into_iter()
        .map(|line| Line::styled(line, style))
        .collect();
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(
            inner.x,
            bottom.saturating_sub(footer),
            inner.width,
            footer - 1,
        ),
    );
    let keys = "Tab/Shift-Tab field · ↑/↓ choose · Ctrl-s save · Esc leave";
    frame.render_widget(
        Paragraph::new(Line::styled(fit(keys, width), theme.dim)),
        Rect::new(inner.x, bottom.saturating_sub(1), inner.width, 1),
    );
}

/// The line above the keys: the question before leaving, the save's outcome, or a hint.
fn status_line(form: &EditForm, theme: &ColourTheme) -> (String, Style) {
    if form.confirm_discard {
        ("Discard your changes? y/n".into(), theme.warning)
    } else if form.saving {
        ("Saving...".into(), theme.dim)
    } else if let Some(message) = &form.message {
        (message.clone(), theme.warning)
    } else if !form.errors.is_empty() {
        (
            "Not saved: see the fields marked above.".into(),
            theme.warning,
        )
    } else {
        (
            "A history entry records the date, status, note and author.".into(),
            theme.dim,
        )
    }
}

fn draw_field(form: &EditForm, field: Field, theme: &ColourTheme, frame: &mut Frame, row: Rect) {
    let focused = form.field == field;
    let marker = if focused { "› " } else { "  " };
    let label_style = if focused {
        theme.accent.add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let label = Line::styled(format!("{marker}{}", field.label()), label_style);
    frame.render_widget(
        Paragraph::new(label),
        Rect::new(row.x, row.y, LABEL.min(row.width), 1),
    );
    let value = Rect::new(
        row.x + LABEL.min(row.width),
        row.y,
        row.width.saturating_sub(LABEL),
        row.height,
    );
    match form.text(field) {
        Some(area) => {
            let area = styled(area, field, focused, theme);
            frame.render_widget(&area, value);
        }
        None => {
            let line = choice(form, field, focused, theme);
            frame.render_widget(Paragraph::new(line), value);
        }
    }
}

/// A copy of a field's editor styled for drawing: the cursor shows only in the focused field.
fn styled(
    area: &TextArea<'static>,
    field: Field,
    focused: bool,
    theme: &ColourTheme,
) -> TextArea<'static> {
    let mut area = area.clone();
    let base = Style::new();
    area.set_style(base);
    area.set_cursor_line_style(Style::new());
    area.set_cursor_style(if focused {
        base.add_modifier(Modifier::REVERSED)
    } else {
        base
    });
    area.set_placeholder_style(theme.dim);
    area.set_placeholder_text(match field {
        Field::Note => "why: what was done, by whom, what is missing",
        Field::Date | Field::Due => "YYYY-MM-DD",
        Field::EvidenceUrl => "https://... (optional)",
        Field::EvidenceTitle => "what the document is (optional)",
        Field::Owners => "names, separated by commas",
        _ => "",
    });
    area
}

/// The value of a field chosen with Up/Down.
fn choice(form: &EditForm, field: Field, focused: bool, theme: &ColourTheme) -> Line<'static> {
    let (text, style) = match field {
        Field::Status => (form.status.to_string(), theme.status_style(&form.status)),
        Field::Priority => (
            form.priority.map_or("not set", Priority::word).to_owned(),
            Style::new(),
        ),
        _ if form.internal => (
            "internal: staff only, never on the wall".to_owned(),
            theme.internal,
        ),
        _ => ("public".to_owned(), Style::new()),
    };
    let mut spans = vec![Span::styled(text, style)];
    if focused {
        spans.push(Span::styled("  ↑/↓ to change", theme.dim));
    }
    Line::from(spans)
}
