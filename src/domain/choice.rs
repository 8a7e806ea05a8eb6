//! Reading the words people type for a choice (a stage, a category, a
//! schedule …): any case, with or without spaces, hyphens, underscores or
//! other punctuation, by key or by label or by an everyday synonym. The same
//! words narrow a form's pick-list as the person types ([`filter`]).

/// Lower case letters and digits only, so "Job-Board", "job_board",
/// " job  board " and "Meta 2022" / "meta2022" compare equal.
pub(crate) fn squash(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `input`, lower case: runs of letters and digits.
fn words(input: &str) -> Vec<String> {
    input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// "an" before a vowel sound ("an initiative", "an exposure factor"), else
/// "a" ("a stage", "a one-off kind", "a yes or no").
fn article(noun: &str) -> &'static str {
    if noun.starts_with(['a', 'e', 'i', 'o', 'u']) && !noun.starts_with("one") {
        "an"
    } else {
        "a"
    }
}

/// One enum's words: its choices, their key and label, and extra everyday words
/// that mean a choice (e.g. "linkedin" for a job board).
pub struct Choices<T: 'static> {
    pub what: &'static str,
    pub all: &'static [T],
    pub key: fn(&T) -> &'static str,
    pub label: fn(&T) -> &'static str,
    pub synonyms: &'static [(&'static str, T)],
}

/// A type read from words: its one list of values, keys, labels and synonyms.
pub trait Choice: Copy + PartialEq + 'static {
    const CHOICES: Choices<Self>;
}

impl<T: Copy + PartialEq + 'static> Choices<T> {
    /// The choice whose key, label or synonym matches `input`, or a message listing
    /// the valid keys.
    pub fn parse(&self, input: &str) -> Result<T, String> {
        let wanted = squash(input);
        if wanted.is_empty() {
            return Err(format!(
                "enter {} {} (one of: {})",
                article(self.what),
                self.what,
                self.keys()
            ));
        }
        let by_name = self
            .all
            .iter()
            .find(|c| squash((self.key)(c)) == wanted || squash((self.label)(c)) == wanted);
        let by_synonym = || {
            self.synonyms
                .iter()
                .find(|(word, _)| squash(word) == wanted)
                .map(|(_, c)| c)
        };
        by_name.or_else(by_synonym).copied().ok_or_else(|| {
            format!(
                "{:?} is not {} {} (choose one of: {})",
                input.trim(),
                article(self.what),
                self.what,
                self.keys()
            )
        })
    }

    /// Every word `choice` answers to: its label first, then its key and synonyms.
    pub fn names(&self, choice: T) -> Vec<&'static str> {
        let mut names = vec![(self.label)(&choice), (self.key)(&choice)];
        names.extend(
            self.synonyms
                .iter()
                .filter(|(_, c)| *c == choice)
                .map(|(word, _)| *word),
        );
        names
    }

    fn keys(&self) -> String {
        self.all.iter().map(self.key).collect::<Vec<_>>().join(", ")
    }
}

/// How well typed text fits an option; the better fits sort first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The whole of one of its names (`cost`, `LinkedIn`, `Job board`).
    Exact,
    /// The start of its label, or of words in it (`cus ret`).
    Label,
    /// The start of its key or of an everyday synonym.
    Other,
}

/// Whether `name` starts with what was typed, or each typed word starts one
/// of its words (`job b` fits "Job board", `ret` fits "Customer retention").
fn starts(typed_words: &[String], typed: &str, name: &str) -> bool {
    if squash(name).starts_with(typed) {
        return true;
    }
    let name_words = words(name);
    typed_words
        .iter()
        .all(|t| name_words.iter().any(|w| w.starts_with(t.as_str())))
}

/// How `typed` fits an option known by `names` (its label first), if at all.
pub fn fit<S: AsRef<str>>(typed: &str, names: &[S]) -> Option<Fit> {
    let squashed = squash(typed);
    if squashed.is_empty() {
        return None;
    }
    let typed_words = words(typed);
    if names.iter().any(|n| squash(n.as_ref()) == squashed) {
        return Some(Fit::Exact);
    }
    let mut rest = names.iter().map(AsRef::as_ref);
    if rest
        .next()
        .is_some_and(|label| starts(&typed_words, &squashed, label))
    {
        return Some(Fit::Label);
    }
    rest.any(|name| starts(&typed_words, &squashed, name))
        .then_some(Fit::Other)
}

/// The options `typed` fits, as indices into `options` (each given by its
/// names, label first), best fit first and otherwise in their own order.
pub fn filter<S: AsRef<str>>(typed: &str, options: &[Vec<S>]) -> Vec<usize> {
    let mut fits: Vec<(Fit, usize)> = options
        .iter()
        .enumerate()
        .filter_map(|(i, names)| fit(typed, names).map(|f| (f, i)))
        .collect();
    fits.sort();
    fits.into_iter().map(|(_, i)| i).collect()
}

/// The one option `typed` names whole, if exactly one: one of its names
/// (label, key or synonym), or one word of its label (`cost` for Cost
/// savings, `retention` for Customer retention). The start of a word
/// (`interv`, a single letter) names nothing: it only narrows the list.
pub fn whole<S: AsRef<str>>(typed: &str, options: &[Vec<S>]) -> Option<usize> {
    let wanted = squash(typed);
    if wanted.is_empty() {
        return None;
    }
    let names = |names: &[S]| {
        let label_words = names.first().map(|l| words(l.as_ref())).unwrap_or_default();
        names.iter().any(|n| squash(n.as_ref()) == wanted) || label_words.contains(&wanted)
    };
    let mut named = options
        .iter()
        .enumerate()
        .filter(|(_, n)| names(n))
        .map(|(i, _)| i);
    match (named.next(), named.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::Category;
    use crate::domain::pipeline::{Relationship, Source, Stage, Track};
    use crate::domain::runway::reference::KffPlan;
    use crate::domain::runway::{CoverKind, OneOffKind};
    use crate::domain::severance::TemplateKind;
    use crate::domain::vesting::{BonusKind, Rounding, ScheduleKind};

    #[test]
    fn refusals_take_the_right_article() {
        assert_eq!(article("initiative"), "an");
        assert_eq!(article("exposure factor"), "an");
        assert_eq!(article("one-off kind"), "a");
        assert_eq!(article("stage"), "a");
        let err = "green".parse::<OneOffKind>().unwrap_err();
        assert!(err.starts_with("\"green\" is not a one-off kind"), "{err}");
    }

    #[test]
    fn separators_and_case_do_not_matter() {
        assert_eq!(squash("  Job-Board "), "jobboard");
        assert_eq!(squash("job__board"), "jobboard");
        assert_eq!(squash("Meta 2022"), squash("meta_2022"));
        assert_eq!(squash(" - "), "");
    }

    #[test]
    fn choices_match_keys_and_labels_loosely() {
        for typed in [
            "meta_2022",
            "Meta 2022",
            "META-2022",
            "meta2022",
            " meta 2022 ",
        ] {
            assert_eq!(typed.parse(), Ok(TemplateKind::Meta2022));
        }
        let err = "green".parse::<TemplateKind>().unwrap_err();
        assert!(
            err.starts_with(
                "\"green\" is not a severance template (choose one of: generic, meta_2022"
            ),
            "{err}"
        );
    }

    fn options<T: Choice>() -> Vec<Vec<&'static str>> {
        T::CHOICES
            .all
            .iter()
            .map(|c| T::CHOICES.names(*c))
            .collect()
    }

    /// The one choice `typed` names whole among `T`'s: what leaving a
    /// pick-list takes.
    fn means<T: Choice>(typed: &str) -> Option<T> {
        whole(typed, &options::<T>()).map(|i| T::CHOICES.all[i])
    }

    fn fitting<T: Choice>(typed: &str) -> Vec<T> {
        filter(typed, &options::<T>())
            .into_iter()
            .map(|i| T::CHOICES.all[i])
            .collect()
    }

    #[test]
    fn what_people_type_means_the_choice_they_meant() {
        assert_eq!(means::<Source>("LinkedIn"), Some(Source::JobBoard));
        assert_eq!(means::<Category>("cost"), Some(Category::CostSavings));
        assert_eq!(
            means::<Category>("retention"),
            Some(Category::CustomerRetention),
            "a word of the label"
        );
        assert_eq!(
            means::<Relationship>("recruiter"),
            Some(Relationship::Recruiter)
        );
        assert_eq!(means::<Source>("recruiter"), Some(Source::Recruiter));
        assert_eq!(means::<Stage>("applied"), Some(Stage::Applied));
        assert_eq!(means::<Stage>("Rejected"), Some(Stage::Rejected));
        assert_eq!(means::<Track>("consulting"), Some(Track::Consulting));
        assert_eq!(
            means::<Relationship>("talent partner"),
            Some(Relationship::Recruiter)
        );
        assert_eq!(
            means::<Category>("churn"),
            Some(Category::CustomerRetention)
        );
        assert_eq!(means::<Source>("job board"), Some(Source::JobBoard));
    }

    #[test]
    fn the_start_of_a_word_narrows_the_list_but_names_nothing() {
        // Each fits one option only, yet is not a word of it: Enter takes
        // the match on purpose; leaving the field does not.
        assert_eq!(fitting::<Source>("linked"), [Source::JobBoard]);
        assert_eq!(means::<Source>("linked"), None);
        assert_eq!(fitting::<Stage>("interv"), [Stage::Interviewing]);
        assert_eq!(means::<Stage>("interv"), None);
        assert_eq!(fitting::<Stage>("r"), [Stage::Rejected]);
        assert_eq!(
            means::<Stage>("r"),
            None,
            "r used to turn Applied into Rejected"
        );
        assert_eq!(means::<Category>("cus ret"), None);
    }

    #[test]
    fn a_first_letter_alone_narrows_but_never_decides_between_several() {
        // The traps of the letter-jumping lists: each letter fits more than one.
        // Labels first, then a fit through a synonym ("compliance").
        assert_eq!(
            fitting::<Category>("c"),
            [
                Category::CustomerRetention,
                Category::CostSavings,
                Category::RiskReduction
            ]
        );
        assert_eq!(means::<Category>("c"), None);
        assert_eq!(fitting::<Stage>("a"), [Stage::Applied, Stage::Accepted]);
        assert_eq!(means::<Stage>("a"), None);
        assert_eq!(means::<Relationship>("r"), None);
        assert_eq!(means::<Track>("c"), None);
        assert_eq!(
            means::<Source>("i"),
            None,
            "Internal, and Indeed for a job board"
        );
    }

    #[test]
    fn words_match_the_starts_of_words_in_any_order() {
        assert_eq!(
            fitting::<Category>("ret cust"),
            [Category::CustomerRetention]
        );
        assert_eq!(fitting::<Source>("job b"), [Source::JobBoard]);
        assert_eq!(fitting::<Source>("jobbo"), [Source::JobBoard]);
        assert!(fitting::<Source>("carrier pigeon").is_empty());
        assert!(
            fitting::<Source>(" - ").is_empty(),
            "nothing typed fits nothing"
        );
    }

    #[test]
    fn a_whole_name_wins_over_options_it_only_starts() {
        // "other" is Source::Other's whole key; it starts no other option.
        assert_eq!(means::<Source>("other"), Some(Source::Other));
        // "offer" is a whole stage, though it does not start another.
        assert_eq!(fitting::<Stage>("offer")[0], Stage::Offer);
        // A label fit sorts before a fit through a synonym.
        let found = fitting::<Track>("cloud");
        assert_eq!(found[0], Track::CloudOrSaas);
    }

    /// Every enum read through `Choices`: no word may name two of its choices,
    /// or typing that word could mean either.
    #[test]
    fn no_word_names_two_choices_of_one_kind() {
        fn check<T: Choice + std::fmt::Debug>() {
            let all = T::CHOICES.all;
            for a in all {
                for b in all {
                    if a == b {
                        continue;
                    }
                    for name in T::CHOICES.names(*a) {
                        let clash = T::CHOICES
                            .names(*b)
                            .iter()
                            .any(|n| squash(n) == squash(name));
                        assert!(!clash, "{name:?} names both {a:?} and {b:?}");
                    }
                }
            }
        }
        check::<Source>();
        check::<Track>();
        check::<Stage>();
        check::<Relationship>();
        check::<Category>();
        check::<CoverKind>();
        check::<OneOffKind>();
        check::<BonusKind>();
        check::<Rounding>();
        check::<ScheduleKind>();
        check::<TemplateKind>();
        check::<KffPlan>();
    }
}
