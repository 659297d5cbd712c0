//! The progress screen: each audience's progress at the end of each month, as a line chart with
//! dates along the bottom (one line, colour and marker per audience), and the figures below.
//! A month with no data is a gap in the line and an empty cell, never a zero.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Borders, Chart, Dataset, GraphType, Paragraph};

use super::theme::ColourTheme;
use crate::app::App;
use crate::model::progress_series::ProgressSeries;

/// One marker and colour per audience; the marker tells the lines apart without colour.
const MARKERS: [char; 6] = ['●', '■', '▲', '◆', '×', '+'];
const COLOURS: [Color; 6] = [
    Color::Cyan,
    Color::Yellow,
    Color::Magenta,
    Color::Green,
    Color::LightBlue,
    Color::LightRed,
];

/// Draws the progress screen into `area`.
pub fn render(app: &App, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.dim)
        .title(Span::styled(" Progress over time ", theme.accent));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(series) = &app.progress else {
        frame.render_widget(
            Paragraph::new(Line::styled(" Working out the figures…", theme.dim)),
            inner,
        );
        return;
    };
    let table_height = (series.lines.len() as u16 + 2).min(inner.height / 2);
    let [chart_area, table_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(table_height)]).areas(inner);
    chart(series, theme, frame, chart_area);
    table(series, theme, frame, table_area);
}

fn style_of(i: usize, theme: &ColourTheme) -> Style {
    // The mono theme has no colours: its lines differ by marker alone.
    if theme.accent.fg.is_none() {
        Style::default()
    } else {
        Style::default().fg(COLOURS[i % COLOURS.len()])
    }
}

fn chart(series: &ProgressSeries, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    // Each unbroken run of months is its own line, so a gap stays a gap.
    let runs: Vec<(usize, Vec<(f64, f64)>)> = series
        .lines
        .iter()
        .enumerate()
        .flat_map(|(i, line)| {
            let mut runs = vec![(i, Vec::new())];
            for (m, value) in line.values.iter().enumerate() {
                match value {
                    Some(v) => runs.last_mut().map(|r| r.1.push((m as f64, v * 100.0))),
                    None => {
                        runs.push((i, Vec::new()));
                        None
                    }
                };
            }
            runs.into_iter().filter(|r| !r.1.is_empty())
        })
        .collect();
    let mut named = vec![false; series.lines.len()];
    let datasets: Vec<Dataset<'_>> = runs
        .iter()
        .map(|(i, points)| {
            let mut set = Dataset::default()
                .marker(Marker::Custom(MARKERS[i % MARKERS.len()]))
                .graph_type(if points.len() > 1 {
                    GraphType::Line
                } else {
                    GraphType::Scatter
                })
                .style(style_of(*i, theme))
                .data(points);
            if !named[*i] {
                named[*i] = true;
                let name = format!("{} {}", MARKERS[i % MARKERS.len()], series.lines[*i].name);
                set = set.name(name);
            }
            set
        })
        .collect();
    let last = series.months.len().saturating_sub(1);
    let label = |m: usize| {
        series
            .months
            .get(m)
            .map_or_else(String::new, |d| d.format("%b %Y").to_string())
    };
    let x_labels = vec![
        Span::raw(label(0)),
        Span::raw(label(last / 2)),
        Span::raw(label(last)),
    ];
    let chart = Chart::new(datasets)
        .x_axis(
            Axis::default()
                .bounds([0.0, last.max(1) as f64])
                .labels(x_labels)
                .style(theme.dim),
        )
        .y_axis(
            Axis::default()
                .bounds([0.0, 100.0])
                .labels(vec![Span::raw("0%"), Span::raw("50%"), Span::raw("100%")])
                .style(theme.dim),
        );
    frame.render_widget(chart, area);
}

fn table(series: &ProgressSeries, theme: &ColourTheme, frame: &mut Frame, area: Rect) {
    const NAME: usize = 30;
    const CELL: usize = 9;
    let room = usize::from(area.width).saturating_sub(NAME + 2) / CELL;
    let shown = room.min(series.months.len());
    let first = series.months.len() - shown;
    let mut lines = vec![Line::styled(
        format!(
            " {:<NAME$}{}",
            "",
            series.months[first..]
                .iter()
                .map(|m| format!("{:>CELL$}", m.format("%b %y").to_string()))
                .collect::<String>()
        ),
        theme.dim,
    )];
    for (i, line) in series.lines.iter().enumerate() {
        let mut name: String = format!("{} {}", MARKERS[i % MARKERS.len()], line.name);
        if name.chars().count() > NAME - 1 {
            name = name.chars().take(NAME - 2).collect::<String>() + "…";
        }
        let cells: String = line.values[first..]
            .iter()
            .map(|v| match v {
                Some(v) => format!("{:>width$}", format!("{:.0}%", v * 100.0), width = CELL),
                None => format!("{:>CELL$}", "–"),
            })
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!(" {name:<NAME$}"), style_of(i, theme)),
            Span::raw(cells),
        ]));
    }
    lines.push(Line::styled(
        " implemented 1, partially implemented ½, not applicable left out · – no data",
        theme.dim,
    ));
    frame.render_widget(Paragraph::new(lines), area);
}
