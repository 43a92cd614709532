//! Walks every message of every language's catalog, so a missing, empty, untranslated or value-dropping
//! message fails here instead of on a user's screen.

use pca_order::text::{Entry, Lang};

/// Chinese entries that may hold no CJK character, each with why: they are codes, key names, paths or
/// values shown as they are, with no words to translate.
const ALLOWED: &[(&str, &str)] = &[
    ("hint_json", "JSON is the format's name"),
    ("none", "a dash for a missing value"),
    (
        "ca_ids",
        "\"CA ID\" is the console's own label in Chinese too",
    ),
    (
        "credential_source",
        "a flag and a path: `--token-file PATH`, `PATH [global]`",
    ),
    (
        "project_value",
        "a bare project id, or the user's own project name and id",
    ),
];

fn allowed_without_cjk(e: &Entry) -> bool {
    ALLOWED.iter().any(|(name, _why)| *name == e.name)
}

fn has_cjk(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}'))
}

#[test]
fn every_entry_of_every_language_is_non_empty() {
    for lang in Lang::ALL {
        for e in lang.text().entries() {
            assert!(!e.text.trim().is_empty(), "{lang:?} {} is empty", e.name);
        }
    }
}

#[test]
fn every_chinese_entry_is_chinese_unless_allowed() {
    let bad: Vec<String> = Lang::ZhCn
        .text()
        .entries()
        .into_iter()
        .filter(|e| !has_cjk(&e.text) && !allowed_without_cjk(e))
        .map(|e| format!("{}: {}", e.name, e.text))
        .collect();
    assert!(
        bad.is_empty(),
        "English (or no words) in the Chinese catalog: {bad:#?}"
    );
}

#[test]
fn the_allow_list_is_needed_by_each_of_its_entries() {
    // An allow-list entry that no longer matches an all-ASCII message would hide a future mistake.
    for (name, _why) in ALLOWED {
        assert!(
            Lang::ZhCn
                .text()
                .entries()
                .iter()
                .any(|e| e.name == *name && !has_cjk(&e.text)),
            "{name} is allowed without CJK but every sample has CJK: drop it from the list"
        );
    }
}

#[test]
fn every_formatted_entry_shows_its_sample_values() {
    for lang in Lang::ALL {
        for e in lang.text().entries() {
            // The quota used up (max < min) is worded, not numbered: "none left".
            let worded = e.name == "range_note" && !e.text.chars().any(|c| c.is_ascii_digit());
            if worded {
                continue;
            }
            for s in &e.samples {
                assert!(
                    e.text.contains(s.as_str()),
                    "{lang:?} {} = {:?} lacks the value {s:?}",
                    e.name,
                    e.text
                );
            }
        }
    }
}

#[test]
fn every_language_has_the_same_messages_in_the_same_order() {
    let names = |lang: Lang| -> Vec<&'static str> {
        lang.text().entries().iter().map(|e| e.name).collect()
    };
    for lang in Lang::ALL {
        assert_eq!(names(lang), names(Lang::En), "{lang:?}");
    }
}

#[test]
fn the_chinese_error_screen_words_differ_from_the_english_ones() {
    // A language file that copied English entries would pass the non-empty test; this catches a copy of
    // every non-allowed entry at once.
    let en = Lang::En.text().entries();
    let zh = Lang::ZhCn.text().entries();
    let same: Vec<&str> = en
        .iter()
        .zip(&zh)
        .filter(|(a, b)| a.text == b.text && !allowed_without_cjk(b))
        .map(|(a, _)| a.name)
        .collect();
    assert!(
        same.is_empty(),
        "identical in English and Chinese: {same:?}"
    );
}

#[test]
fn a_not_sent_reason_reads_in_chinese_with_the_technical_detail_kept_and_english_in_the_journal() {
    use pca_order::api::{Outcome, Reason};
    let reason = Reason::Connect {
        host: "ccm.cn-north-4.myhuaweicloud.com".into(),
        detail: "dns error".into(),
    };
    let zh = Lang::ZhCn.text().reason_sentence(&reason);
    // The kind in words; the library's English only after the detail label.
    assert_eq!(
        zh,
        "无法连接到 ccm.cn-north-4.myhuaweicloud.com：找不到主机名（DNS 解析失败）（详情：dns error）"
    );
    assert!(!zh.contains("could not connect"), "{zh}");
    // The journal and logs keep the English sentence they always had.
    assert_eq!(
        reason.to_string(),
        "could not connect to ccm.cn-north-4.myhuaweicloud.com: dns error"
    );
    assert_eq!(Outcome::<()>::NotSent(reason).exit_code(), 5);
}
