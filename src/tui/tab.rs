//! The tabs, in order. Every place that names a tab names a `Tab`: the tab
//! bar, the keys that pick one (`Action::GoTab`), the screens registry and
//! the Now tab's "go and fix it" links. Adding a tab is one arm here, one
//! key-table line and one screen in `screens/mod.rs` (a test checks they agree).

use crate::domain::checklist;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    Now,
    Impact,
    Runway,
    Vesting,
    Pipeline,
}

impl Tab {
    /// Every tab, in the order of the tab bar.
    pub const ALL: [Tab; 5] = [
        Tab::Now,
        Tab::Impact,
        Tab::Runway,
        Tab::Vesting,
        Tab::Pipeline,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Now => "Now",
            Tab::Impact => "Impact",
            Tab::Runway => "Runway",
            Tab::Vesting => "Vesting",
            Tab::Pipeline => "Pipeline",
        }
    }

    /// Its place in [`Tab::ALL`], for per-tab arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tab `delta` places along the bar, wrapping at either end.
    pub fn step(self, delta: isize) -> Tab {
        let n = Tab::ALL.len() as isize;
        Tab::ALL[(self.index() as isize + delta).rem_euclid(n) as usize]
    }
}

/// The domain names the tab that fixes a checklist item or an alert.
impl From<checklist::Tab> for Tab {
    fn from(tab: checklist::Tab) -> Self {
        match tab {
            checklist::Tab::Now => Tab::Now,
            checklist::Tab::Impact => Tab::Impact,
            checklist::Tab::Runway => Tab::Runway,
            checklist::Tab::Vesting => Tab::Vesting,
            checklist::Tab::Pipeline => Tab::Pipeline,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_is_in_declaration_order_and_steps_wrap() {
        for (i, tab) in Tab::ALL.iter().enumerate() {
            assert_eq!(tab.index(), i);
        }
        assert_eq!(Tab::Pipeline.step(1), Tab::Now);
        assert_eq!(Tab::Now.step(-1), Tab::Pipeline);
    }
}
