//! The words a footer or the help uses for a key's action, as a name the keymap can hold and the catalog
//! can render. It lives here, below the wizard, so the catalog never imports from `tui` (the keymap
//! re-exports it as `tui::keymap::Hint`).

/// The words a footer or the help uses for an action; the catalog renders them in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// "next".
    Next,
    /// "back".
    Back,
    /// "choose".
    Choose,
    /// "month/year".
    Unit,
    /// "change".
    Change,
    /// "yes" / "no" on a toggle.
    YesNo,
    /// "help".
    Help,
    /// "quit".
    Quit,
    /// "filter".
    Filter,
    /// "JSON".
    Json,
    /// "place order".
    Place,
    /// "yes", answering the question on screen (which names what yes does).
    Yes,
    /// "no", answering the question on screen.
    No,
    /// "copy order ID".
    Copy,
    /// "back to review".
    Review,
    /// "close".
    Close,
    /// "scroll".
    Scroll,
    /// "list".
    List,
    /// "wait for the answer".
    Wait,

    // Billing after the order (issue 9).
    /// "pay now".
    Pay,
    /// "cancel order".
    CancelOrder,
    /// "back to the order".
    BackToOrder,
    /// Activation: "next field" (subject) or "other list" (keys).
    Field,
    /// Activation: "activate" (Enter on its review asks once).
    Activate,
    /// Activation: "read the CA's status".
    Status,
    /// Activation: "next CA" (several bought together).
    NextCa,
    /// "previous field (back from the first)": Shift-Tab on a screen of several fields.
    PrevField,
    /// "clear the field": Ctrl-U in a text field.
    ClearField,
    /// "copy CA ID": the CA just activated.
    CopyCa,
    /// "copy CA IDs": the order's CAs, one a line.
    CopyCas,
    // "My CAs" (issue 20).
    /// "My CAs": switch to the screen of the account's CAs.
    MyCas,
    /// "details": show the highlighted CA.
    Show,
    /// "clear the filter".
    ClearFilter,
    /// "reload": read the CAs again.
    Reload,
    /// "retry": read again after a failure.
    Retry,
    // Export (issue 21).
    /// "export": save the CA's certificate (and chain) to files.
    Export,
    /// "auto-renew on/off": switch the CA's auto-renew to the other state.
    AutoRenew,
    /// "unsubscribe": end the CA or its renewals not yet started.
    Unsubscribe,
    /// "renew": renew the CA by a chosen period.
    Renew,
    /// "count": how many months or years.
    Count,
    /// "pay now": whether the renewal is paid at once.
    PayNow,
    /// "price": read the renewal's price (then the question).
    Price,
    /// "back to the list": from an outcome of "My CAs".
    BackToList,
    /// "CSR: sign by my own root": a PENDING subordinate's subject, then its CSR.
    Csr,
}
