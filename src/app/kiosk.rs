//! Kiosk mode: a read-only wall display that rotates by itself and never shows internal data.
//!
//! No key changes anything. A key shows a short "read-only display" notice; the configured unlock
//! sequence (none by default) ends the program, as the signals do.

use chrono::{DateTime, Duration, Utc};

use super::{Action, App, Effect};

/// Kiosk choices, from the config (the door checks them and fills them in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskSettings {
    /// How long each step of the rotation stays up.
    pub rotate: Duration,
    /// Fields never drawn, besides everything internal (such as `owners`).
    pub hidden_fields: Vec<String>,
    /// Key names that end kiosk mode when typed in order; empty for none.
    pub unlock: Vec<String>,
    /// How often the layout moves by a cell; `None` keeps it still.
    pub burn_in: Option<Duration>,
}

/// Fields a wall screen can be told to hide.
pub const HIDEABLE_FIELDS: [&str; 7] = [
    "owners",
    "priority",
    "due",
    "status-note",
    "evidence",
    "history",
    "notes",
];

/// One screen of the rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KioskStep {
    /// Progress per audience, and the latest changes.
    Overview,
    /// One audience's recommendations.
    Audience(usize),
    /// The recommendations that changed recently.
    Changed,
}

/// Where the rotation stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KioskState {
    /// The choices it runs with.
    pub settings: KioskSettings,
    /// Index of the step on screen.
    pub step: usize,
    /// When that step came up.
    pub step_started: DateTime<Utc>,
    /// The last keys typed, at most as many as the unlock sequence has.
    typed: Vec<String>,
}

impl KioskState {
    /// A rotation starting at the overview at `now`.
    pub fn new(settings: KioskSettings, now: DateTime<Utc>) -> KioskState {
        KioskState {
            settings,
            step: 0,
            step_started: now,
            typed: Vec::new(),
        }
    }

    /// True when this field must not be drawn.
    pub fn hides(&self, field: &str) -> bool {
        self.settings.hidden_fields.iter().any(|f| f == field)
    }

    /// The cell offset that moves the layout against burn-in: a small square walked once
    /// per period, the same for the same time.
    pub fn shift(&self, now: DateTime<Utc>) -> (u16, u16) {
        let Some(period) = self.settings.burn_in.filter(|p| p.num_seconds() > 0) else {
            return (0, 0);
        };
        match (now.timestamp() / period.num_seconds()).rem_euclid(4) {
            0 => (0, 0),
            1 => (1, 0),
            2 => (1, 1),
            _ => (0, 1),
        }
    }
}

impl App {
    /// True in kiosk mode: every key and click is ignored but for the unlock sequence.
    pub fn kiosk_locked(&self) -> bool {
        self.kiosk.is_some()
    }

    /// The steps of the rotation for the feed on screen.
    pub fn kiosk_steps(&self) -> Vec<KioskStep> {
        let audiences = self.feed.as_ref().map_or(0, |f| f.audiences.len());
        let mut steps = vec![KioskStep::Overview];
        steps.extend((0..audiences).map(KioskStep::Audience));
        steps.push(KioskStep::Changed);
        steps
    }

    /// The step on screen.
    pub fn kiosk_step(&self) -> Option<KioskStep> {
        let kiosk = self.kiosk.as_ref()?;
        let steps = self.kiosk_steps();
        steps.get(kiosk.step % steps.len()).copied()
    }

    /// Moves the rotation on when its step has been up long enough. True when it moved.
    pub(super) fn kiosk_tick(&mut self, now: DateTime<Utc>) -> bool {
        let count = self.kiosk_steps().len();
        let Some(kiosk) = self.kiosk.as_mut() else {
            return false;
        };
        let rotate = kiosk.settings.rotate.max(Duration::seconds(1));
        if now - kiosk.step_started < rotate {
            return false;
        }
        kiosk.step = (kiosk.step + 1) % count;
        kiosk.step_started = now;
        true
    }

    /// A key or click on the wall screen: a notice, or the end when the unlock sequence is typed.
    pub(super) fn kiosk_input(&mut self, key: Option<String>) -> Effect {
        if let (Some(kiosk), Some(key)) = (self.kiosk.as_mut(), key) {
            let unlock = &kiosk.settings.unlock;
            if !unlock.is_empty() {
                kiosk.typed.push(key);
                if kiosk.typed.len() > unlock.len() {
                    kiosk.typed.remove(0);
                }
                if kiosk.typed == *unlock {
                    return Effect::Quit;
                }
            }
        }
        self.notify("read-only display: keys do nothing here");
        Effect::Redraw
    }

    /// What every action does on a kiosk: only time, size and feeds act.
    pub(super) fn kiosk_update(&mut self, action: Action) -> Effect {
        match action {
            Action::KioskInput(key) => self.kiosk_input(key),
            _ => self.kiosk_input(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_layout_walks_a_square_once_per_period() {
        let kiosk = KioskState::new(
            crate::startup::default_kiosk_settings().unwrap(),
            Utc::now(),
        );
        let t0 = Utc.with_ymd_and_hms(2026, 11, 29, 0, 0, 0).unwrap();
        let shifts: Vec<(u16, u16)> = (0..5)
            .map(|i| kiosk.shift(t0 + Duration::minutes(3 * i)))
            .collect();
        assert_eq!(shifts, [(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]);
    }

    #[test]
    fn no_burn_in_shift_when_switched_off() {
        let settings = KioskSettings {
            burn_in: None,
            ..crate::startup::default_kiosk_settings().unwrap()
        };
        let kiosk = KioskState::new(settings, Utc::now());
        assert_eq!(kiosk.shift(Utc::now()), (0, 0));
    }
}
