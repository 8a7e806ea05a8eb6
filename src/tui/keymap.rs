//! The one key table. Every binding lives here once; key handling, the footer,
//! the `?` help and every key named in a sentence ("a adds one") are all
//! generated from it, so they can never disagree. [`KEYS`] holds the defaults;
//! a [`Keymap`] is the table in use: the defaults with the keys a person set
//! in their config file (`tui/config.rs`), and key names drawn in ASCII on a
//! terminal without Unicode.

use super::tab::Tab;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. The app asks the top popup, then the current
/// screen's scopes, then `Global`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    /// Any screen with a table: moving, filtering, sorting.
    List,
    Now,
    /// The Now tab's next actions, its first view once a notice is entered.
    NowActions,
    /// The Now tab's checklist view once a notice is entered.
    NowNotice,
    /// The Now tab's weekly review.
    NowReview,
    Impact,
    Runway,
    Vesting,
    /// The Vesting tab's sub-views (the keys of `Vesting` work in all of them).
    VestingUpcoming,
    VestingGrants,
    /// The selected grant's schedule, scrolled with the list keys.
    VestingSchedule,
    VestingPrices,
    VestingLastDay,
    VestingBonuses,
    Pipeline,
    /// The Runway tab's inputs view.
    RunwayInputs,
    /// The Runway tab's month-by-month table.
    RunwayMonths,
    /// Moving through the Runway tab's lists and its explanation.
    RunwayRows,
    /// The Pipeline board: moving between columns and cards.
    PipelineBoard,
    /// The Pipeline board and list: acting on the selected application.
    PipelineApps,
    /// The Pipeline contacts view.
    PipelineContacts,
    /// The Pipeline offers view: each offer against staying.
    PipelineOffers,
    /// The offers view's start-date what-if (the offers keys work in it too).
    PipelineOfferStart,
    /// Typing a table filter.
    Filter,
    Form,
    /// A form whose focused field is a note of several lines.
    FormNote,
    /// A form whose focused field is a pick-list.
    FormPick,
    /// Typing into a pick-list to narrow it.
    FormPickFilter,
    /// A changed form asking whether to discard the changes.
    FormDiscard,
    Confirm,
    Message,
    Help,
    /// The list of conflicts: values two windows both changed.
    Conflicts,
    /// Quitting while edits are not saved.
    Unsaved,
    /// The start-up prompt for a workbook that cannot be read.
    Damaged,
    /// A save waiting for another careerbook to finish its own.
    Waiting,
}

impl Scope {
    /// The heading this scope's keys get in the help popup.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::List => "Lists",
            Scope::Now => "Now",
            Scope::NowActions => "Now: next actions",
            Scope::NowNotice => "Now: after a notice",
            Scope::NowReview => "Weekly review",
            Scope::Impact => "Impact",
            Scope::Runway => "Runway",
            Scope::Vesting => "Vesting",
            Scope::VestingUpcoming => "Vesting: upcoming vests",
            Scope::VestingGrants => "Vesting: grants",
            Scope::VestingSchedule => "Vesting: a grant's schedule",
            Scope::VestingPrices => "Vesting: prices",
            Scope::VestingLastDay => "Vesting: last-day what-if",
            Scope::VestingBonuses => "Vesting: bonuses",
            Scope::Pipeline => "Pipeline",
            Scope::RunwayInputs => "Runway inputs",
            Scope::RunwayMonths => "Runway months",
            Scope::RunwayRows => "Runway: moving",
            Scope::PipelineBoard => "Pipeline board",
            Scope::PipelineApps => "Applications (board and list)",
            Scope::PipelineContacts => "Contacts",
            Scope::PipelineOffers => "Offers: each against staying",
            Scope::PipelineOfferStart => "Offers: start-date what-if",
            Scope::Filter => "Filter",
            Scope::Form => "Forms",
            Scope::FormNote => "Forms: in a note",
            Scope::FormPick => "Forms: in a pick-list",
            Scope::FormPickFilter => "Forms: typing into a pick-list",
            Scope::FormDiscard => "Forms: discard the changes?",
            Scope::Confirm => "Confirm",
            Scope::Message => "Message",
            Scope::Help => "Help",
            Scope::Conflicts => "Conflicts",
            Scope::Unsaved => "Quitting with unsaved edits",
            Scope::Damaged => "Damaged workbook",
            Scope::Waiting => "Waiting for another careerbook",
        }
    }

    /// The scope as the config file names it: `vesting_last_day`.
    pub fn name(self) -> String {
        snake(&format!("{self:?}"))
    }
}

impl Action {
    /// The action as the config file names it: `day_later`, `tab_now`.
    pub fn name(self) -> String {
        match self {
            Action::GoTab(tab) => format!("tab_{}", tab.title().to_lowercase()),
            other => snake(&format!("{other:?}")),
        }
    }
}

/// `VestingLastDay` → `vesting_last_day`.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// What a key asks for. Screens interpret the verbs that make sense for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    ForceQuit,
    Help,
    GoTab(Tab),
    NextTab,
    PrevTab,
    Undo,
    RetrySave,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    Filter,
    Sort,
    Add,
    Edit,
    Delete,
    Export,
    // Popups
    Submit,
    ClearField,
    Cancel,
    NextField,
    PrevField,
    NewLine,
    ExternalEditor,
    NextOption,
    PrevOption,
    TakeMatch,
    Yes,
    No,
    Close,
    // Filter typing
    FilterAccept,
    FilterClear,
    // Damaged workbook
    RestoreBackup,
    // Conflicts
    Conflicts,
    UseSetAside,
    KeepInPlace,
    // Quitting with unsaved edits
    QuitKeepBackup,
    QuitLose,
    // Runway
    NextView,
    PrevView,
    WhatIf,
    Explain,
    ToggleNewJob,
    ToggleVestProceeds,
    // Vesting
    SetPrice,
    SetWithholding,
    ShowSchedule,
    DayEarlier,
    DayLater,
    WeekEarlier,
    WeekLater,
    MonthEarlier,
    MonthLater,
    NextVestDay,
    ResetDay,
    ToggleEliminated,
    SaveSeparation,
    // Pipeline
    ColumnLeft,
    ColumnRight,
    StageNext,
    StagePrev,
    CloseApplication,
    AcceptGhosted,
    GhostSetting,
    Contacted,
    SaveStart,
    AcceptOffer,
    CurrentJob,
    // Now
    Open,
    SwitchView,
    Tick,
    SelfCheck,
    ResumeToday,
    LinkedinToday,
    Notice,
    Review,
    ReviewSkip,
    ReviewBack,
    ReviewLeave,
    /// Sync with the other machines through git.
    Sync,
}

/// A key with its modifiers, written as a constant in the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn key(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

impl Key {
    /// Whether a terminal key event is this key. Shift is ignored for
    /// characters (the character itself carries it).
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods = match event.code {
            KeyCode::Char(_) => event.modifiers - KeyModifiers::SHIFT,
            KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        self.code == event.code && self.mods == mods
    }

    /// How the key is written in the footer and help; `ascii` spells the
    /// arrows out, for a terminal without Unicode. With `ascii` it is also
    /// how the config file writes it ([`Key::parse`] reads it back).
    pub fn label(&self, ascii: bool) -> String {
        let arrow = |unicode: &str, word: &str| if ascii { word } else { unicode }.to_string();
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Bksp".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.mods.contains(KeyModifiers::CONTROL) {
            format!("Ctrl-{}", base.to_uppercase())
        } else {
            base
        }
    }

    /// Reads a key as the config file writes it: a character (`a`, `G`, `?`),
    /// a name (`Enter`, `Esc`, `Tab`, `S-Tab`, `Space`, `Up`, `Down`, `Left`,
    /// `Right`, `PgUp`, `PgDn`, `Home`, `End`, `Bksp`, `Del`, `Ins`, `F1`–`F12`;
    /// any case), or `Ctrl-` and a letter.
    pub fn parse(text: &str) -> Result<Key, String> {
        let text = text.trim();
        let lower = text.to_lowercase();
        if let Some(rest) = lower
            .strip_prefix("ctrl-")
            .or_else(|| lower.strip_prefix("c-"))
        {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_alphabetic() => Ok(ctrl(c)),
                _ => Err(format!("“{text}”: Ctrl- goes with one letter, e.g. Ctrl-S")),
            };
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && !matches!(c, '↑' | '↓' | '←' | '→')
        {
            return if c.is_control() {
                Err(format!("“{text}” is not a key careerbook can name"))
            } else {
                Ok(key(c))
            };
        }
        let named = match lower.as_str() {
            "space" => KeyCode::Char(' '),
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "s-tab" | "shift-tab" | "backtab" => KeyCode::BackTab,
            "up" | "↑" => KeyCode::Up,
            "down" | "↓" => KeyCode::Down,
            "left" | "←" => KeyCode::Left,
            "right" | "→" => KeyCode::Right,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "bksp" | "backspace" => KeyCode::Backspace,
            "del" | "delete" => KeyCode::Delete,
            "ins" | "insert" => KeyCode::Insert,
            f if f.starts_with('f') => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(unknown_key(text)),
            },
            _ => return Err(unknown_key(text)),
        };
        Ok(code(named))
    }

    /// Whether typing this key into a text field types a character.
    fn types(&self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && self.mods.is_empty()
    }
}

fn unknown_key(text: &str) -> String {
    format!(
        "“{text}” is not a key: write one character (a, G, ?), a name (Enter, Esc, Tab, S-Tab, \
         Space, Up, Down, Left, Right, PgUp, PgDn, Home, End, Bksp, Del, F1–F12) or Ctrl- and a letter"
    )
}

/// One line of the key table.
#[derive(Debug)]
pub struct Binding {
    pub scope: Scope,
    /// The default keys; the first is the one the footer and sentences name.
    pub keys: &'static [Key],
    pub action: Action,
    /// What the key does, as help shows it.
    pub help: &'static str,
    /// The short word the footer shows, if the footer shows this binding.
    pub footer: Option<&'static str>,
}

impl Binding {
    /// How the config file names this line: `impact.add`, `global.tab_now`.
    pub fn id(&self) -> String {
        format!("{}.{}", self.scope.name(), self.action.name())
    }
}

macro_rules! bind {
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help, footer: None }
    };
    ($scope:ident, [$($k:expr),+], $action:expr, $help:literal, $footer:literal) => {
        Binding { scope: Scope::$scope, keys: &[$($k),+], action: $action, help: $help, footer: Some($footer) }
    };
}

use Action as A;
use KeyCode as K;

/// Every key careerbook knows. Order here is the order of footer and help.
#[rustfmt::skip]
pub static KEYS: &[Binding] = &[
    // Lists (any table)
    bind!(List, [code(K::Up), key('k')], A::Up, "move up"),
    bind!(List, [code(K::Down), key('j')], A::Down, "move down"),
    bind!(List, [key('g'), code(K::Home)], A::Top, "go to the first row"),
    bind!(List, [key('G'), code(K::End)], A::Bottom, "go to the last row"),
    bind!(List, [code(K::PageUp)], A::PageUp, "page up"),
    bind!(List, [code(K::PageDown)], A::PageDown, "page down"),
    bind!(List, [key('/')], A::Filter, "filter rows as you type", "filter"),
    bind!(List, [key('s')], A::Sort, "sort by the next column (again: reverse)", "sort"),
    bind!(List, [code(K::Esc)], A::FilterClear, "clear the filter kept with Enter", "clear filter"),
    // Impact
    bind!(Impact, [key('a')], A::Add, "log a win", "add"),
    bind!(Impact, [key('e'), code(K::Enter)], A::Edit, "edit the selected win", "edit"),
    bind!(Impact, [key('d')], A::Delete, "delete the selected win (asks first)", "delete"),
    bind!(Impact, [key('x')], A::Export, "export the wins shown as a Markdown brag document", "export"),
    // Now
    bind!(Now, [code(K::Right), key('l')], A::NextView, "next panel (alerts, deadlines, signals)"),
    bind!(Now, [code(K::Left), key('h')], A::PrevView, "previous panel"),
    bind!(Now, [code(K::Up), key('k')], A::Up, "move up"),
    bind!(Now, [code(K::Down), key('j')], A::Down, "move down"),
    bind!(Now, [code(K::Enter)], A::Open, "open: go to the tab that fixes it, or edit", "open"),
    bind!(Now, [key('x')], A::Explain, "explain the selected line: inputs and rule"),
    bind!(Now, [key('t')], A::Tick, "tick the item done by hand (again: clear)", "tick"),
    bind!(Now, [key('p')], A::SelfCheck, "positioning self-check", "self-check"),
    bind!(Now, [key('r')], A::ResumeToday, "mark the résumé updated today"),
    bind!(Now, [key('i')], A::LinkedinToday, "mark LinkedIn updated today"),
    bind!(Now, [key('a')], A::Add, "log a layoff signal", "signal"),
    bind!(Now, [key('e')], A::Edit, "edit the selected signal"),
    bind!(Now, [key('d')], A::Delete, "delete the selected signal (asks first)"),
    bind!(Now, [key('n')], A::Notice, "notice date, review window, cover end"),
    bind!(Now, [key('w')], A::Review, "weekly review: a short guided pass", "review"),
    bind!(Now, [key('c')], A::Export, "export the calendar (.ics): deadlines, vests, follow-ups"),
    // Next actions (after a notice)
    bind!(NowActions, [code(K::Up), key('k')], A::Up, "move up"),
    bind!(NowActions, [code(K::Down), key('j')], A::Down, "move down"),
    bind!(NowActions, [code(K::Enter)], A::Open, "go to it: the deadline, the grant, the application, the contact", "open"),
    bind!(NowActions, [key('x')], A::Explain, "why it matters, its date and what is at stake", "why"),
    bind!(NowActions, [key('v')], A::SwitchView, "the checklist, alerts, deadlines and signals", "checklist"),
    bind!(NowActions, [key('n')], A::Notice, "notice date, review window, cover end", "notice"),
    bind!(NowActions, [key('w')], A::Review, "weekly review: a short guided pass", "review"),
    bind!(NowActions, [key('c')], A::Export, "export the calendar (.ics): deadlines, vests, follow-ups", "calendar"),
    bind!(NowNotice, [key('v')], A::SwitchView, "back to the next actions", "next actions"),
    // Weekly review
    bind!(NowReview, [code(K::Enter)], A::Open, "do this step (opens its form)", "do it"),
    bind!(NowReview, [key('s')], A::ReviewSkip, "skip to the next step", "skip"),
    bind!(NowReview, [key('b')], A::ReviewBack, "back to the previous step", "back"),
    bind!(NowReview, [code(K::Up), key('k')], A::Up, "move up"),
    bind!(NowReview, [code(K::Down), key('j')], A::Down, "move down"),
    bind!(NowReview, [code(K::Esc)], A::ReviewLeave, "leave the review (what was saved stays)", "leave"),
    // Runway
    bind!(Runway, [code(K::Right), key('l')], A::NextView, "next view: chart, months, inputs, explanation", "view"),
    bind!(Runway, [code(K::Left), key('h')], A::PrevView, "previous view"),
    bind!(Runway, [key('w')], A::WhatIf, "what-if: trim non-essential spending by a % (not saved)", "what-if"),
    bind!(Runway, [key('x')], A::Explain, "explain: every input and the formula behind each figure", "explain"),
    bind!(Runway, [key('n')], A::ToggleNewJob, "show the chart and months with or without the new job"),
    bind!(RunwayInputs, [key('a')], A::Add, "add to the selected section (or set it)", "add"),
    bind!(RunwayInputs, [key('e'), code(K::Enter)], A::Edit, "edit the selected input", "edit"),
    bind!(RunwayInputs, [key('d')], A::Delete, "delete or clear the selected input (asks first)", "delete"),
    bind!(RunwayInputs, [key('v')], A::ToggleVestProceeds, "count vest proceeds or leave them out (saved)"),
    bind!(RunwayMonths, [code(K::Enter)], A::Edit, "show the selected month's money in and out", "details"),
    bind!(RunwayRows, [code(K::Up), key('k')], A::Up, "move up"),
    bind!(RunwayRows, [code(K::Down), key('j')], A::Down, "move down"),
    bind!(RunwayRows, [key('g'), code(K::Home)], A::Top, "go to the top"),
    bind!(RunwayRows, [key('G'), code(K::End)], A::Bottom, "go to the bottom"),
    bind!(RunwayRows, [code(K::PageUp)], A::PageUp, "page up"),
    bind!(RunwayRows, [code(K::PageDown)], A::PageDown, "page down"),
    // Vesting
    bind!(Vesting, [code(K::Right), key('l')], A::NextView, "next view: upcoming, grants, prices, last day, bonuses", "view"),
    bind!(Vesting, [code(K::Left), key('h')], A::PrevView, "previous view"),
    bind!(Vesting, [key('x')], A::Explain, "explain: the inputs and formula behind the figures shown", "explain"),
    bind!(Vesting, [key('p')], A::SetPrice, "enter a share price by hand, with its date"),
    bind!(Vesting, [key('%')], A::SetWithholding, "withholding on vests: the Runway tab's rate or your own"),
    bind!(VestingUpcoming, [key('a')], A::Add, "add a grant", "add"),
    bind!(VestingUpcoming, [code(K::Enter)], A::Edit, "show the selected vest's grant", "grant"),
    bind!(VestingGrants, [key('a')], A::Add, "add a grant", "add"),
    bind!(VestingGrants, [key('e'), code(K::Enter)], A::Edit, "edit the selected grant", "edit"),
    bind!(VestingGrants, [key('d')], A::Delete, "delete the selected grant (asks first)", "delete"),
    bind!(VestingGrants, [key('v')], A::ShowSchedule, "show the selected grant's whole schedule, vested and unvested", "vests"),
    bind!(VestingSchedule, [key('v'), code(K::Esc)], A::ShowSchedule, "back to the grants list", "back"),
    bind!(VestingPrices, [key('a')], A::Add, "add a price", "add"),
    bind!(VestingPrices, [key('e'), code(K::Enter)], A::Edit, "edit the selected price", "edit"),
    bind!(VestingPrices, [key('d')], A::Delete, "delete the selected price (asks first)", "delete"),
    bind!(VestingLastDay, [key('e'), code(K::Enter)], A::Edit, "type a last day (YYYY-MM-DD, +2w, …)", "date"),
    bind!(VestingLastDay, [key('+'), key('=')], A::DayLater, "last day one day later", "day"),
    bind!(VestingLastDay, [key('-')], A::DayEarlier, "last day one day earlier"),
    bind!(VestingLastDay, [key(']')], A::WeekLater, "last day one week later", "week"),
    bind!(VestingLastDay, [key('[')], A::WeekEarlier, "last day one week earlier"),
    bind!(VestingLastDay, [key('}')], A::MonthLater, "last day one month later"),
    bind!(VestingLastDay, [key('{')], A::MonthEarlier, "last day one month earlier"),
    bind!(VestingLastDay, [key('n')], A::NextVestDay, "move the last day to the next vest", "next vest"),
    bind!(VestingLastDay, [key('t')], A::ResetDay, "back to the Runway separation date (or today)"),
    bind!(VestingLastDay, [key('r')], A::ToggleEliminated, "mark the role as eliminated or not (saved; waives clawbacks that allow it)", "role"),
    bind!(VestingLastDay, [key('S')], A::SaveSeparation, "save this last day as the Runway separation date (asks first)"),
    bind!(VestingBonuses, [key('a')], A::Add, "add a bonus", "add"),
    bind!(VestingBonuses, [key('e'), code(K::Enter)], A::Edit, "edit the selected bonus", "edit"),
    bind!(VestingBonuses, [key('d')], A::Delete, "delete the selected bonus (asks first)", "delete"),
    bind!(VestingBonuses, [key('r')], A::ToggleEliminated, "mark the role as eliminated or not (saved; waives clawbacks that allow it)", "role"),
    // Pipeline
    bind!(PipelineBoard, [code(K::Left), key('h')], A::ColumnLeft, "previous column"),
    bind!(PipelineBoard, [code(K::Right), key('l')], A::ColumnRight, "next column"),
    bind!(PipelineBoard, [code(K::Up), key('k')], A::Up, "previous card"),
    bind!(PipelineBoard, [code(K::Down), key('j')], A::Down, "next card"),
    bind!(PipelineBoard, [key('g'), code(K::Home)], A::Top, "first card of the column"),
    bind!(PipelineBoard, [key('G'), code(K::End)], A::Bottom, "last card of the column"),
    bind!(PipelineApps, [key('>')], A::StageNext, "move to the next stage (recorded in its history as today)", "next"),
    bind!(PipelineApps, [key('<')], A::StagePrev, "move back a stage (recorded as today)"),
    bind!(PipelineApps, [key('x')], A::CloseApplication, "close it; asks which closed stage (rejected, ghosted, …)", "close"),
    bind!(PipelineApps, [key('X')], A::AcceptGhosted, "mark ghosted, when suggested (no reply for N days)"),
    bind!(PipelineApps, [key('a')], A::Add, "add an application", "add"),
    bind!(PipelineApps, [key('e'), code(K::Enter)], A::Edit, "edit the selected application (every field)", "edit"),
    bind!(PipelineApps, [key('d')], A::Delete, "delete the selected application (asks first)", "delete"),
    bind!(PipelineContacts, [key('c')], A::Contacted, "mark the selected contact contacted today", "contacted"),
    bind!(PipelineContacts, [key('a')], A::Add, "add a contact", "add"),
    bind!(PipelineContacts, [key('e'), code(K::Enter)], A::Edit, "edit the selected contact", "edit"),
    bind!(PipelineContacts, [key('d')], A::Delete, "delete the contact and unlink it from applications (asks)", "delete"),
    bind!(PipelineOfferStart, [code(K::Up), key('k')], A::Up, "previous change"),
    bind!(PipelineOfferStart, [code(K::Down), key('j')], A::Down, "next change"),
    bind!(PipelineOfferStart, [key('x')], A::Explain, "explain the selected change: its inputs and formula", "explain"),
    bind!(PipelineOfferStart, [key('w'), code(K::Esc)], A::WhatIf, "back to the comparison (the moved start stays in it until reset)", "back"),
    bind!(PipelineOffers, [code(K::Left), key('h')], A::ColumnLeft, "previous column (Stay or an offer)"),
    bind!(PipelineOffers, [code(K::Right), key('l')], A::ColumnRight, "next column; offers that do not fit scroll in"),
    bind!(PipelineOffers, [code(K::Up), key('k')], A::Up, "previous row"),
    bind!(PipelineOffers, [code(K::Down), key('j')], A::Down, "next row"),
    bind!(PipelineOffers, [key('x')], A::Explain, "explain the selected figure: its inputs and formula", "explain"),
    bind!(PipelineOffers, [key('w')], A::WhatIf, "start-date what-if: what starting the selected offer earlier or later forfeits and gains", "what-if"),
    bind!(PipelineOffers, [key('+'), key('=')], A::DayLater, "the selected offer's start one day later (a what-if, not saved)", "start"),
    bind!(PipelineOffers, [key('-')], A::DayEarlier, "its start one day earlier"),
    bind!(PipelineOffers, [key(']')], A::WeekLater, "its start one week later"),
    bind!(PipelineOffers, [key('[')], A::WeekEarlier, "its start one week earlier"),
    bind!(PipelineOffers, [key('}')], A::MonthLater, "its start one month later"),
    bind!(PipelineOffers, [key('{')], A::MonthEarlier, "its start one month earlier"),
    bind!(PipelineOffers, [key('t')], A::ResetDay, "back to the offer's saved start"),
    bind!(PipelineOffers, [key('S')], A::SaveStart, "save the moved start as the offer's start (asks first)", "save start"),
    bind!(PipelineOffers, [key('A')], A::AcceptOffer, "accept the selected offer: the Runway tab's new job, its application to accepted (asks first)", "accept"),
    bind!(PipelineOffers, [key('a')], A::Add, "add an offer", "add"),
    bind!(PipelineOffers, [key('e'), code(K::Enter)], A::Edit, "edit the selected offer", "edit"),
    bind!(PipelineOffers, [key('d')], A::Delete, "delete the selected offer (asks first)", "delete"),
    bind!(PipelineOffers, [key('c')], A::CurrentJob, "your current job's pay: base and target bonus, for the Stay column", "current job"),
    bind!(Pipeline, [key('v')], A::NextView, "next view: board → list → contacts → funnel → offers"),
    bind!(Pipeline, [key('V')], A::PrevView, "previous view"),
    bind!(Pipeline, [key('n')], A::GhostSetting, "set after how many days without reply to suggest ghosted"),
    // Typing a filter
    bind!(Filter, [code(K::Enter)], A::FilterAccept, "keep the filter and return to the list", "keep"),
    bind!(Filter, [code(K::Esc)], A::FilterClear, "clear the filter", "clear"),
    // Forms
    bind!(Form, [code(K::Tab), code(K::Down)], A::NextField, "next field", "next field"),
    bind!(Form, [code(K::BackTab), code(K::Up)], A::PrevField, "previous field"),
    bind!(Form, [code(K::Enter), ctrl('s')], A::Submit, "save (in a note Enter starts a new line, so Ctrl-S saves)", "save"),
    bind!(Form, [ctrl('u')], A::ClearField, "clear the field, to type it afresh"),
    bind!(Form, [code(K::Esc)], A::Cancel, "close the form (asks first if you changed anything)", "cancel"),
    bind!(FormNote, [code(K::Enter)], A::NewLine, "start a new line", "new line"),
    bind!(FormNote, [code(K::Up)], A::Up, "move up a line"),
    bind!(FormNote, [code(K::Down)], A::Down, "move down a line"),
    bind!(FormNote, [ctrl('e')], A::ExternalEditor, "edit the note in your editor ($VISUAL or $EDITOR)", "editor"),
    bind!(FormPick, [code(K::Right)], A::NextOption, "next option"),
    bind!(FormPick, [code(K::Left)], A::PrevOption, "previous option"),
    bind!(FormPickFilter, [code(K::Enter)], A::TakeMatch, "take the highlighted match", "take"),
    bind!(FormPickFilter, [code(K::Down)], A::Down, "next match"),
    bind!(FormPickFilter, [code(K::Up)], A::Up, "previous match"),
    bind!(FormPickFilter, [code(K::Esc)], A::FilterClear, "forget what you typed, keep the choice", "keep"),
    bind!(FormDiscard, [key('y')], A::Yes, "discard the changes and close the form", "discard"),
    bind!(FormDiscard, [key('n'), code(K::Esc)], A::No, "keep editing", "keep editing"),
    // Confirm
    bind!(Confirm, [key('y')], A::Yes, "yes, do it", "yes"),
    bind!(Confirm, [key('n'), code(K::Esc)], A::No, "no, keep it", "no"),
    // Message
    bind!(Message, [code(K::Enter), code(K::Esc)], A::Close, "close", "close"),
    bind!(Message, [code(K::Up), key('k')], A::Up, "scroll up a long message"),
    bind!(Message, [code(K::Down), key('j')], A::Down, "scroll down a long message"),
    // Help
    bind!(Help, [code(K::Esc), key('?'), key('q')], A::Close, "close help", "close"),
    bind!(Help, [code(K::Up), key('k')], A::Up, "scroll up", "up"),
    bind!(Help, [code(K::Down), key('j')], A::Down, "scroll down", "down"),
    // Conflicts
    bind!(Conflicts, [key('s')], A::UseSetAside, "use the set-aside value: put it in place of the kept one", "use set-aside"),
    bind!(Conflicts, [key('k')], A::KeepInPlace, "keep the value in place; the set-aside one goes", "keep"),
    bind!(Conflicts, [code(K::Up)], A::Up, "previous conflict"),
    bind!(Conflicts, [code(K::Down)], A::Down, "next conflict"),
    bind!(Conflicts, [code(K::Esc)], A::Close, "close; the conflicts wait until you pick", "close"),
    // Quitting with unsaved edits
    bind!(Unsaved, [key('r'), ctrl('s')], A::RetrySave, "try saving again (quits if it works)", "retry"),
    bind!(Unsaved, [key('b')], A::QuitKeepBackup, "quit, keeping the edits as a backup that `careerbook restore` puts back", "quit, keep backup"),
    bind!(Unsaved, [key('L')], A::QuitLose, "quit and lose these edits", "quit, lose"),
    bind!(Unsaved, [code(K::Esc)], A::Close, "keep working (the edits stay in memory)", "keep working"),
    // Damaged workbook
    bind!(Damaged, [key('r')], A::RestoreBackup, "restore the newest good backup (the damaged file is kept)", "restore"),
    bind!(Damaged, [key('q'), code(K::Esc)], A::Quit, "quit and fix the file by hand", "quit"),
    // A save waiting for another careerbook's lock
    bind!(Waiting, [code(K::Esc)], A::Cancel, "stop waiting; the edit stays in memory, unsaved", "stops waiting"),
    // Everywhere
    bind!(Global, [key('1')], A::GoTab(Tab::Now), "Now tab"),
    bind!(Global, [key('2')], A::GoTab(Tab::Impact), "Impact tab"),
    bind!(Global, [key('3')], A::GoTab(Tab::Runway), "Runway tab"),
    bind!(Global, [key('4')], A::GoTab(Tab::Vesting), "Vesting tab"),
    bind!(Global, [key('5')], A::GoTab(Tab::Pipeline), "Pipeline tab"),
    bind!(Global, [code(K::Tab)], A::NextTab, "next tab"),
    bind!(Global, [code(K::BackTab)], A::PrevTab, "previous tab"),
    bind!(Global, [key('u')], A::Undo, "undo the last edit (saved at once)", "undo"),
    bind!(Global, [ctrl('s')], A::RetrySave, "save again after a failed save"),
    bind!(Global, [key('!')], A::Conflicts, "review conflicts: values changed both here and elsewhere"),
    bind!(Global, [key('P')], A::Sync, "sync with your other machines through git"),
    bind!(Global, [key('?')], A::Help, "show every key", "help"),
    bind!(Global, [key('q')], A::Quit, "quit", "quit"),
    bind!(Global, [ctrl('c')], A::ForceQuit, "quit from anywhere"),
];

/// The keys of forms, as help lists them after a screen's own.
pub const FORM_SCOPES: [Scope; 4] = [
    Scope::Form,
    Scope::FormNote,
    Scope::FormPick,
    Scope::FormPickFilter,
];

/// The key table in use: every binding of [`KEYS`] with the keys it has now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    /// The keys of each binding, by its place in [`KEYS`].
    keys: Vec<Vec<Key>>,
    /// Key names in ASCII (`Up`, not `↑`).
    ascii: bool,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(false)
    }
}

/// One binding of a [`Keymap`] with its keys.
#[derive(Clone, Copy, Debug)]
pub struct Bound<'a> {
    pub binding: &'static Binding,
    pub keys: &'a [Key],
}

/// Why a key cannot be set as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// No binding has this id.
    UnknownAction(String),
    /// The key is not one careerbook can read.
    BadKey(String),
    /// Two bindings of one scope share a key: the ids, the scope and the key.
    Conflict {
        key: String,
        scope: Scope,
        ids: [String; 2],
    },
    /// Something else about one binding's keys (none given; a typing key for
    /// force-quit, which works even while typing).
    Unusable { id: String, why: String },
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::UnknownAction(id) => write!(
                f,
                "“{id}” is not an action (`careerbook config init` lists every one)"
            ),
            Refusal::BadKey(why) => write!(f, "{why}"),
            Refusal::Conflict { key, scope, ids } => write!(
                f,
                "{key} would do two things in {}: {} and {}",
                scope.title(),
                ids[0],
                ids[1]
            ),
            Refusal::Unusable { id, why } => write!(f, "{id}: {why}"),
        }
    }
}

impl Keymap {
    /// The default keys; `ascii` names keys without Unicode.
    pub fn new(ascii: bool) -> Self {
        Self {
            keys: KEYS.iter().map(|b| b.keys.to_vec()).collect(),
            ascii,
        }
    }

    pub fn ascii(&self) -> bool {
        self.ascii
    }

    /// Gives the binding named `id` (see [`Binding::id`]) these keys.
    /// Conflicts are checked once every key is set ([`Keymap::check`]).
    pub fn rebind(&mut self, id: &str, keys: &[&str]) -> Result<(), Refusal> {
        let at = KEYS
            .iter()
            .position(|b| b.id() == id)
            .ok_or_else(|| Refusal::UnknownAction(id.to_string()))?;
        let keys = keys
            .iter()
            .map(|k| Key::parse(k).map_err(Refusal::BadKey))
            .collect::<Result<Vec<Key>, Refusal>>()?;
        if keys.is_empty() {
            return Err(Refusal::Unusable {
                id: id.to_string(),
                why: "give it at least one key".into(),
            });
        }
        if KEYS[at].action == Action::ForceQuit && keys.iter().any(Key::types) {
            return Err(Refusal::Unusable {
                id: id.to_string(),
                why: "it works even while you type, so it needs a key that types nothing \
                      (Ctrl- and a letter, or F1–F12)"
                    .into(),
            });
        }
        self.keys[at] = keys;
        Ok(())
    }

    /// Every key that would do two things: two bindings of one scope sharing
    /// a key, or any binding using a force-quit key (which works everywhere).
    /// `changed` names the bindings a person set, so the first of a pair
    /// reported is theirs.
    pub fn check(&self, changed: &[String]) -> Result<(), Refusal> {
        let bound: Vec<Bound> = self.all().collect();
        let set = |b: &Bound| changed.contains(&b.binding.id());
        for (i, first) in bound.iter().enumerate() {
            for second in &bound[i + 1..] {
                let (x, y) = (first.binding, second.binding);
                let together = x.scope == y.scope
                    || x.action == Action::ForceQuit
                    || y.action == Action::ForceQuit;
                let Some(k) = first.keys.iter().find(|k| second.keys.contains(k)) else {
                    continue;
                };
                if together {
                    let (a, b) = if set(second) && !set(first) {
                        (y, x)
                    } else {
                        (x, y)
                    };
                    return Err(Refusal::Conflict {
                        key: k.label(self.ascii),
                        scope: a.scope,
                        ids: [a.id(), b.id()],
                    });
                }
            }
        }
        Ok(())
    }

    /// Every binding with its keys, in table order.
    pub fn all(&self) -> impl Iterator<Item = Bound<'_>> {
        KEYS.iter().zip(&self.keys).map(|(binding, keys)| Bound {
            binding,
            keys: keys.as_slice(),
        })
    }

    /// The bindings of one scope, in table order.
    pub fn bindings(&self, scope: Scope) -> impl Iterator<Item = Bound<'_>> {
        self.all().filter(move |b| b.binding.scope == scope)
    }

    /// The action `event` triggers within `scopes` (searched in order).
    pub fn resolve(&self, scopes: &[Scope], event: &KeyEvent) -> Option<Action> {
        scopes.iter().find_map(|&scope| {
            self.bindings(scope)
                .find(|b| b.keys.iter().any(|k| k.matches(event)))
                .map(|b| b.binding.action)
        })
    }

    /// How `key` is written on this terminal.
    pub fn label(&self, key: &Key) -> String {
        key.label(self.ascii)
    }

    /// `a add  e edit  …` for the footer, from the footer-worthy bindings of
    /// `scopes` whose action `applies` now. A key an earlier scope takes is
    /// not shown for a later one: the binding shows its next key (in a note,
    /// Enter starts a line, so save shows as Ctrl-S), or is left out when it
    /// has none.
    pub fn footer_hints(
        &self,
        scopes: &[Scope],
        applies: impl Fn(Action) -> bool,
    ) -> Vec<(String, &'static str)> {
        let mut hints = Vec::new();
        for (i, &scope) in scopes.iter().enumerate() {
            let taken = |k: &Key| {
                scopes[..i]
                    .iter()
                    .any(|&s| self.bindings(s).any(|b| b.keys.contains(k)))
            };
            for bound in self.bindings(scope) {
                let reachable = bound.keys.iter().find(|k| !taken(k));
                if let (Some(word), Some(key)) = (bound.binding.footer, reachable)
                    && applies(bound.binding.action)
                {
                    hints.push((self.label(key), word));
                }
            }
        }
        hints
    }

    /// The footer-worthy keys of `scope` with their words, for the last line
    /// of a popup: `y yes · n Esc no`.
    pub fn hint_line(&self, scope: Scope) -> String {
        self.bindings(scope)
            .filter_map(|b| {
                b.binding
                    .footer
                    .map(|word| format!("{} {word}", self.keys_label(&b)))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }

    /// The first key bound to `action` in `scope`, as the footer writes it,
    /// for text that names a key without writing it a second time.
    pub fn key_for(&self, scope: Scope, action: Action) -> String {
        self.bindings(scope)
            .find(|b| b.binding.action == action)
            .and_then(|b| b.keys.first())
            .map(|k| self.label(k))
            .unwrap_or_default()
    }

    /// A sentence naming a key: `hint(Impact, Add, "adds one")` is
    /// "a adds one", or "A adds one" for someone who moved it to `A`.
    pub fn hint(&self, scope: Scope, action: Action, words: &str) -> String {
        format!("{} {words}", self.key_for(scope, action))
    }

    /// All the key labels of a binding, as help shows them: `↑ k`.
    pub fn keys_label(&self, bound: &Bound) -> String {
        bound
            .keys
            .iter()
            .map(|k| self.label(k))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn resolve(scopes: &[Scope], event: &KeyEvent) -> Option<Action> {
        Keymap::default().resolve(scopes, event)
    }

    fn footer_hints(scopes: &[Scope]) -> Vec<(String, &'static str)> {
        Keymap::default().footer_hints(scopes, |_| true)
    }

    #[test]
    fn screen_scope_wins_over_global() {
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            resolve(&[Scope::Impact, Scope::Global], &enter),
            Some(Action::Edit)
        );
        assert_eq!(resolve(&[Scope::Global], &enter), None);
    }

    #[test]
    fn shifted_characters_and_back_tab_match() {
        assert_eq!(
            resolve(
                &[Scope::List],
                &press(KeyCode::Char('G'), KeyModifiers::SHIFT)
            ),
            Some(Action::Bottom)
        );
        assert_eq!(
            resolve(
                &[Scope::Global],
                &press(KeyCode::BackTab, KeyModifiers::SHIFT)
            ),
            Some(Action::PrevTab)
        );
        assert_eq!(
            resolve(
                &[Scope::Global],
                &press(KeyCode::Char('c'), KeyModifiers::CONTROL)
            ),
            Some(Action::ForceQuit)
        );
        // Ctrl-U is not `u`.
        assert_eq!(
            resolve(
                &[Scope::Global],
                &press(KeyCode::Char('u'), KeyModifiers::CONTROL)
            ),
            None
        );
    }

    #[test]
    fn the_default_table_has_no_conflict_and_one_id_per_line() {
        assert_eq!(Keymap::default().check(&[]), Ok(()));
        let mut ids: Vec<String> = KEYS.iter().map(Binding::id).collect();
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "two lines of the table share an id");
    }

    #[test]
    fn every_default_key_is_written_as_it_is_read() {
        for binding in KEYS {
            for key in binding.keys {
                for ascii in [true, false] {
                    assert_eq!(
                        Key::parse(&key.label(ascii)).as_ref(),
                        Ok(key),
                        "{} of {}",
                        key.label(ascii),
                        binding.id()
                    );
                }
            }
        }
        assert_eq!(Key::parse("ctrl-s"), Ok(ctrl('s')));
        assert_eq!(Key::parse("PageDown"), Ok(code(KeyCode::PageDown)));
        assert!(Key::parse("Hyper-x").is_err());
        assert!(Key::parse("Ctrl-1").is_err());
    }

    #[test]
    fn a_rebound_key_is_resolved_named_and_checked() {
        let mut keys = Keymap::default();
        keys.rebind("impact.add", &["A"])
            .expect("A is free in Impact");
        let a = press(KeyCode::Char('A'), KeyModifiers::SHIFT);
        assert_eq!(keys.resolve(&[Scope::Impact], &a), Some(Action::Add));
        assert_eq!(
            keys.hint(Scope::Impact, Action::Add, "adds one"),
            "A adds one"
        );
        assert_eq!(keys.check(&["impact.add".into()]), Ok(()));
        // `e` already edits in Impact: adding with it would do two things.
        keys.rebind("impact.add", &["e"])
            .expect("a key it can read");
        let refused = keys.check(&["impact.add".into()]);
        assert_eq!(
            refused,
            Err(Refusal::Conflict {
                key: "e".into(),
                scope: Scope::Impact,
                ids: ["impact.add".into(), "impact.edit".into()],
            })
        );
        assert!(matches!(
            keys.rebind("impact.ad", &["a"]),
            Err(Refusal::UnknownAction(_))
        ));
        assert!(matches!(
            keys.rebind("global.force_quit", &["Q"]),
            Err(Refusal::Unusable { .. })
        ));
    }

    #[test]
    fn in_a_note_the_footer_says_enter_adds_a_line_and_ctrl_s_saves() {
        let hints = footer_hints(&[Scope::FormNote, Scope::Form]);
        assert!(
            hints.contains(&("Enter".to_string(), "new line")),
            "{hints:?}"
        );
        assert!(hints.contains(&("Ctrl-S".to_string(), "save")), "{hints:?}");
        assert!(!hints.contains(&("Enter".to_string(), "save")), "{hints:?}");
        let single = footer_hints(&[Scope::Form]);
        assert!(
            single.contains(&("Enter".to_string(), "save")),
            "{single:?}"
        );
        // The key the footer shows does what it says.
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            resolve(&[Scope::FormNote, Scope::Form], &enter),
            Some(Action::NewLine)
        );
        let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(
            resolve(&[Scope::FormNote, Scope::Form], &ctrl_s),
            Some(Action::Submit)
        );
    }

    #[test]
    fn footer_uses_the_first_key_and_the_short_word() {
        let hints = footer_hints(&[Scope::Confirm]);
        assert_eq!(
            hints,
            vec![("y".to_string(), "yes"), ("n".to_string(), "no")]
        );
        let only_no = Keymap::default().footer_hints(&[Scope::Confirm], |a| a == Action::No);
        assert_eq!(only_no, vec![("n".to_string(), "no")]);
    }
}
