//! A pick-list that filters as you type. Typing narrows the options by word
//! (labels, keys and the everyday synonyms `domain::choice` knows: "LinkedIn"
//! finds Job board); ↑/↓ move through the matches and Enter takes one. What is
//! typed never changes the choice by itself: leaving the field takes a match
//! only when what was typed is a whole word of one option (its key, a word of
//! its label, a synonym: `cost`, `LinkedIn`), never the start of one (`r`,
//! `interv`); otherwise the choice stays and the field says what Enter would
//! take, and the words cannot be saved until taken or forgotten.

use super::input::clean;
use crate::domain::choice::{self, Choice};
use crate::text::fit;
use crate::tui::keymap::{Action, Keymap, Scope};
use crate::tui::theme::Theme;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// A type a pick-list offers: its options, each with a label and the other
/// words that mean it.
pub trait Pick: Copy + PartialEq + 'static {
    fn options() -> Vec<Self>;
    fn label(&self) -> String;
    /// Words besides the label that choose this option (a key, synonyms).
    fn names(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Every enum read from words in the domain is a pick-list, with its words.
impl<T: Choice> Pick for T {
    fn options() -> Vec<Self> {
        T::CHOICES.all.to_vec()
    }

    fn label(&self) -> String {
        (T::CHOICES.label)(self).to_string()
    }

    fn names(&self) -> Vec<String> {
        T::CHOICES
            .names(*self)
            .into_iter()
            .skip(1)
            .map(str::to_string)
            .collect()
    }
}

/// Matches listed under the field while typing; more are counted.
const SHOWN: usize = 5;

/// The most characters of a query kept (a pasted paragraph is cut).
const QUERY_CHARS: usize = 200;

pub struct PickList {
    /// Each option's names, its label first.
    options: Vec<Vec<String>>,
    selected: usize,
    query: String,
    /// The options the query fits, best first.
    matches: Vec<usize>,
    /// Which of `matches` Enter takes.
    highlight: usize,
}

impl PickList {
    pub fn new<T: Pick>(selected: T) -> Self {
        let all = T::options();
        let options = all
            .iter()
            .map(|o| std::iter::once(o.label()).chain(o.names()).collect())
            .collect();
        Self {
            options,
            selected: all.iter().position(|o| *o == selected).unwrap_or(0),
            query: String::new(),
            matches: Vec::new(),
            highlight: 0,
        }
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    fn label(&self, option: usize) -> &str {
        self.options
            .get(option)
            .and_then(|names| names.first())
            .map_or("", String::as_str)
    }

    pub fn filtering(&self) -> bool {
        !self.query.is_empty()
    }

    /// What the field holds, for telling whether the form was changed.
    pub fn snapshot(&self) -> String {
        format!("{}|{}", self.selected, self.query)
    }

    fn refilter(&mut self) {
        self.matches = choice::filter(&self.query, &self.options);
        self.highlight = 0;
    }

    pub fn type_char(&mut self, c: char) {
        if self.query.is_empty() && c.is_whitespace() {
            return;
        }
        self.query.push_str(&clean(&c.to_string(), false));
        self.refilter();
    }

    /// Pasted text joins the query, on one line.
    pub fn paste(&mut self, text: &str) {
        let text = clean(text, false);
        self.query.push_str(text.trim_start_matches(' '));
        // Words for a list of options, not a paragraph.
        if self.query.chars().count() > QUERY_CHARS {
            self.query = self.query.chars().take(QUERY_CHARS).collect();
        }
        self.refilter();
    }

    pub fn backspace(&mut self) {
        self.query.pop();
        self.refilter();
    }

    /// Forgets what was typed; the choice stays as it was.
    pub fn clear_query(&mut self) {
        self.query.clear();
        self.matches.clear();
    }

    /// The next or previous option, without typing.
    pub fn step(&mut self, forward: bool) {
        let n = self.options.len().max(1);
        self.selected = if forward {
            (self.selected + 1) % n
        } else {
            (self.selected + n - 1) % n
        };
    }

    /// Moves the highlight through the matches.
    pub fn move_highlight(&mut self, down: bool) {
        let n = self.matches.len();
        if n > 0 {
            self.highlight = if down {
                (self.highlight + 1).min(n - 1)
            } else {
                self.highlight.saturating_sub(1)
            };
        }
    }

    /// Takes the highlighted match; `false` when nothing matches.
    pub fn take(&mut self) -> bool {
        match self.matches.get(self.highlight) {
            Some(&option) => {
                self.selected = option;
                self.clear_query();
                true
            }
            None => false,
        }
    }

    /// On leaving the field: a whole word of exactly one option takes it.
    pub fn settle(&mut self) {
        if let Some(option) = choice::whole(&self.query, &self.options) {
            self.selected = option;
            self.clear_query();
        }
    }

    /// Why the typed words cannot be saved, while they are pending.
    pub fn problem(&self, keys: &Keymap) -> Option<String> {
        if !self.filtering() {
            return None;
        }
        let typed = self.query.trim();
        let take = keys.key_for(Scope::FormPickFilter, Action::TakeMatch);
        let keep = keys.hint(Scope::FormPickFilter, Action::FilterClear, "keeps");
        let keep = format!("{keep} {}", self.label(self.selected));
        Some(match self.matches.as_slice() {
            [] => format!("“{typed}” is none of the options; {keep}"),
            [one] => format!(
                "{take} takes “{}”; keep typing for another",
                self.label(*one)
            ),
            several => format!(
                "“{typed}” fits {} options ({}); type more, or pick one with {}/{} and {take}",
                several.len(),
                several
                    .iter()
                    .take(3)
                    .map(|&o| self.label(o))
                    .collect::<Vec<_>>()
                    .join(" / "),
                keys.key_for(Scope::FormPickFilter, Action::Up),
                keys.key_for(Scope::FormPickFilter, Action::Down),
            ),
        })
    }

    /// The hint under the focused field.
    pub fn hint(&self, keys: &Keymap) -> String {
        if self.filtering() {
            format!(
                "{}/{} choose · {} · {} {}",
                keys.key_for(Scope::FormPickFilter, Action::Up),
                keys.key_for(Scope::FormPickFilter, Action::Down),
                keys.hint(Scope::FormPickFilter, Action::TakeMatch, "takes it"),
                keys.hint(Scope::FormPickFilter, Action::FilterClear, "keeps"),
                self.label(self.selected)
            )
        } else {
            let step = keys.key_for(Scope::FormPick, Action::NextOption);
            let back = keys.key_for(Scope::FormPick, Action::PrevOption);
            format!("type to narrow the list (a word, e.g. the start of one) · {back}/{step} steps")
        }
    }

    /// The lines the field shows: the choice, or what was typed and the matches.
    pub fn lines(&self, focused: bool, width: usize, theme: &Theme) -> Vec<Line<'static>> {
        let avail = width.saturating_sub(2);
        let current = self.label(self.selected).to_string();
        if !self.filtering() {
            let text = if focused {
                format!("‹ {current} ›")
            } else {
                current
            };
            return vec![Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(&text, avail), theme.input()),
            ])];
        }
        let mut typed = vec![
            Span::raw("  "),
            Span::styled(fit(&self.query, avail.saturating_sub(1)), theme.input()),
        ];
        if !focused {
            // Words left pending: the choice they did not change is still shown.
            let room = avail.saturating_sub(self.query.width().min(avail));
            typed.push(Span::styled(
                fit(&format!(" · still {current}"), room),
                theme.dim(),
            ));
            return vec![Line::from(typed)];
        }
        typed.push(Span::styled(" ", theme.cursor()));
        let mut out = vec![Line::from(typed)];
        if self.matches.is_empty() {
            out.push(Line::styled(
                fit("    no option fits these words", avail),
                theme.bad(),
            ));
        }
        let first = self.highlight.saturating_sub(SHOWN - 1);
        for (at, &option) in self.matches.iter().enumerate().skip(first).take(SHOWN) {
            let marker = if at == self.highlight {
                "  ▸ "
            } else {
                "    "
            };
            let text = fit(&format!("{marker}{}", self.why(option)), width);
            let style = if at == self.highlight {
                theme.selected()
            } else {
                theme.text()
            };
            out.push(Line::styled(text, style));
        }
        let more = self.matches.len().saturating_sub(first + SHOWN);
        if more > 0 {
            out.push(Line::styled(format!("    … {more} more"), theme.dim()));
        }
        out
    }

    /// An option's label, and the word that made it match when the label did not.
    fn why(&self, option: usize) -> String {
        let names = &self.options[option];
        let label = self.label(option);
        if choice::fit(&self.query, &names[..1]).is_some() {
            return label.to_string();
        }
        match names[1..]
            .iter()
            .find(|n| choice::fit(&self.query, std::slice::from_ref(n)).is_some())
        {
            Some(word) => format!("{label} · {word}"),
            None => label.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Category;
    use crate::domain::pipeline::{Relationship, Source, Stage};

    fn typed(list: &mut PickList, text: &str) {
        text.chars().for_each(|c| list.type_char(c));
    }

    #[test]
    fn linkedin_finds_the_job_board_through_its_synonym() {
        let mut source = PickList::new(Source::Other);
        typed(&mut source, "LinkedIn");
        assert_eq!(
            source
                .problem(&Keymap::default())
                .as_deref()
                .map(|p| p.contains("Job board")),
            Some(true)
        );
        source.settle();
        assert_eq!(Source::ALL[source.selected()], Source::JobBoard);
        assert!(!source.filtering());
    }

    #[test]
    fn one_letter_that_fits_one_option_is_not_taken_on_leaving() {
        // `r` fits only Rejected: leaving the field used to take it.
        let mut stage = PickList::new(Stage::Applied);
        typed(&mut stage, "r");
        stage.settle();
        assert_eq!(Stage::ALL[stage.selected()], Stage::Applied);
        assert_eq!(
            stage.problem(&Keymap::default()).as_deref(),
            Some("Enter takes “Rejected”; keep typing for another")
        );
        // Enter takes it on purpose.
        let shown: Vec<String> = stage
            .lines(false, 40, &Theme::plain())
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(
            shown,
            ["  r · still Applied"],
            "what the field holds, unfocused"
        );
        assert!(stage.take());
        assert_eq!(Stage::ALL[stage.selected()], Stage::Rejected);
        // The whole word is taken on leaving.
        let mut stage = PickList::new(Stage::Applied);
        typed(&mut stage, "rejected");
        stage.settle();
        assert_eq!(Stage::ALL[stage.selected()], Stage::Rejected);
        assert_eq!(stage.problem(&Keymap::default()), None);
    }

    #[test]
    fn no_single_letter_changes_a_choice() {
        // On Applied, `a` used to jump to Accepted.
        let mut stage = PickList::new(Stage::Applied);
        typed(&mut stage, "a");
        stage.settle();
        assert_eq!(
            Stage::ALL[stage.selected()],
            Stage::Applied,
            "still Applied"
        );
        let problem = stage
            .problem(&Keymap::default())
            .expect("a pending, ambiguous word");
        assert!(
            problem.contains("fits 2 options (Applied / Accepted)"),
            "{problem}"
        );
        // From Peer, `r` used to give Referral.
        let mut who = PickList::new(Relationship::Peer);
        typed(&mut who, "r");
        who.settle();
        assert_eq!(Relationship::ALL[who.selected()], Relationship::Peer);
    }

    #[test]
    fn arrows_move_through_the_matches_and_enter_takes_one() {
        let mut lever = PickList::new(Category::Other);
        typed(&mut lever, "c");
        lever.move_highlight(true);
        assert!(lever.take());
        assert_eq!(Category::ALL[lever.selected()], Category::CostSavings);
        typed(&mut lever, "zzz");
        assert!(!lever.take(), "nothing fits: nothing taken");
        assert!(
            lever
                .problem(&Keymap::default())
                .expect("pending")
                .contains("none of the options")
        );
        lever.clear_query();
        assert_eq!(Category::ALL[lever.selected()], Category::CostSavings);
        assert_eq!(lever.problem(&Keymap::default()), None);
    }

    #[test]
    fn a_match_through_a_synonym_says_which_word() {
        let mut source = PickList::new(Source::Other);
        typed(&mut source, "linked");
        let lines: Vec<String> = source
            .lines(true, 40, &Theme::plain())
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(lines[1].trim_end(), "  ▸ Job board · linkedin");
    }
}
