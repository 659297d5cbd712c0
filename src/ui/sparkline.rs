//! A progress series in one line of text: a block per month, higher for more progress, and a
//! space for a month with no data, so a gap never reads as zero.

/// The eight heights of a block, lowest first.
const BLOCKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// One character per value: a block from 0 to 1, a space for no data.
pub fn sparkline(values: &[Option<f64>]) -> String {
    values
        .iter()
        .map(|value| match value {
            Some(v) => {
                let level = (v.clamp(0.0, 1.0) * 7.0).round() as usize;
                BLOCKS[level.min(7)]
            }
            None => ' ',
        })
        .collect()
}

/// The last `months` values of an audience's line, as a sparkline; `None` before the series is
/// computed or when the audience has no line.
pub fn of_audience(app: &crate::app::App, audience: usize, months: usize) -> Option<String> {
    let line = app.progress.as_ref()?.lines.get(audience)?;
    let from = line.values.len().saturating_sub(months);
    Some(sparkline(&line.values[from..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_spaces_and_levels_are_blocks() {
        assert_eq!(
            sparkline(&[None, Some(0.0), Some(0.5), Some(1.0), None]),
            " ▁▅█ "
        );
        assert_eq!(sparkline(&[Some(7.0), Some(-1.0)]), "█▁");
    }
}
