//! A centred box drawn over the screen, for the help and the menus.

use ratatui::layout::Rect;

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
