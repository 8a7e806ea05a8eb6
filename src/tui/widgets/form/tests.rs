//! The form layer, field kind by field kind: typing, replacing a value,
//! pasting, filtering a pick-list, all errors at once, Esc asking first.

use super::*;
use crate::domain::impact::Category;
use crate::domain::pipeline::Source;
use rust_decimal_macros::dec;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn typed(form: &mut Form<()>, text: &str) {
    for c in text.chars() {
        form.on_key(&press(KeyCode::Char(c)));
    }
}

fn tab(form: &mut Form<()>, times: usize) {
    for _ in 0..times {
        form.on_key(&press(KeyCode::Tab));
    }
}

const TITLE: Key<String> = Key::new("title");
const AMOUNT: Key<Option<Decimal>> = Key::new("amount");
const DATE: Key<NaiveDate> = Key::new("date");
const LEVER: Key<Category> = Key::new("category");
const OK: Key<bool> = Key::new("ok");
const NOTES: Key<Option<String>> = Key::new("notes");
const SHARES: Key<Decimal> = Key::new("shares");
const WEEKS: Key<Decimal> = Key::new("weeks");
const MONTHS: Key<u32> = Key::new("months");
const RATE: Key<Decimal> = Key::new("rate");
const SOURCE: Key<Source> = Key::new("source");

fn sample() -> Form<()> {
    Form::new("Add", today(), ())
        .text(TITLE, "Title", "")
        .money(AMOUNT, "Amount", None)
        .date(DATE, "Date", Some(today()))
        .choice(LEVER, "Lever", Category::Other)
        .yes_no(OK, "Essential", false)
        .note(NOTES, "Notes", "")
}

fn error(form: &Form<()>, name: &str) -> Option<String> {
    form.field(name).and_then(|f| f.error.clone())
}

fn shown(form: &Form<()>, width: u16, height: u16) -> String {
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|frame| form.render(frame, frame.area(), &Theme::plain()))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn printable_keys_reach_the_field_before_shortcuts() {
    let mut form = sample();
    // `q`, `u`, `?` and digits are global shortcuts elsewhere; here they are text.
    typed(&mut form, "q? u1");
    assert_eq!(form.get(TITLE), Ok("q? u1".to_string()));
}

#[test]
fn typing_into_a_prefilled_field_replaces_its_value() {
    let mut form = sample();
    tab(&mut form, 2);
    typed(&mut form, "2024-03-01");
    assert_eq!(
        form.get(DATE),
        Ok(NaiveDate::from_ymd_opt(2024, 3, 1).expect("date"))
    );
    // Back into the field: End keeps the value, to edit it.
    let mut form = Form::<()>::new("x", today(), ()).text(TITLE, "Ticker", "AMZN");
    form.on_key(&press(KeyCode::End));
    typed(&mut form, "X");
    assert_eq!(form.get(TITLE), Ok("AMZNX".to_string()));
}

#[test]
fn every_wrong_field_is_marked_at_once_and_the_focus_goes_to_the_first() {
    let mut form = sample();
    tab(&mut form, 1);
    typed(&mut form, "$40x");
    tab(&mut form, 1);
    typed(&mut form, "2026-02-30");
    tab(&mut form, 1);
    typed(&mut form, "c");
    assert_eq!(
        form.on_key(&press(KeyCode::Enter)),
        Outcome::Stay,
        "Enter takes the match"
    );
    typed(&mut form, "zz");
    assert_eq!(form.on_key(&ctrl('s')), Outcome::Stay);
    assert_eq!(error(&form, "title").as_deref(), Some("required"));
    assert!(error(&form, "amount").is_some_and(|e| e.contains("not an amount")));
    assert!(error(&form, "date").is_some_and(|e| e.contains("not a real date")));
    assert!(error(&form, "category").is_some_and(|e| e.contains("none of the options")));
    assert_eq!(form.focus, 0, "the first wrong field has the focus");
    assert_eq!(
        form.get(LEVER),
        Err(Invalid::new(
            "category",
            error(&form, "category").expect("e")
        ))
    );
}

#[test]
fn money_shares_weeks_percent_and_whole_numbers_each_read_their_own_way() {
    let mut form = Form::<()>::new("x", today(), ())
        .money(AMOUNT, "Amount", None)
        .shares(SHARES, "Shares", None)
        .weeks(WEEKS, "Weeks", None)
        .percent(RATE, "Rate", None)
        .whole(MONTHS, "Months", "months", None);
    typed(&mut form, "$40k");
    tab(&mut form, 1);
    typed(&mut form, "$40k");
    tab(&mut form, 1);
    typed(&mut form, "$40k");
    tab(&mut form, 1);
    typed(&mut form, "120%");
    tab(&mut form, 1);
    typed(&mut form, "2.5");
    assert!(!form.validate_all());
    assert_eq!(form.get(AMOUNT), Ok(Some(dec!(40000))));
    assert!(error(&form, "shares").is_some_and(|e| e.contains("looks like money")));
    assert!(error(&form, "weeks").is_some_and(|e| e.contains("number of weeks")));
    assert_eq!(
        error(&form, "rate").as_deref(),
        Some("must be between 0% and 100%")
    );
    assert!(error(&form, "months").is_some_and(|e| e.contains("whole number of months")));
    // Each kind's hint says what it takes; only money mentions `$` or `k`.
    let hints: Vec<String> = form
        .fields
        .iter()
        .filter_map(|f| form.hint_for(f))
        .collect();
    assert!(hints[0].contains("$40k"));
    assert!(
        hints[1..]
            .iter()
            .all(|h| !h.contains('$') && !h.contains("40k")),
        "{hints:?}"
    );
}

#[test]
fn negative_money_is_refused_unless_allowed() {
    let mut form = Form::<()>::new("x", today(), ()).money(AMOUNT, "A", None);
    typed(&mut form, "-5");
    assert!(!form.validate_all());
    assert_eq!(
        error(&form, "amount").as_deref(),
        Some("cannot be negative")
    );
    let mut overdrawn = Form::<()>::new("x", today(), ())
        .money(AMOUNT, "Balance", None)
        .negative_allowed();
    typed(&mut overdrawn, "-5");
    assert!(overdrawn.validate_all());
    assert_eq!(overdrawn.get(AMOUNT), Ok(Some(dec!(-5))));
}

#[test]
fn dates_accept_words_and_offsets() {
    let mut form = Form::<()>::new("x", today(), ()).date(DATE, "D", None);
    typed(&mut form, "+2w");
    assert!(form.validate_all());
    assert_eq!(
        form.get(DATE),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 10).expect("d"))
    );
    let hint = form.hint_for(&form.fields[0]).unwrap_or_default();
    assert_eq!(hint, dates::DATE_FORMS, "the hint comes from dates.rs");
}

#[test]
fn a_pick_list_filters_by_word_and_never_changes_on_one_letter() {
    let mut form = Form::<()>::new("x", today(), ()).choice(SOURCE, "Source", Source::Other);
    typed(&mut form, "LinkedIn");
    assert_eq!(form.scopes()[0], Scope::FormPickFilter);
    tab(&mut form, 1);
    assert_eq!(
        form.get(SOURCE),
        Ok(Source::JobBoard),
        "the one option LinkedIn means"
    );

    let mut lever = Form::<()>::new("x", today(), ()).choice(LEVER, "Lever", Category::Other);
    typed(&mut lever, "c");
    assert_eq!(
        lever.on_key(&ctrl('s')),
        Outcome::Stay,
        "two options fit c: not saved"
    );
    assert_eq!(lever.get(LEVER).map_err(|e| e.field), Err("category"));
    lever.on_key(&press(KeyCode::Down));
    lever.on_key(&press(KeyCode::Enter));
    assert_eq!(lever.get(LEVER), Ok(Category::CostSavings));
    // Esc while typing forgets the words and keeps the choice; it does not close.
    typed(&mut lever, "rev");
    assert_eq!(lever.on_key(&press(KeyCode::Esc)), Outcome::Stay);
    assert_eq!(lever.get(LEVER), Ok(Category::CostSavings));
    // ←/→ still step through every option.
    lever.on_key(&press(KeyCode::Right));
    assert_eq!(lever.get(LEVER), Ok(Category::RiskReduction));
}

#[test]
fn a_paste_goes_into_the_field_as_text_and_never_submits() {
    let mut form = sample();
    form.paste("Cut the build time in half\nq");
    assert_eq!(
        form.get(TITLE),
        Ok("Cut the build time in half q".to_string())
    );
    assert_eq!(form.focus, 0, "a pasted newline did not move on or submit");
    tab(&mut form, 5);
    form.paste("line one\r\nline two");
    assert_eq!(form.get(NOTES), Ok(Some("line one\nline two".to_string())));
    // Into a pick-list it is words to filter by.
    let mut source = Form::<()>::new("x", today(), ()).choice(SOURCE, "Source", Source::Other);
    source.paste("linkedin\n");
    tab(&mut source, 1);
    assert_eq!(source.get(SOURCE), Ok(Source::JobBoard));
}

#[test]
fn in_a_note_enter_adds_a_line_and_the_footer_keys_save() {
    let mut form = Form::<()>::new("x", today(), ())
        .text(TITLE, "Name", "Dana")
        .note(NOTES, "Notes", "");
    tab(&mut form, 1);
    typed(&mut form, "a");
    assert_eq!(form.on_key(&press(KeyCode::Enter)), Outcome::Stay);
    typed(&mut form, "b");
    assert_eq!(form.get(NOTES), Ok(Some("a\nb".to_string())));
    let hint = form.hint_for(&form.fields[1]).unwrap_or_default();
    assert!(hint.contains("Enter new line · Ctrl-S saves"), "{hint}");
    assert_eq!(form.on_key(&ctrl('s')), Outcome::Submit);
    assert_eq!(form.on_key(&ctrl('e')), Outcome::Editor);
    assert_eq!(form.focused_text().as_deref(), Some("a\nb"));
}

#[test]
fn the_editor_s_text_is_checked_as_typed_text_is() {
    let mut form = Form::<()>::new("x", today(), ()).note(NOTES, "Notes", "old");
    form.editor_returned(Ok("new\u{1b}[31m text\r\nsecond\n".to_string()));
    assert_eq!(
        form.get(NOTES),
        Ok(Some("new[31m text\nsecond".to_string()))
    );
    form.editor_returned(Err("the editor exited with status 1".to_string()));
    assert_eq!(
        form.get(NOTES),
        Ok(Some("new[31m text\nsecond".to_string()))
    );
    assert_eq!(
        error(&form, "notes").as_deref(),
        Some("the editor exited with status 1")
    );
}

#[test]
fn esc_closes_an_unchanged_form_and_asks_on_a_changed_one() {
    let mut form = sample();
    assert_eq!(form.on_key(&press(KeyCode::Esc)), Outcome::Cancel);
    let mut form = sample();
    typed(&mut form, "Shipped");
    assert_eq!(form.on_key(&press(KeyCode::Esc)), Outcome::Stay);
    assert!(shown(&form, 80, 24).contains("Discard your changes? y discard · n Esc keep editing"));
    assert_eq!(form.scopes(), [Scope::FormDiscard]);
    // While asking, letters answer; they are not typed into the field.
    assert_eq!(form.on_key(&press(KeyCode::Char('n'))), Outcome::Stay);
    assert_eq!(form.get(TITLE), Ok("Shipped".to_string()));
    form.on_key(&press(KeyCode::Esc));
    assert_eq!(
        form.on_key(&press(KeyCode::Esc)),
        Outcome::Stay,
        "Esc keeps editing"
    );
    form.on_key(&press(KeyCode::Esc));
    assert_eq!(form.on_key(&press(KeyCode::Char('y'))), Outcome::Cancel);
}

#[test]
fn warnings_do_not_block_but_are_shown() {
    let mut form = Form::<()>::new("x", today(), ())
        .money(AMOUNT, "Weekly amount", None)
        .warn(AMOUNT, |v: &Option<Decimal>| {
            v.filter(|v| *v > dec!(1152))
                .map(|_| "above every state's maximum ($1,152)".to_string())
        });
    typed(&mut form, "1.2M");
    tab(&mut form, 1);
    assert!(shown(&form, 80, 24).contains("! above every state's maximum ($1,152)"));
    assert!(form.validate_all(), "a warning never blocks the save");
}

#[test]
fn checks_beyond_the_kind_are_marked_with_the_rest() {
    let mut form = Form::<()>::new("x", today(), ())
        .text(TITLE, "Title", "")
        .check(TITLE, |t: &String| {
            if t.len() > 3 {
                Err("too long".into())
            } else {
                Ok(())
            }
        })
        .money(AMOUNT, "A", None);
    typed(&mut form, "long");
    tab(&mut form, 1);
    typed(&mut form, "x");
    assert!(!form.validate_all());
    assert_eq!(error(&form, "title").as_deref(), Some("too long"));
    assert!(error(&form, "amount").is_some());
}

#[test]
fn the_preview_follows_the_values_as_they_are_typed() {
    let mut form = Form::<()>::new("x", today(), ())
        .money(AMOUNT, "A", None)
        .preview(|form| match form.get(AMOUNT) {
            Ok(Some(v)) => vec![format!("twice: {}", v * Decimal::TWO)],
            _ => vec!["enter an amount".into()],
        });
    assert_eq!(form.preview_lines(), ["enter an amount"]);
    typed(&mut form, "21");
    assert_eq!(form.preview_lines(), ["twice: 42"]);
}

#[test]
fn owner_errors_land_under_their_fields_and_others_at_the_top() {
    let mut form = sample();
    form.show_errors(&[
        Invalid::new("date", "cannot be in the future"),
        Invalid::new("balance", "another input is wrong"),
    ]);
    assert_eq!(form.focus, 2);
    assert_eq!(
        error(&form, "date").as_deref(),
        Some("cannot be in the future")
    );
    assert!(shown(&form, 80, 24).contains("✗ balance: another input is wrong"));
}

#[test]
fn ctrl_u_clears_a_field_so_typing_starts_afresh() {
    let mut form = Form::<()>::new("x", today(), ()).money(AMOUNT, "Balance", Some(dec!(8400)));
    form.on_key(&press(KeyCode::End));
    form.on_key(&ctrl('u'));
    typed(&mut form, "9000");
    assert_eq!(form.get(AMOUNT), Ok(Some(dec!(9000))), "not 84009000");
}

#[test]
fn an_offer_field_takes_money_or_weeks_with_their_word() {
    const OFFER: Key<AmountOrWeeks> = Key::new("gross");
    let form = |text: &str| {
        let mut form = Form::<()>::new("Severance", today(), ()).amount_or_weeks(
            OFFER,
            "Gross amount, or weeks of pay",
            None,
        );
        typed(&mut form, text);
        form
    };
    assert_eq!(
        form("16 weeks").get(OFFER),
        Ok(AmountOrWeeks::Weeks(dec!(16)))
    );
    assert_eq!(
        form("$58,461.54").get(OFFER),
        Ok(AmountOrWeeks::Amount(dec!(58461.54)))
    );
    let mut refused = form("16 months");
    assert!(!refused.validate_all());
    assert_eq!(
        error(&refused, "gross").as_deref(),
        Some(
            "\"16 months\" is neither money (like 58,461.54 or $58k) nor weeks of pay (like 16 weeks)"
        )
    );
    let mut negative = form("-5k");
    assert!(!negative.validate_all());
    assert_eq!(
        error(&negative, "gross").as_deref(),
        Some("cannot be negative")
    );
}
