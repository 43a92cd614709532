//! The keys a sentence names, read from the keymap where the sentence is drawn, so the words on screen
//! name the key that does the thing there (tests/keys.rs checks every such sentence against its
//! context).

use crate::tui::keymap::{self, Action, Context, Key};

/// The key that does `action` in `context`, as the footer writes it. Empty only if the keymap lost the
/// binding, which tests/keys.rs forbids for every sentence that asks.
pub(crate) fn key(context: Context, action: Action) -> String {
    keymap::key_label(context, action).unwrap_or_default()
}

/// `key`'s label when it does `action` in `context`: for a sentence that names a key other than the
/// footer's ("Enter: leave" beside the footer's `q`).
pub(crate) fn this_key(context: Context, action: Action, key: Key) -> String {
    keymap::label_if_bound(context, action, key).unwrap_or_default()
}

/// How every question writes its answers ("y/N"), built from the question's bindings.
pub(crate) fn yes_no() -> String {
    keymap::yes_no(Context::Question).unwrap_or_default()
}
