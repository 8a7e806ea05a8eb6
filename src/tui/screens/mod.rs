//! The screens, one per tab, and how the app reaches them. Each tab is a
//! folder (see docs/architecture.md, "Adding a tab, a view or a form"): its
//! screen works with its own form purposes, and [`Mounted`] wraps them into
//! the app's [`Purpose`] on the way up and unwraps them on the way back, so
//! no screen ever sees another's forms.

pub mod impact;
pub mod now;
pub mod pipeline;
pub mod runway;
pub mod vesting;
pub mod win_form;

use crate::domain::Id;
use crate::domain::edit::Kind;
use crate::domain::workbook::Workbook;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::screen::{Cx, Refused, Screen, Tab, Target, View};
use crate::tui::widgets::form::Form;
use crate::tui::widgets::table::Table;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;

/// A screen as the app reaches it: by its tab, with the app's form purposes.
pub trait Mounted {
    fn tab(&self) -> Tab;
    fn scopes(&self) -> Vec<Scope>;
    fn table(&self) -> Option<&Table>;
    fn table_mut(&mut self) -> Option<&mut Table>;
    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap);
    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool;
    fn applies(&self, action: Action) -> bool;
    /// Gives a submitted form to the screen it is for; the form comes back
    /// with whatever the screen refused.
    fn on_submit(
        &mut self,
        form: Form<Purpose>,
        cx: &mut Cx<Purpose>,
    ) -> (Form<Purpose>, Result<(), Refused>);
    fn select(&mut self, kind: Kind, id: Id);
    fn show(&mut self, target: Target, wb: &Workbook);
    fn render(&self, frame: &mut Frame, area: Rect, view: &View);
}

/// A screen with the two ways between its purposes and the app's.
struct Mount<S: Screen> {
    tab: Tab,
    screen: S,
    wrap: fn(S::Purpose) -> Purpose,
    unwrap: fn(Purpose) -> Result<S::Purpose, Box<Purpose>>,
}

impl<S: Screen> Mount<S> {
    /// Runs `act` with a context of the screen's own purposes, and passes
    /// its effects up as the app's.
    fn with_own<T>(
        &mut self,
        cx: &mut Cx<Purpose>,
        act: impl FnOnce(&mut S, &mut Cx<S::Purpose>) -> T,
    ) -> T {
        let mut own = cx.narrow();
        let result = act(&mut self.screen, &mut own);
        let wrap = self.wrap;
        cx.effects
            .extend(own.effects.into_iter().map(|e| e.map(&wrap)));
        result
    }
}

impl<S: Screen> Mounted for Mount<S> {
    fn tab(&self) -> Tab {
        self.tab
    }

    fn scopes(&self) -> Vec<Scope> {
        self.screen.scopes()
    }

    fn table(&self) -> Option<&Table> {
        self.screen.table()
    }

    fn table_mut(&mut self) -> Option<&mut Table> {
        self.screen.table_mut()
    }

    fn refresh(&mut self, wb: &Workbook, today: NaiveDate, keys: &Keymap) {
        self.screen.refresh(wb, today, keys);
    }

    fn on_action(&mut self, action: Action, cx: &mut Cx<Purpose>) -> bool {
        self.with_own(cx, |screen, own| screen.on_action(action, own))
    }

    fn applies(&self, action: Action) -> bool {
        self.screen.applies(action)
    }

    fn on_submit(
        &mut self,
        form: Form<Purpose>,
        cx: &mut Cx<Purpose>,
    ) -> (Form<Purpose>, Result<(), Refused>) {
        match form.try_map_purpose(self.unwrap) {
            Err(theirs) => (*theirs, Ok(())),
            Ok(own_form) => {
                let result = self.with_own(cx, |screen, own| screen.on_submit(&own_form, own));
                (own_form.map_purpose(self.wrap), result)
            }
        }
    }

    fn select(&mut self, kind: Kind, id: Id) {
        self.screen.select(kind, id);
    }

    fn show(&mut self, target: Target, wb: &Workbook) {
        self.screen.show(target, wb);
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        self.screen.render(frame, area, view);
    }
}

/// Declares the tabs' screens, in [`Tab::ALL`] order, and [`Purpose`].
macro_rules! tabs {
    ($($tab:ident => $screen:ty),+ $(,)?) => {
        /// What a form is for, by the tab that opened it (and gets it back
        /// on submit): each tab's own purpose enum.
        pub enum Purpose {
            $($tab(<$screen as Screen>::Purpose)),+
        }

        impl Purpose {
            /// The tab whose screen reads the form.
            pub fn tab(&self) -> Tab {
                match self {
                    $(Purpose::$tab(_) => Tab::$tab),+
                }
            }
        }

        /// One screen per tab, in the order they are declared.
        pub fn all() -> Vec<Box<dyn Mounted>> {
            vec![$(Box::new(Mount {
                tab: Tab::$tab,
                screen: <$screen>::default(),
                wrap: Purpose::$tab,
                unwrap: |purpose| match purpose {
                    Purpose::$tab(own) => Ok(own),
                    other => Err(Box::new(other)),
                },
            })),+]
        }
    };
}

tabs! {
    Now => now::NowScreen,
    Impact => impact::ImpactScreen,
    Runway => runway::RunwayScreen,
    Vesting => vesting::VestingScreen,
    Pipeline => pipeline::PipelineScreen,
}
