//! One audience pane: which recommendations it lists, which is selected, where it is scrolled.

/// The rows of one pane and the position in them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PaneState {
    /// Every recommendation of the audience, as indexes into the feed, in sort order.
    pub order: Vec<usize>,
    /// The ones the filters let through, in display order.
    pub rows: Vec<usize>,
    /// The selected row (an index into `rows`); 0 when the pane is empty.
    pub selected: usize,
    /// The first row on screen.
    pub offset: usize,
}

impl PaneState {
    /// The feed index of the selected recommendation.
    pub fn selected_record(&self) -> Option<usize> {
        self.rows.get(self.selected).copied()
    }

    /// Moves the selection by `delta` rows, stopping at either end.
    pub fn move_by(&mut self, delta: isize, visible: usize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.scroll_into_view(visible);
    }

    /// Selects a row, stopping at the last one.
    pub fn select(&mut self, row: usize, visible: usize) {
        self.selected = row.min(self.rows.len().saturating_sub(1));
        self.scroll_into_view(visible);
    }

    /// Scrolls as little as needed to keep the selection on screen, and never past the end.
    pub fn scroll_into_view(&mut self, visible: usize) {
        if visible == 0 {
            return;
        }
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        let max_offset = self.rows.len().saturating_sub(visible);
        self.offset = self.offset.min(max_offset);
    }

    /// The rows on screen: their position in `rows` and their feed index.
    pub fn visible(&self, visible: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.rows
            .iter()
            .copied()
            .enumerate()
            .skip(self.offset)
            .take(visible)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pane(rows: usize) -> PaneState {
        PaneState {
            rows: (0..rows).collect(),
            ..PaneState::default()
        }
    }

    #[test]
    fn moving_stops_at_both_ends() {
        let mut p = pane(3);
        p.move_by(-1, 10);
        assert_eq!(p.selected, 0);
        p.move_by(10, 10);
        assert_eq!(p.selected, 2);
    }

    #[test]
    fn scrolling_follows_the_selection() {
        let mut p = pane(100);
        p.move_by(12, 10);
        assert_eq!((p.selected, p.offset), (12, 3));
        p.move_by(-5, 10);
        assert_eq!((p.selected, p.offset), (7, 3));
        p.move_by(-5, 10);
        assert_eq!((p.selected, p.offset), (2, 2));
        let shown: Vec<usize> = p.visible(10).map(|(row, _)| row).collect();
        assert_eq!(shown, (2..12).collect::<Vec<_>>());
    }

    #[test]
    fn an_empty_pane_has_no_selection() {
        let mut p = pane(0);
        p.move_by(1, 10);
        assert_eq!(p.selected_record(), None);
    }
}
