//! The Now tab's forms and what their values become: a hand tick, the
//! positioning self-check, a signal, the notice terms, and the weekly
//! review's forms. Every value is checked by the domain before it is saved.

use super::{NowScreen, Purpose};
use crate::domain::Invalid;
use crate::domain::checklist::deadlines::end_of_month;
use crate::domain::checklist::{
    ExposureFactor, Initiative, ItemId, LayoffNotice, ManualTick, Positioning, SaferFactor, Signal,
    SignalKind,
};
use crate::domain::edit::{Edit, Section};
use crate::domain::runway::consistency::job_cover_warning;
use crate::tui::screens::Cx;
use crate::tui::screens::win_form::{win_form, win_from};
use crate::tui::widgets::form::Form;

/// The short form labels of the article's factors (the article's full words
/// are in the explanation, `x`, and the guide).
fn exposure_label(factor: ExposureFactor) -> &'static str {
    match factor {
        ExposureFactor::LayeredManagement => "Exposed · layered management role",
        ExposureFactor::SpecialistSalesSlowSegment => {
            "Exposed · specialist sales tied to a slow segment"
        }
        ExposureFactor::ProgramOpsWithoutMetrics => {
            "Exposed · program/operations role without clear metrics"
        }
        ExposureFactor::NonTechnicalSaturatedLocation => {
            "Exposed · non-technical role in a saturated location"
        }
    }
}

fn safer_label(factor: SaferFactor) -> &'static str {
    match factor {
        SaferFactor::CoreServicesEngineer => "Safer · engineer building core services",
        SaferFactor::ArchitectWithTopTierCustomers => {
            "Safer · solution architect with top-tier customers"
        }
        SaferFactor::SecurityComplianceSpecialist => {
            "Safer · security, compliance or regulated-industry specialist"
        }
        SaferFactor::StrategicInitiativeLeader => {
            "Safer · leader on a strategic initiative (GenAI, migration)"
        }
    }
}

impl NowScreen {
    pub(super) fn tick_form(&self, item: ItemId) -> Form {
        Form::new(
            format!("Tick “{}” done by hand", item.title()),
            self.today,
            Purpose::Tick(item),
        )
        .text("note", "Why it counts as done (one line)", "", true)
        .hint("the computed status and reason stay visible beside your tick")
        .date("date", "Date", Some(self.today), true)
    }

    pub(super) fn self_check_form(&self) -> Form {
        let p = &self.positioning;
        let mut choices = vec!["No".to_string()];
        choices.extend(Initiative::ALL.iter().map(|i| i.label().to_string()));
        let selected = p
            .strategic
            .and_then(|s| Initiative::ALL.iter().position(|i| *i == s))
            .map_or(0, |at| at + 1);
        let mut form = Form::new(
            "Positioning self-check",
            self.today,
            Purpose::SelfCheck(Box::new(p.clone())),
        )
            .text("team", "Current team", p.team.as_deref().unwrap_or(""), false)
            .choice(
                "strategic",
                "Does it work on a strategic initiative?",
                choices,
                selected,
            )
            .hint("the article names AI platforms, major enterprise migrations, security, core infrastructure")
            .text(
                "initiative",
                "Which initiative",
                p.initiative.as_deref().unwrap_or(""),
                false,
            )
            .hint("in your words, e.g. Bedrock onboarding for media customers");
        for factor in ExposureFactor::ALL {
            form = form.yes_no(
                factor.key(),
                exposure_label(factor),
                p.exposure.contains(&factor),
            );
        }
        for factor in SaferFactor::ALL {
            form = form.yes_no(factor.key(), safer_label(factor), p.safer.contains(&factor));
        }
        form
    }

    pub(super) fn signal_form(&self, signal: Option<&Signal>) -> Form {
        let kind = signal.map_or(SignalKind::BudgetFreeze, |s| s.kind);
        let kinds = SignalKind::ALL
            .iter()
            .map(|k| k.label().to_string())
            .collect();
        let selected = SignalKind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
        let title = if signal.is_some() {
            "Edit signal"
        } else {
            "Log a layoff signal"
        };
        Form::new(title, self.today, Purpose::Signal(signal.cloned()))
            .date(
                "date",
                "When you saw or heard it",
                Some(signal.map_or(self.today, |s| s.date)),
                true,
            )
            .choice("kind", "Which warning sign", kinds, selected)
            .note(
                "note",
                "What exactly (your record, not a prediction)",
                signal.map_or("", |s| s.note.as_str()),
            )
    }

    pub(super) fn notice_form(&self) -> Form {
        let notice = self.notice.as_ref();
        let date = notice.map(|n| n.date).or(self.notice_pay_start);
        let cover_hint = match self.separation {
            Some(separation) => format!(
                "blank: assume the end of the separation month ({})",
                end_of_month(separation)
            ),
            None => "blank: assume the end of the separation month".to_string(),
        };
        Form::new(
            "Notice and deadlines",
            self.today,
            Purpose::Notice(self.notice.clone()),
        )
        .date("date", "Notice date", date, false)
        .hint("the day you were given notice; blank: no notice (no deadlines)")
        .text(
            "review_days",
            "Days to review the severance agreement",
            &notice
                .and_then(|n| n.review_days)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            false,
        )
        .hint("often 21, or 45 in a group layoff for workers 40 and over; blank if unknown")
        .date(
            "cover_ends",
            "Last day of job health cover",
            notice.and_then(|n| n.cover_ends),
            false,
        )
        .hint(&cover_hint)
    }

    /// Turns a submitted form into an edit, checked by the domain first so a
    /// refused value shows under its field and nothing is saved.
    pub(super) fn submit(&mut self, form: &Form, cx: &mut Cx) -> Result<(), Invalid> {
        let Some(purpose) = form.purpose::<Purpose>() else {
            return Ok(());
        };
        match purpose {
            Purpose::Tick(item) => {
                let tick = ManualTick {
                    id: 0,
                    item: *item,
                    date: form
                        .value_date("date")
                        .ok_or_else(|| Invalid::new("date", "enter a date"))?,
                    note: form.value_text("note"),
                };
                tick.validate(self.today)?;
                cx.wb.now.check_tick(&tick)?;
                cx.edit(Edit::Add(tick.into()), "ticked done by hand");
            }
            Purpose::SelfCheck(before) => {
                let positioning = self.positioning_from(form);
                positioning.validate(self.today)?;
                cx.edit(
                    Edit::set(
                        Section::Positioning((**before).clone()),
                        Section::Positioning(positioning),
                    ),
                    "self-check saved",
                );
            }
            Purpose::Signal(before) => {
                let signal = Signal {
                    id: before.as_ref().map_or(0, |s| s.id),
                    date: form
                        .value_date("date")
                        .ok_or_else(|| Invalid::new("date", "enter a date"))?,
                    kind: SignalKind::ALL[form.value_choice("kind").min(SignalKind::ALL.len() - 1)],
                    note: form.value_text("note"),
                };
                signal.validate(self.today)?;
                match before {
                    Some(before) => cx.edit(Edit::update(before.clone(), signal), "signal updated"),
                    None => cx.edit(Edit::Add(signal.into()), "signal logged"),
                }
            }
            Purpose::Notice(before) => {
                let notice = notice_from(form)?;
                let cover_ends = notice.as_ref().and_then(|n| n.cover_ends);
                let mut done = if notice.is_some() {
                    "notice saved".to_string()
                } else {
                    "notice cleared".to_string()
                };
                // Refused nothing, but said after saving. The warning leads, so both
                // dates still show on an 80-column status line; it is part of the
                // saved message, so a failed save still shows its error instead.
                if let Some(warning) = job_cover_warning(cx.wb.runway.separation, cover_ends) {
                    done = format!("! {warning} · {done}");
                }
                cx.edit(
                    Edit::set(
                        Section::LayoffNotice(before.clone()),
                        Section::LayoffNotice(notice),
                    ),
                    done,
                );
            }
            Purpose::ReviewWin
            | Purpose::ReviewCash(_)
            | Purpose::ReviewFollowUp(_)
            | Purpose::ReviewContact(_) => self.submit_review(form, cx)?,
        }
        Ok(())
    }

    fn positioning_from(&self, form: &Form) -> Positioning {
        let strategic = form
            .value_choice("strategic")
            .checked_sub(1)
            .and_then(|at| Initiative::ALL.get(at).copied());
        Positioning {
            team: form.value_opt_text("team"),
            strategic,
            initiative: form.value_opt_text("initiative"),
            exposure: ExposureFactor::ALL
                .into_iter()
                .filter(|f| form.value_yes(f.key()))
                .collect(),
            safer: SaferFactor::ALL
                .into_iter()
                .filter(|f| form.value_yes(f.key()))
                .collect(),
            reviewed: Some(self.today),
        }
    }

    pub(super) fn review_win_form(&self) -> Form {
        win_form(
            "Weekly review · log a win",
            self.today,
            None,
            Purpose::ReviewWin,
        )
    }

    pub(super) fn review_win_from(
        &self,
        form: &Form,
    ) -> Result<crate::domain::impact::Win, Invalid> {
        win_from(form, 0, self.today)
    }
}

/// The notice terms a form describes; a blank notice date clears them.
fn notice_from(form: &Form) -> Result<Option<LayoffNotice>, Invalid> {
    let Some(date) = form.value_date("date") else {
        return Ok(None);
    };
    let review_days = match form.value_opt_text("review_days") {
        Some(text) => Some(text.parse::<u32>().map_err(|_| {
            Invalid::new(
                "review_days",
                format!("{text:?} is not a whole number of days"),
            )
        })?),
        None => None,
    };
    let notice = LayoffNotice {
        date,
        review_days,
        cover_ends: form.value_date("cover_ends"),
    };
    notice.validate()?;
    Ok(Some(notice))
}
