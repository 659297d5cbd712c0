//! Which way a status moved: the one rule the console, the wall screen, the detail view, `check`,
//! exports and reports all use.
//!
//! Progress has one order: no action < in progress < partially implemented < implemented. A move
//! up that order is progress (▲), a move down is a regression (▼). A first assessment (from not
//! assessed), a withdrawn assessment (back to not assessed) and a change of scope (to or from not
//! applicable) have their own words and count as neither: a finding that nothing was done is not
//! progress, and a recommendation found not to apply is not a regression.

use super::Status;

/// Which way a status moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Up the order of progress, such as in progress to implemented.
    Forward,
    /// Down the order of progress: a regression, such as implemented to partially implemented.
    Backward,
    /// From not assessed to any assessment.
    FirstAssessed,
    /// From an assessment back to not assessed.
    Withdrawn,
    /// To or from not applicable.
    Rescoped,
    /// To or from a status this build does not know.
    Changed,
}

impl Direction {
    /// Every direction, in the order a legend or a report lists them.
    pub const ALL: [Direction; 6] = [
        Direction::Forward,
        Direction::Backward,
        Direction::FirstAssessed,
        Direction::Withdrawn,
        Direction::Rescoped,
        Direction::Changed,
    ];

    /// The direction of a move from `from` to `to`; `None` when the status did not change.
    pub fn of(from: &Status, to: &Status) -> Option<Direction> {
        if from == to {
            return None;
        }
        Some(match (from, to) {
            (Status::NotApplicable, _) | (_, Status::NotApplicable) => Direction::Rescoped,
            (Status::Unrecognised(_), _) | (_, Status::Unrecognised(_)) => Direction::Changed,
            (Status::NotAssessed, _) => Direction::FirstAssessed,
            (_, Status::NotAssessed) => Direction::Withdrawn,
            _ => match (from.progress_rank(), to.progress_rank()) {
                (Some(a), Some(b)) if b > a => Direction::Forward,
                (Some(a), Some(b)) if b < a => Direction::Backward,
                _ => Direction::Changed,
            },
        })
    }

    /// The mark shown beside a record.
    pub fn symbol(self) -> char {
        match self {
            Direction::Forward => '▲',
            Direction::Backward => '▼',
            Direction::FirstAssessed => '◇',
            Direction::Withdrawn | Direction::Rescoped | Direction::Changed => '◆',
        }
    }

    /// In words.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Forward => "moved forward",
            Direction::Backward => "moved backward",
            Direction::FirstAssessed => "first assessed",
            Direction::Withdrawn => "assessment withdrawn",
            Direction::Rescoped => "re-scoped",
            Direction::Changed => "changed",
        }
    }

    /// True for a regression, which screens show in the warning colour.
    pub fn is_regression(self) -> bool {
        self == Direction::Backward
    }
}

/// The marks and their meaning, for legends and help: one line per distinct mark.
pub const MARKS: [(char, &str); 4] = [
    ('▲', "moved forward"),
    ('▼', "moved backward (a regression)"),
    ('◇', "first assessed"),
    ('◆', "re-scoped, assessment withdrawn, or other change"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn name(status: &Status) -> &str {
        status.wire()
    }

    /// The rule, written out for every pair of known statuses.
    fn expected(from: &Status, to: &Status) -> Option<Direction> {
        use Status::*;
        if from == to {
            return None;
        }
        if matches!(from, NotApplicable) || matches!(to, NotApplicable) {
            return Some(Direction::Rescoped);
        }
        if matches!(from, NotAssessed) {
            return Some(Direction::FirstAssessed);
        }
        if matches!(to, NotAssessed) {
            return Some(Direction::Withdrawn);
        }
        let order = [NoAction, InProgress, PartiallyImplemented, Implemented];
        let a = order.iter().position(|s| s == from)?;
        let b = order.iter().position(|s| s == to)?;
        Some(if b > a {
            Direction::Forward
        } else {
            Direction::Backward
        })
    }

    #[test]
    fn every_pair_of_statuses_follows_the_rule() {
        let mut seen = std::collections::HashSet::new();
        for from in &Status::KNOWN {
            for to in &Status::KNOWN {
                let got = Direction::of(from, to);
                assert_eq!(got, expected(from, to), "{} -> {}", name(from), name(to));
                seen.extend(got);
            }
        }
        assert_eq!(
            seen.len(),
            5,
            "every direction but Changed occurs: {seen:?}"
        );
    }

    #[test]
    fn a_first_finding_of_no_action_is_not_progress() {
        let d = Direction::of(&Status::NotAssessed, &Status::NoAction).unwrap();
        assert_eq!(d, Direction::FirstAssessed);
        assert_ne!(d.symbol(), '▲');
    }

    #[test]
    fn unknown_values_are_a_plain_change() {
        let other = Status::Unrecognised("paused".into());
        assert_eq!(
            Direction::of(&Status::InProgress, &other),
            Some(Direction::Changed)
        );
    }

    #[test]
    fn every_mark_is_in_the_legend() {
        for d in Direction::ALL {
            assert!(MARKS.iter().any(|(mark, _)| *mark == d.symbol()), "{d:?}");
        }
    }
}
