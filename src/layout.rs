//! Screen geometry, shared by the app (to know how many rows a pane shows, where a click lands)
//! and the renderer (to draw there). Pure arithmetic on the terminal size.
//!
//! ```text
//! wide (>= 100 columns)                     narrow
//! +--------------------------------------+  +---------------------------+
//! | header: title, counts, feed state    |  | header                    |
//! +------------+------------+------------+  | tabs: LP  CSO  IO  DF  MR |
//! | pane 1     | pane 2     | pane 3     |  +---------------------------+
//! +------------+---+--------+------------+  | the focused pane          |
//! | pane 4         | pane 5              |  |                           |
//! +----------------+---------------------+  +---------------------------+
//! | footer: selection, keys, checked     |  | footer                    |
//! +--------------------------------------+  +---------------------------+
//! ```

use ratatui::layout::{Position, Rect};

/// Below this many columns the console asks for a larger terminal.
pub const MIN_WIDTH: u16 = 60;
/// Below this many rows the console asks for a larger terminal.
pub const MIN_HEIGHT: u16 = 15;
/// From this many columns all panes are shown at once.
pub const WIDE_WIDTH: u16 = 100;
/// Rows of the header.
pub const HEADER_HEIGHT: u16 = 4;
/// Rows of the footer.
pub const FOOTER_HEIGHT: u16 = 2;
/// The fewest rows a pane may have (borders included) in the grid; fewer means tabs.
const MIN_PANE_HEIGHT: u16 = 6;
/// The most panes in one row of the grid.
const MAX_PER_ROW: usize = 3;

/// Where each part of the main screen goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MainLayout {
    /// Title, counts and feed state.
    pub header: Rect,
    /// Audience tabs, in the narrow layout only.
    pub tabs: Option<Rect>,
    /// One entry per audience: its pane, or `None` when it is not on screen (narrow layout).
    pub panes: Vec<Option<Rect>>,
    /// The selection summary and key hints.
    pub footer: Rect,
}

impl MainLayout {
    /// Rows of recommendations the pane of `audience` shows (0 when it is not on screen).
    pub fn visible_rows(&self, audience: usize) -> usize {
        self.panes
            .get(audience)
            .copied()
            .flatten()
            .map_or(0, |r| r.height.saturating_sub(2) as usize)
    }

    /// The audience whose pane holds this cell, and the row index within the visible rows.
    pub fn hit(&self, column: u16, row: u16) -> Option<(usize, Option<usize>)> {
        let position = Position::new(column, row);
        self.panes.iter().enumerate().find_map(|(i, pane)| {
            let pane = (*pane)?;
            if !pane.contains(position) {
                return None;
            }
            let inner_row = row.checked_sub(pane.y + 1).filter(|&r| r + 2 < pane.height);
            Some((i, inner_row.map(usize::from)))
        })
    }
}

/// True when the terminal is too small for the main screen.
pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Lays out the main screen for `audiences` panes with `focus` the focused one.
pub fn main(area: Rect, audiences: usize, focus: usize) -> MainLayout {
    let header = Rect::new(area.x, area.y, area.width, HEADER_HEIGHT.min(area.height));
    let footer_height = FOOTER_HEIGHT.min(area.height.saturating_sub(header.height));
    let footer = Rect::new(
        area.x,
        area.bottom().saturating_sub(footer_height),
        area.width,
        footer_height,
    );
    let body = Rect::new(
        area.x,
        header.bottom(),
        area.width,
        footer.y.saturating_sub(header.bottom()),
    );
    if let Some(panes) = grid(body, audiences) {
        return MainLayout {
            header,
            tabs: None,
            panes,
            footer,
        };
    }
    let tabs = Rect::new(body.x, body.y, body.width, 1.min(body.height));
    let pane = Rect::new(
        body.x,
        tabs.bottom(),
        body.width,
        body.height.saturating_sub(tabs.height),
    );
    MainLayout {
        header,
        tabs: Some(tabs),
        panes: (0..audiences)
            .map(|i| (i == focus).then_some(pane))
            .collect(),
        footer,
    }
}

/// The help overlay's box for `lines` lines of help, centred.
pub fn help(area: Rect, lines: usize) -> Rect {
    // The text is at most HELP_WIDTH (60) columns, with a border and a column of space each side.
    let height = u16::try_from(lines + 2).unwrap_or(u16::MAX);
    centred(area, 64, height)
}

/// A box of at most `width` x `height` cells in the middle of `area`.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The detail view's box: the whole space between header and footer.
pub fn detail(area: Rect) -> Rect {
    let top = HEADER_HEIGHT.min(area.height);
    let bottom = FOOTER_HEIGHT.min(area.height.saturating_sub(top));
    Rect::new(
        area.x,
        area.y + top,
        area.width,
        area.height.saturating_sub(top + bottom),
    )
}

/// Inside the detail box: borders and one column of padding each side taken off.
pub fn detail_inner(area: Rect) -> Rect {
    let outer = detail(area);
    Rect::new(
        outer.x + 2.min(outer.width),
        outer.y + 1.min(outer.height),
        outer.width.saturating_sub(4),
        outer.height.saturating_sub(2),
    )
}

/// All panes at once, in rows of up to three, or `None` when they do not fit.
fn grid(body: Rect, audiences: usize) -> Option<Vec<Option<Rect>>> {
    if body.width < WIDE_WIDTH || audiences == 0 {
        return None;
    }
    let rows = audiences.div_ceil(MAX_PER_ROW);
    let per_row = audiences.div_ceil(rows);
    let row_heights = split(body.height, rows);
    if row_heights.iter().any(|&h| h < MIN_PANE_HEIGHT) {
        return None;
    }
    let mut panes = Vec::with_capacity(audiences);
    let mut y = body.y;
    for (row, &height) in row_heights.iter().enumerate() {
        let in_row = per_row.min(audiences - row * per_row);
        let mut x = body.x;
        for width in split(body.width, in_row) {
            panes.push(Some(Rect::new(x, y, width, height)));
            x += width;
        }
        y += height;
    }
    Some(panes)
}

/// Splits `total` cells into `parts` nearly equal lengths, the first ones taking the remainder.
fn split(total: u16, parts: usize) -> Vec<u16> {
    let parts = parts.max(1) as u16;
    let base = total / parts;
    let extra = total % parts;
    (0..parts).map(|i| base + u16::from(i < extra)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_audiences_at_120_columns_make_a_three_and_two_grid() {
        let layout = main(Rect::new(0, 0, 120, 40), 5, 0);
        assert!(layout.tabs.is_none());
        let panes: Vec<Rect> = layout.panes.iter().map(|p| p.expect("all shown")).collect();
        assert_eq!(panes[0].y, panes[2].y);
        assert_eq!(panes[3].y, panes[4].y);
        assert!(panes[3].y > panes[0].y);
        assert_eq!(panes.iter().take(3).map(|p| p.width).sum::<u16>(), 120);
        assert_eq!(panes.iter().skip(3).map(|p| p.width).sum::<u16>(), 120);
    }

    #[test]
    fn narrow_terminals_show_one_pane_with_tabs() {
        let layout = main(Rect::new(0, 0, 80, 24), 5, 2);
        assert!(layout.tabs.is_some());
        assert_eq!(layout.panes.iter().filter(|p| p.is_some()).count(), 1);
        assert!(layout.panes[2].is_some());
    }

    #[test]
    fn hit_finds_the_pane_and_row_under_a_click() {
        let layout = main(Rect::new(0, 0, 120, 40), 5, 0);
        let pane = layout.panes[1].expect("shown");
        assert_eq!(layout.hit(pane.x + 3, pane.y + 1), Some((1, Some(0))));
        assert_eq!(layout.hit(pane.x + 3, pane.y), Some((1, None)));
        assert_eq!(layout.hit(0, 0), None);
    }

    #[test]
    fn no_size_is_too_small_to_lay_out() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (100, 6), (300, 100)] {
            let layout = main(Rect::new(0, 0, w, h), 5, 4);
            assert_eq!(layout.panes.len(), 5);
        }
    }
}
