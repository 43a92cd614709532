//! Keys named in sentences come from the keymap (issue 18): every catalog entry that names a key takes
//! it as a value, the table below says which binding each one names, and a scan of every entry of
//! every language fails on a key written into a sentence by hand — so a key cannot be renamed in the
//! keymap and go on being advertised under its old name.
//!
//! Catalog samples write a key passed in as `⟨key⟩` (see `text/mod.rs`), so the scan can tell a key
//! that came from the keymap from one typed into the words.

use pca_order::text::{Entry, Lang};
use pca_order::tui::keymap::{
    self, ALL_CONTEXTS, Action, Context, Key, bindings, key_label, label_if_bound, yes_no,
};

/// Every entry that takes a key, with the context it is shown in and the action whose key it names.
/// An entry shown on several screens (or naming several keys) has a row for each: the key must be the
/// same on every screen it is shown on. A question's "y/N" is the Question context's Confirm and
/// Decline.
const KEYED: &[(&str, Context, Action)] = &[
    ("quit_in_flight", Context::Question, Action::Confirm),
    ("quit_in_flight", Context::Question, Action::Decline),
    ("quit_pay_in_flight", Context::Question, Action::Confirm),
    ("quit_pay_in_flight", Context::Question, Action::Decline),
    ("quit_cancel_in_flight", Context::Question, Action::Confirm),
    ("quit_cancel_in_flight", Context::Question, Action::Decline),
    ("act_quit_in_flight", Context::Question, Action::Confirm),
    ("act_quit_in_flight", Context::Question, Action::Decline),
    ("manage_quit_in_flight", Context::Question, Action::Confirm),
    ("manage_quit_in_flight", Context::Question, Action::Decline),
    ("act_question", Context::Question, Action::Confirm),
    ("act_question", Context::Question, Action::Decline),
    ("csr_wiz_question", Context::Question, Action::Confirm),
    ("csr_wiz_question", Context::Question, Action::Decline),
    ("confirm", Context::Question, Action::Confirm),
    ("confirm", Context::Question, Action::Decline),
    ("confirm_priced", Context::Question, Action::Confirm),
    ("confirm_priced", Context::Question, Action::Decline),
    ("confirm_pay", Context::Question, Action::Confirm),
    ("confirm_pay", Context::Question, Action::Decline),
    ("confirm_cancel", Context::Question, Action::Confirm),
    ("confirm_cancel", Context::Question, Action::Decline),
    ("submitting_note", Context::Submitting, Action::Quit),
    ("paying_note", Context::Acting, Action::Quit),
    ("cancelling_note", Context::Acting, Action::Quit),
    ("too_small", Context::TooSmall, Action::Quit),
    ("next_pay_now", Context::ResultUnpaid, Action::Pay),
    ("next_pay_now", Context::TrackingPayable, Action::Pay),
    ("next_cancel", Context::ResultUnpaid, Action::CancelOrder),
    ("next_cancel", Context::TrackingPayable, Action::CancelOrder),
    (
        "tracking_completed",
        Context::TrackingCompleted,
        Action::ActivateCas,
    ),
    ("tracking_leave", Context::Tracking, Action::Leave),
    ("tracking_leave", Context::TrackingPayable, Action::Leave),
    ("act_json_hint", Context::ActReview, Action::ShowJson),
    ("act_json_hint", Context::ActReview, Action::Next),
    ("act_json_hint", Context::ActReviewUnknown, Action::ShowJson),
    ("act_json_hint", Context::ActReviewUnknown, Action::Next),
    ("act_next_ca", Context::ActDoneMore, Action::Next),
    ("act_next_ca_under", Context::ActDoneMore, Action::Next),
    ("act_leave", Context::ActDone, Action::Leave),
    ("act_unknown", Context::ActError, Action::ReadStatus),
    (
        "act_may_have_activated",
        Context::ActReviewUnknown,
        Action::ReadStatus,
    ),
    ("pay_no", Context::ResultUnpaid, Action::Pay),
    ("advice_400", Context::Error, Action::Review),
    ("help_footer", Context::Question, Action::Confirm),
    (
        "act_advice_rejected",
        Context::ActFailed,
        Action::BackToOrder,
    ),
    (
        "act_advice_not_sent",
        Context::ActFailed,
        Action::BackToOrder,
    ),
    (
        "pay_advice_unknown",
        Context::ActFailed,
        Action::BackToOrder,
    ),
    (
        "cancel_advice_unknown",
        Context::ActFailed,
        Action::BackToOrder,
    ),
];

/// Entries that may name keys in their words, each with why: they are not the wizard's keys.
const EXEMPT: &[(&str, &str)] = &[
    (
        "bill_wait_spinner",
        "a command's spinner on stderr: Ctrl-C is the shell's signal",
    ),
    (
        "act_cli_choose",
        "a command's shell prompt: the line ends with Enter, not a keymap binding",
    ),
    (
        "cli_confirm",
        "a command's shell prompt: `[y/N] ` is read by the line, not the keymap",
    ),
    ("bill_pay_question", "a command's shell prompt `[y/N] `"),
    ("bill_cancel_question", "a command's shell prompt `[y/N] `"),
    ("act_cli_question", "a command's shell prompt `[y/N] `"),
    ("csr_question", "a command's shell prompt `[y/N] `"),
    ("import_question", "a command's shell prompt `[y/N] `"),
    ("renew_question", "a command's shell prompt `[y/N] `"),
    (
        "lc_auto_renew_question",
        "a command's shell prompt `[y/N] `",
    ),
    ("lc_renewals_question", "a command's shell prompt `[y/N] `"),
    (
        "waiting_for_answer",
        "after the wizard ended: Ctrl-C is the shell's signal there",
    ),
    (
        "waiting_for_act",
        "after the wizard ended: Ctrl-C is the shell's signal there",
    ),
    (
        "manage_waiting_for_answer",
        "after the wizard ended: Ctrl-C is the shell's signal there",
    ),
    (
        "bill_following",
        "a command following an order: Ctrl-C is the shell's signal",
    ),
    (
        "bill_following_new",
        "a command following an order: Ctrl-C is the shell's signal",
    ),
    (
        "cli_token_stdin_wait",
        "reading a token from stdin: Enter and Ctrl-D are the terminal's",
    ),
    (
        "enter_id_row",
        "\"Enter an ID…\" is a row's label (the verb), not the Enter key",
    ),
    (
        "project_id_invalid",
        "names the row \"Enter an ID…\", not the Enter key",
    ),
];

/// Key names that are keys wherever they stand.
const KEY_WORDS: &[&str] = &[
    "Enter",
    "Tab",
    "Esc",
    "Escape",
    "Space",
    "Backspace",
    "F1",
    "F2",
    "F3",
];
/// Words before a single letter that make it a key ("press p", "answer y", "按 p").
const BEFORE_KEY: &[&str] = &["press", "Press", "answer", "按"];
/// Words after a single letter that make it a key ("v shows", "q leaves", "r follows").
const AFTER_KEY: &[&str] = &[
    "shows", "leaves", "copies", "opens", "closes", "quits", "goes", "follows", "asks", "reads",
];

fn markers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('⟨') {
        let after = &rest[start + '⟨'.len_utf8()..];
        let Some(end) = after.find('⟩') else { break };
        out.push(after[..end].to_string());
        rest = &after[end + '⟩'.len_utf8()..];
    }
    out
}

fn without_markers(text: &str) -> String {
    let mut s = text.to_string();
    for m in markers(text) {
        s = s.replace(&format!("⟨{m}⟩"), " ");
    }
    s
}

/// The words of a sentence as a key scan sees them: runs of ASCII letters, digits, `-`, `/`, `?`;
/// every other character but a space is a word of its own (so `按`, "press", is one).
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '/' | '?') {
            word.push(ch);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        // Every other character stands alone, so "按" is a word and "按原因" does not reach a later letter.
        if !ch.is_whitespace() {
            out.push(ch.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The key names written by hand in a sentence (keys passed in as values already taken out): key
/// names ("Enter", "Ctrl-C", "y/N"), and a letter standing as a key — after "press" or "按", before a
/// verb ("q leaves"), or alone in brackets ("(r)", "（r）", "(p on the result)").
fn literal_keys(text: &str) -> Vec<String> {
    let text = without_markers(text);
    let words = tokens(&text);
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let letter =
            w.chars().count() == 1 && w.chars().all(|c| c.is_ascii_alphabetic() || c == '?');
        let after_press = i > 0 && BEFORE_KEY.contains(&words[i - 1].as_str());
        let before_verb = words
            .get(i + 1)
            .is_some_and(|n| AFTER_KEY.contains(&n.as_str()));
        let is_key = KEY_WORDS.contains(&w.as_str())
            || ["Ctrl-", "Alt-", "Shift-"].iter().any(|p| w.starts_with(p))
            || ["y/N", "Y/n", "y/n"].iter().any(|yn| w.contains(yn))
            || letter && (after_press || before_verb);
        if is_key {
            found.push(w.clone());
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for win in chars.windows(3) {
        let bracketed = matches!(win[0], '(' | '（') && matches!(win[2], ')' | '）' | ' ');
        if bracketed && win[1].is_ascii_alphabetic() && win[1] != 'a' {
            found.push(win[1].to_string());
        }
    }
    found
}

fn exempt(name: &str) -> bool {
    EXEMPT.iter().any(|(n, _)| *n == name)
}

fn all_entries() -> Vec<(Lang, Entry)> {
    Lang::ALL
        .into_iter()
        .flat_map(|lang| lang.text().entries().into_iter().map(move |e| (lang, e)))
        .collect()
}

#[test]
fn no_sentence_names_a_key_by_hand() {
    let bad: Vec<String> = all_entries()
        .into_iter()
        .filter(|(_, e)| !exempt(e.name))
        .filter_map(|(lang, e)| {
            let keys = literal_keys(&e.text);
            (!keys.is_empty()).then(|| format!("{lang:?} {}: {keys:?} in {:?}", e.name, e.text))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "keys written into sentences (take them from the keymap: keymap::key_label / yes_no): {bad:#?}"
    );
}

#[test]
fn the_scan_finds_the_keys_sentences_used_to_write_by_hand() {
    // The words of issue 18's sentences before their keys came from the keymap: each must be caught.
    for text in [
        "Press p to pay now from the account balance (asked once).",
        "Completed: press a (or Enter) to activate them now.",
        "Fix the field the message names: r goes back to the review.",
        "then try again from the order (r).",
        "返回订单（r）重试",
        "Nothing is sent until you answer y on the review.",
        "v shows the exact JSON; Enter asks once before sending.",
        "Enter: leave",
        "The order may still go through. Quit anyway? y/N",
        "The request is in flight. Ctrl-C asks first.",
        "q leaves at any time; the order goes on.",
        "按 x 取消这个待支付订单（会先确认一次）。",
        "结果未知：CA 可能已被激活。请按 s 读取其状态后再重试。",
    ] {
        assert!(!literal_keys(text).is_empty(), "not caught: {text:?}");
    }
    // Ordinary words with a letter or "Enter" in them are not keys.
    for text in [
        "Enterprise project",
        "not 0 or a UUID",
        "waiting up to 30 s for its answer",
        "Press ⟨p⟩ to pay now",
        "Buy 1 private CA for 1 month? ⟨y/N⟩",
    ] {
        assert_eq!(literal_keys(text), Vec::<String>::new(), "{text:?}");
    }
}

#[test]
fn the_exempt_list_is_needed_by_each_of_its_entries() {
    // An exemption whose entry no longer names a key (or no longer exists) would hide a future mistake.
    for (name, why) in EXEMPT {
        assert!(
            all_entries()
                .iter()
                .any(|(_, e)| e.name == *name && !literal_keys(&e.text).is_empty()),
            "{name} is exempt ({why}) but names no key: drop it from the list"
        );
    }
}

#[test]
fn every_keyed_entry_names_a_key_bound_where_it_is_shown() {
    for &(name, ctx, action) in KEYED {
        assert!(
            bindings(ctx).iter().any(|b| b.action == action),
            "{name}: {action:?} is not bound in {ctx:?}"
        );
    }
    for (lang, e) in all_entries() {
        let rows: Vec<(Context, Action)> = KEYED
            .iter()
            .filter(|(n, _, _)| *n == e.name)
            .map(|&(_, c, a)| (c, a))
            .collect();
        let marks = markers(&e.text);
        if rows.is_empty() {
            assert!(
                marks.is_empty(),
                "{lang:?} {} takes keys {marks:?} but has no row in KEYED",
                e.name
            );
            continue;
        }
        assert!(
            !marks.is_empty(),
            "{lang:?} {} is in KEYED but takes no key",
            e.name
        );
        for m in marks {
            // Each key the sentence names is a key of one of its rows, on every screen it is shown on.
            let contexts: Vec<Context> = {
                let mut c: Vec<Context> = rows.iter().map(|r| r.0).collect();
                c.dedup();
                c
            };
            for ctx in contexts {
                let names_it = rows.iter().filter(|r| r.0 == ctx).any(|&(c, a)| {
                    yes_no(c).as_deref() == Some(m.as_str())
                        && matches!(a, Action::Confirm | Action::Decline)
                        || bindings(c)
                            .iter()
                            .filter(|b| b.action == a)
                            .flat_map(|b| b.keys)
                            .any(|k| k.label().as_deref() == Some(m.as_str()))
                });
                assert!(
                    names_it,
                    "{lang:?} {}: the key {m:?} does not do {rows:?} in {ctx:?}",
                    e.name
                );
            }
        }
    }
}

#[test]
fn key_labels_come_from_the_bindings() {
    assert_eq!(
        key_label(Context::ResultUnpaid, Action::Pay).as_deref(),
        Some("p")
    );
    assert_eq!(
        key_label(Context::Submitting, Action::Quit).as_deref(),
        Some("q")
    );
    assert_eq!(key_label(Context::Result, Action::Pay), None);
    // "Any key" has no label: the catalog words it.
    assert_eq!(key_label(Context::Help, Action::Close), None);
    assert_eq!(
        label_if_bound(Context::ActDone, Action::Leave, Key::Enter).as_deref(),
        Some("Enter")
    );
    assert_eq!(
        label_if_bound(Context::ActDone, Action::Leave, Key::Char('x')),
        None
    );
    assert_eq!(yes_no(Context::Question).as_deref(), Some("y/N"));
    assert_eq!(yes_no(Context::Review), None);
}

#[test]
fn the_question_footer_still_says_any_other_key_answers_no() {
    // `n` is bound apart so "y/N" can be built; the footer must still word "any key" for no.
    let no = keymap::footer(Context::Question)
        .into_iter()
        .find(|h| h.hint == keymap::Hint::No)
        .expect("a no hint");
    assert_eq!(no.keys, None);
}

#[test]
fn all_contexts_is_every_context_once_in_the_enums_order() {
    // Generated with the enum: position i holds the variant whose discriminant is i, so none is
    // missing, doubled or out of place.
    for (i, c) in ALL_CONTEXTS.iter().enumerate() {
        assert_eq!(*c as usize, i, "{c:?} at {i}");
    }
    assert_eq!(
        *ALL_CONTEXTS.last().expect("contexts") as usize,
        ALL_CONTEXTS.len() - 1
    );
}

/// Every context's bindings as footers, help and dispatch read them: keys, action, words, footer.
fn all_bindings_listed() -> String {
    let mut out = String::new();
    for &ctx in ALL_CONTEXTS {
        out.push_str(&format!("{ctx:?}\n"));
        for b in bindings(ctx) {
            out.push_str(&format!(
                "  {:?} {:?} {:?}{}\n",
                b.keys,
                b.action,
                b.hint,
                if b.footer { "" } else { " (quiet)" }
            ));
        }
    }
    out
}

#[test]
fn every_contexts_bindings_are_what_they_were_before_conditions() {
    // Taken before the "X but …" contexts became one table per screen with conditional bindings:
    // the merge must not change a single binding of any context.
    insta::assert_snapshot!(all_bindings_listed());
}

#[test]
fn the_x_but_contexts_are_their_screens_table_under_a_fact() {
    use Context::*;
    for (plain, variant) in [
        (Result, ResultUnpaid),
        (Result, Tracking),
        (Tracking, TrackingPayable),
        (Tracking, TrackingCompleted),
        (ActReview, ActReviewUnknown),
        (ActDone, ActDoneMore),
        (Submitting, Acting),
        (Submitting, ActActivating),
        (ManageList, ManageListFiltered),
        (ManageList, ManageListPending),
        (ManageList, ManageListPendingFiltered),
        (ManageDetail, ManageDetailPending),
        (ManageList, ManageListNoExport),
        (ManageList, ManageListNoExportSubFiltered),
        (ManageDetail, ManageDetailNoExport),
        (ManageDetail, ManageDetailNoExportSub),
        (Review, ReviewRefused),
    ] {
        assert!(
            std::ptr::eq(plain.screen().0, variant.screen().0),
            "{variant:?} has a table of its own, not {plain:?}'s"
        );
        assert!(plain.screen().1.is_empty(), "{plain:?}");
    }
}
