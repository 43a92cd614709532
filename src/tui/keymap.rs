//! One table of key bindings per context. Dispatch ([`resolve`]), the footer ([`footer`]) and the help
//! overlay ([`bindings`]) are all read from it, so a key cannot work without being shown, or be shown
//! without working. The runtime turns key events into [`Action`]s here; `update` never sees a raw key.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use tui_input::InputRequest;

/// A key as a binding names it. Letters match with or without Shift, never with Ctrl or Alt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A printable character typed without Ctrl or Alt.
    Char(char),
    /// Ctrl plus a letter.
    Ctrl(char),
    /// Enter: goes on, or answers the focused button.
    Enter,
    /// Esc: back one step, or closes an overlay; never quits.
    Esc,
    /// Tab: the next field, where a screen has several (Enter goes on).
    Tab,
    /// Shift-Tab: the previous field, or back from the first one, in text fields too (where `b` is typed).
    BackTab,
    /// Alt-Left: back, for terminals whose Shift-Tab does not arrive.
    AltLeft,
    /// Arrow up: moves a choice, or scrolls an overlay.
    Up,
    /// Arrow down: moves a choice, or scrolls an overlay.
    Down,
    /// Arrow left: flips a yes/no, or moves a text field's cursor.
    Left,
    /// Arrow right: flips a yes/no, or moves a text field's cursor.
    Right,
    /// A function key: F1 help and F2 JSON work inside text fields, where letters are typed.
    F(u8),
    /// Page Up: scrolls a screen whose content is taller than the terminal.
    PageUp,
    /// Page Down: scrolls a screen whose content is taller than the terminal.
    PageDown,
    /// Any key not bound before it in the same table: "any key closes".
    Any,
}

impl Key {
    /// Whether a pressed key is this one.
    pub fn matches(self, ev: &KeyEvent) -> bool {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        match self {
            Key::Char(c) => !ctrl && !alt && ev.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && ev.code == KeyCode::Char(c),
            Key::Enter => ev.code == KeyCode::Enter,
            Key::Esc => ev.code == KeyCode::Esc,
            Key::Tab => ev.code == KeyCode::Tab,
            Key::BackTab => ev.code == KeyCode::BackTab,
            Key::AltLeft => alt && ev.code == KeyCode::Left,
            Key::Up => ev.code == KeyCode::Up,
            Key::Down => ev.code == KeyCode::Down,
            Key::Left => !alt && ev.code == KeyCode::Left,
            Key::Right => ev.code == KeyCode::Right,
            Key::F(n) => ev.code == KeyCode::F(n),
            Key::PageUp => ev.code == KeyCode::PageUp,
            Key::PageDown => ev.code == KeyCode::PageDown,
            Key::Any => true,
        }
    }

    /// How footers and help write the key; `None` for [`Key::Any`], whose words come from the catalog.
    pub fn label(self) -> Option<String> {
        Some(match self {
            Key::Char(' ') => "Space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Enter => "Enter".to_string(),
            Key::Esc => "Esc".to_string(),
            Key::Tab => "Tab".to_string(),
            Key::BackTab => "Shift-Tab".to_string(),
            Key::AltLeft => "Alt-←".to_string(),
            Key::Up => "↑".to_string(),
            Key::Down => "↓".to_string(),
            Key::Left => "←".to_string(),
            Key::Right => "→".to_string(),
            Key::F(n) => format!("F{n}"),
            Key::PageUp => "PgUp".to_string(),
            Key::PageDown => "PgDn".to_string(),
            Key::Any => return None,
        })
    }

    /// A key event that this key matches, for tests that press what a hint advertises.
    pub fn example(self) -> KeyEvent {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match self {
            Key::Char(c) => plain(KeyCode::Char(c)),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Enter => plain(KeyCode::Enter),
            Key::Esc => plain(KeyCode::Esc),
            Key::Tab => plain(KeyCode::Tab),
            Key::BackTab => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::AltLeft => KeyEvent::new(KeyCode::Left, KeyModifiers::ALT),
            Key::Up => plain(KeyCode::Up),
            Key::Down => plain(KeyCode::Down),
            Key::Left => plain(KeyCode::Left),
            Key::Right => plain(KeyCode::Right),
            Key::F(n) => plain(KeyCode::F(n)),
            Key::PageUp => plain(KeyCode::PageUp),
            Key::PageDown => plain(KeyCode::PageDown),
            Key::Any => plain(KeyCode::Null),
        }
    }
}

/// What the user asked for, whatever key said it. `update` acts on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// `q` (where no text field has focus) or Ctrl-C: leave (asks first while a request is in flight).
    Quit,
    /// Open the help overlay.
    Help,
    /// Close the overlay on top.
    Close,
    /// Go on: next step, or the focused button.
    Next,
    /// One step back; nothing entered is lost.
    Back,
    /// Shift-Tab on a screen of several fields: the previous field, or one step back from the first.
    PrevField,
    /// Move the choice up (or switch the period unit).
    Up,
    /// Move the choice down (or switch the period unit).
    Down,
    /// Flip the focused yes/no.
    Toggle,
    /// The value to the left in the focused row of choices drawn across (activation keys).
    ValueLeft,
    /// The value to the right in the focused row of choices drawn across.
    ValueRight,
    /// Set the focused yes/no to yes.
    SetYes,
    /// Set the focused yes/no to no.
    SetNo,
    /// Move focus to the other part of the screen (review: promotion field and button).
    SwitchFocus,
    /// Show the exact JSON body.
    ShowJson,
    /// Answer yes to the question asked.
    Confirm,
    /// Answer no to the question asked.
    Decline,
    /// Copy the order id.
    Copy,
    /// Copy the id of the CA just activated (the activated screen), or the order's CA ids (the order's).
    CopyCa,
    /// Leave the wizard from a final screen.
    Leave,
    /// Back to the review from an error, every value kept.
    Review,
    /// Scroll an overlay up.
    ScrollUp,
    /// Scroll an overlay down.
    ScrollDown,
    /// Scroll the screen's content up a page (it is taller than the terminal).
    PageUp,
    /// Scroll the screen's content down a page.
    PageDown,
    /// Type a character into the focused field.
    Insert(char),
    /// Edit the focused field (delete, move the cursor).
    Edit(InputRequest),
    /// A key that means nothing here (swallowed; still ends a one-shot notice).
    Ignore,

    // Billing after the order (issue 9).
    /// Ask to pay the order now.
    Pay,
    /// Ask to cancel the unpaid order.
    CancelOrder,
    /// From a failed pay or cancel back to the order's screen.
    BackToOrder,
    /// Activation: read the CA's status (after an unknown outcome, before trying again).
    ReadStatus,
    /// The followed order completed: activate its CAs now, in the same sitting (issues 9 → 10); on
    /// "My CAs", activate the PENDING CA highlighted or shown.
    ActivateCas,

    // "My CAs" (issue 20).
    /// Give the keyboard to the table's filter field.
    Filter,
    /// Read the CAs again (after a failed read, or to refresh the table).
    Reload,
    /// Switch to the "My CAs" screen (from a result, an activation's end).
    MyCas,

    // Export (issue 21).
    /// Save the CA's certificate (and chain) to files named after it.
    Export,
    /// "My CAs": switch the highlighted or shown CA's auto-renew to the other state (asks first).
    AutoRenew,
    /// Renew the CA by a chosen period (My CAs; asks with the price first).
    Renew,
    /// "My CAs": unsubscribe the highlighted or shown CA (choose what, then a typed question).
    Unsubscribe,
    /// A PENDING subordinate signed by the user's own root: its subject, then its CSR to a file.
    Csr,
}

/// The words a footer or the help uses for an action. It lives in the catalog's module (below the wizard)
/// since the catalog renders it; this re-export keeps `keymap::Hint` paths working.
pub use crate::text::Hint;

/// A fact about a screen's state that turns bindings on or off. A screen has one table; a binding that
/// only works in some states carries its condition, instead of the screen having one table per state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fact {
    /// The order waits for payment and may be paid or cancelled from here.
    Payable,
    /// The followed order completed: its CAs can be activated.
    Completed,
    /// An earlier activation of this CA had an unknown outcome: it may be ACTIVED already.
    MayHaveActivated,
    /// More CAs of the order wait to be activated.
    MoreCas,
    /// "My CAs": a filter narrows the table (Esc clears it).
    Filtered,
    /// "My CAs": the highlighted or shown CA is PENDING (it can be activated).
    RowPending,
    /// "My CAs": BSS lists the highlighted or shown CA's subscription (auto-renew and unsubscribe apply).
    Subscribed,
    /// "My CAs": the highlighted or shown CA cannot export its certificate (PENDING, DELETED), or no
    /// row is highlighted: `e` is not offered (a fact that holds by exception, so the plain list and
    /// detail, an ACTIVED CA's, keep their names).
    NoExport,
    /// The Review of an order the region's console configuration says it cannot sell: Enter places
    /// nothing, so it is not offered.
    RegionRefuses,
}

/// When a binding works: always, or only while its screen's state has (or lacks) a [`Fact`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// On every state of its screen.
    Always,
    /// Only while the fact holds.
    If(Fact),
    /// Only while the fact does not hold.
    Unless(Fact),
}

impl When {
    /// Whether a binding with this condition works where `facts` hold.
    pub fn holds(self, facts: &[Fact]) -> bool {
        match self {
            When::Always => true,
            When::If(f) => facts.contains(&f),
            When::Unless(f) => !facts.contains(&f),
        }
    }
}

/// One binding: the keys, what they do, the words for it, whether the footer shows it (the help
/// shows every binding), and the state it works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    /// The keys, in the order footers and help write them.
    pub keys: &'static [Key],
    /// What they do: the one thing `update` acts on.
    pub action: Action,
    /// The words for it.
    pub hint: Hint,
    /// Shown in the footer (the help shows all).
    pub footer: bool,
    /// The state of its screen it works in.
    pub when: When,
}

impl Binding {
    /// The same binding, working only while `when` holds.
    const fn when(self, when: When) -> Binding {
        Binding { when, ..self }
    }
}

const fn bind(keys: &'static [Key], action: Action, hint: Hint) -> Binding {
    Binding {
        keys,
        action,
        hint,
        footer: true,
        when: When::Always,
    }
}

const fn quiet(keys: &'static [Key], action: Action, hint: Hint) -> Binding {
    Binding {
        keys,
        action,
        hint,
        footer: false,
        when: When::Always,
    }
}

/// Declares [`Context`] and [`ALL_CONTEXTS`] from one list, so a context cannot be added to the enum
/// and missed by the tests that walk every context.
macro_rules! contexts {
    (
        $(#[$m:meta])*
        pub enum $name:ident {
            $( $(#[$vm:meta])* $v:ident, )*
        }
    ) => {
        $(#[$m])*
        pub enum $name {
            $( $(#[$vm])* $v, )*
        }

        /// Every context, in the enum's order, for tests and the help's completeness check.
        pub const ALL_CONTEXTS: &[$name] = &[ $( $name::$v, )* ];
    };
}

contexts! {
    /// Where the keyboard is: a screen, the part of it with focus, or the overlay on top.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Context {
        /// Step 1: count field, unit switch.
        Period,
        /// Step 2: quantity field.
        Quantity,
        /// Step 3: two yes/no choices.
        Renewal,
        /// Step 4, picking from the list with a filter field.
        ProjectList,
        /// Step 4, typing an id.
        ProjectTyped,
        /// Step 5 with the button focused.
        Review,
        /// Step 5 with the button focused, in a region that sells no yearly/monthly CA (nothing to place).
        ReviewRefused,
        /// Step 5 with the promotion field focused.
        ReviewPromotion,
        /// The order is in flight.
        Submitting,
        /// The order was created.
        Result,
        /// The order failed or its outcome is unknown.
        Error,
        /// Help overlay: any key closes it.
        Help,
        /// JSON overlay: arrows scroll, any other key closes it.
        Json,
        /// A yes/no question (buy, quit while in flight).
        Question,
        /// The terminal is too small: only Ctrl-C acts.
        TooSmall,

        // Billing after the order (issue 9).
        /// The order was created and waits for payment: pay, cancel, copy, quit.
        ResultUnpaid,
        /// A pay or cancel is in flight.
        Acting,
        /// Following the order: copy, quit (the order goes on).
        Tracking,
        /// Following an order that waits for payment: pay and cancel too.
        TrackingPayable,
        /// The followed order completed: its CAs can be activated from here.
        TrackingCompleted,
        /// A pay or cancel failed or its outcome is unknown.
        ActFailed,
        // ---- the activation flow (issue 10): one context per screen ----
        /// Activation: choosing one of the account's PENDING CAs.
        ActChoose,
        /// Activation 1: root or subordinate (and its issuer).
        ActType,
        /// Activation 2: the subject's text fields.
        ActSubject,
        /// Activation 3: key and signature algorithm lists.
        ActKeys,
        /// Activation 4: the validity text field.
        ActValidity,
        /// Activation 5: every value in words; Enter asks once.
        ActReview,
        /// Activation 5 after an unknown outcome for this CA: reading its status is offered first.
        ActReviewUnknown,
        /// The activate request is in flight.
        ActActivating,
        /// Activated, and no CA waits: Enter or q leaves.
        ActDone,
        /// Activated, and the next CA of the order waits: Enter offers it with the answers prefilled.
        ActDoneMore,
        /// The activation was rejected, not sent, or its outcome is unknown.
        ActError,
        // ---- "My CAs" (issue 20) ----
        /// My CAs: the CAs and their subscriptions are being read.
        ManageLoading,
        /// My CAs: the CAs could not be read; `r` reads again.
        ManageFailed,
        /// My CAs: the table, keys on the highlighted row.
        ManageList,
        /// My CAs: the table narrowed by a filter (Esc clears it).
        ManageListFiltered,
        /// My CAs: the table, the highlighted CA PENDING (it can be activated).
        ManageListPending,
        /// My CAs: the narrowed table, the highlighted CA PENDING.
        ManageListPendingFiltered,
        /// My CAs: the filter field has the keyboard.
        ManageFilter,
        /// My CAs: one CA in detail.
        ManageDetail,
        /// My CAs: a PENDING CA in detail (it can be activated).
        ManageDetailPending,
        // ---- export (issue 21) ----
        /// Export: reading the CA and its certificate, writing the files.
        ExportWorking,
        /// Export: written; where, and what the certificate says.
        ExportDone,
        /// Export: a call or the write failed; `r` tries again.
        ExportFailed,
        /// Export: the CA's status cannot export (the states that can are named).
        ExportRefused,
        // ---- "My CAs": auto-renew and unsubscribe (issue 20) ----
        /// My CAs: the table, the highlighted CA subscribed (auto-renew, unsubscribe apply).
        ManageListSub,
        /// My CAs: the narrowed table, the highlighted CA subscribed.
        ManageListSubFiltered,
        /// My CAs: the table, the highlighted CA PENDING and subscribed.
        ManageListPendingSub,
        /// My CAs: the narrowed table, the highlighted CA PENDING and subscribed.
        ManageListPendingSubFiltered,
        /// My CAs: a subscribed CA in detail.
        ManageDetailSub,
        /// My CAs: a PENDING, subscribed CA in detail.
        ManageDetailPendingSub,
        /// My CAs: the table, the highlighted CA neither PENDING nor able to export (DELETED), or none.
        ManageListNoExport,
        /// My CAs: the narrowed table, the highlighted CA unable to export (or none).
        ManageListNoExportFiltered,
        /// My CAs: the table, the highlighted CA subscribed and unable to export.
        ManageListNoExportSub,
        /// My CAs: the narrowed table, the highlighted CA subscribed and unable to export.
        ManageListNoExportSubFiltered,
        /// My CAs: a CA that cannot export (DELETED) in detail.
        ManageDetailNoExport,
        /// My CAs: a subscribed CA that cannot export in detail.
        ManageDetailNoExportSub,
        /// My CAs: choosing a renewal's period and whether it is paid at once.
        ManageRenewChoose,
        /// My CAs: choosing what an unsubscribe ends (the CA, or only renewals not yet started).
        ManageUnsubscribeChoose,
        /// My CAs: an auto-renew switch or an unsubscribe is in flight.
        ManageSending,
        /// My CAs: the outcome of an auto-renew switch or an unsubscribe.
        ManageOutcome,
        /// The question that ends a CA: its common name or id is typed, Enter sends, Esc closes.
        QuestionTyped,
        // ---- the CSR path (issue 21) ----
        /// CSR: the subject's text fields.
        CsrSubject,
        /// CSR: the key algorithm row; Enter asks.
        CsrKey,
        /// CSR: the save (if any), the CSR read and the write are running.
        CsrWorking,
        /// CSR: written; where, the subject, the next command.
        CsrDone,
        /// CSR: nothing (or not everything) was done, and why.
        CsrFailed,
    }
}

// The one key rule of every flow (issue 19, DESIGN "The wizard"): Enter goes on; Tab/Shift-Tab move
// between fields (Shift-Tab on the first field, or on a screen of one field, goes back); Esc goes back
// one step or closes an overlay, never quits (Shift-Tab, Alt-← and, outside text fields, `b` too, since
// tmux delays Esc); ↑↓ (j/k outside text fields) move between rows, ←→ (h/l) change a value drawn
// across; `?` opens help (F1 too, and only F1 in text fields, where `?` is typed); `q` quits where no
// text field has focus; Ctrl-C quits everywhere (asking while something is in flight).

/// Ctrl-C quits everywhere; in a text field, where `q` is typed, it is the only quit key.
const QUIT: Binding = bind(&[Key::Ctrl('c')], Action::Quit, Hint::Quit);
/// Where no text field has focus `q` quits too, and is the key the footer writes.
const QUIT_Q: Binding = bind(&[Key::Char('q'), Key::Ctrl('c')], Action::Quit, Hint::Quit);
const HELP: Binding = bind(&[Key::Char('?'), Key::F(1)], Action::Help, Hint::Help);
/// In a text field `?` is typed, so only F1 opens help.
const HELP_IN_TEXT: Binding = bind(&[Key::F(1)], Action::Help, Hint::Help);
/// Enter goes on; Tab never does (it moves between fields).
const NEXT: Binding = bind(&[Key::Enter], Action::Next, Hint::Next);
/// Outside text fields `b` goes back too; Esc comes first so every footer writes back the same way.
const BACK: Binding = bind(
    &[Key::Esc, Key::BackTab, Key::AltLeft, Key::Char('b')],
    Action::Back,
    Hint::Back,
);
/// In a text field `b` is typed.
const BACK_IN_TEXT: Binding = bind(
    &[Key::Esc, Key::BackTab, Key::AltLeft],
    Action::Back,
    Hint::Back,
);
/// On a screen of several fields Shift-Tab is the previous field, so back is the other keys.
const BACK_NO_TAB: Binding = bind(
    &[Key::Esc, Key::AltLeft, Key::Char('b')],
    Action::Back,
    Hint::Back,
);
/// [`BACK_NO_TAB`] where a text field has focus (`b` is typed).
const BACK_NO_TAB_IN_TEXT: Binding = bind(&[Key::Esc, Key::AltLeft], Action::Back, Hint::Back);
/// Tab: the next field of a screen of several.
const NEXT_FIELD: Binding = quiet(&[Key::Tab], Action::Down, Hint::Field);
/// Shift-Tab: the previous field, or back from the first one.
const PREV_FIELD: Binding = quiet(&[Key::BackTab], Action::PrevField, Hint::PrevField);
/// Ctrl-U empties the focused text field (the other readline keys work too; this one is in the help).
const CLEAR: Binding = quiet(
    &[Key::Ctrl('u')],
    Action::Edit(InputRequest::DeleteLine),
    Hint::ClearField,
);

/// Count fields hold digits only, so `?` opens help there; step 1 has nothing to go back to (Esc does
/// nothing there, it never quits).
const PERIOD: &[Binding] = &[
    NEXT,
    bind(&[Key::Up, Key::Down], Action::Toggle, Hint::Unit),
    CLEAR,
    HELP,
    QUIT,
];
const QUANTITY: &[Binding] = &[NEXT, BACK_IN_TEXT, CLEAR, HELP, QUIT];
/// Two rows of yes/no: ↑↓ (and Tab) move between them, ←→ or Space change the focused one.
const RENEWAL: &[Binding] = &[
    bind(&[Key::Up, Key::Char('k')], Action::Up, Hint::Choose),
    quiet(&[Key::Down, Key::Char('j')], Action::Down, Hint::Choose),
    bind(
        &[
            Key::Left,
            Key::Right,
            Key::Char(' '),
            Key::Char('h'),
            Key::Char('l'),
        ],
        Action::Toggle,
        Hint::Change,
    ),
    quiet(
        &[Key::Char('y'), Key::Char('Y')],
        Action::SetYes,
        Hint::YesNo,
    ),
    quiet(
        &[Key::Char('n'), Key::Char('N')],
        Action::SetNo,
        Hint::YesNo,
    ),
    NEXT,
    NEXT_FIELD,
    PREV_FIELD,
    BACK_NO_TAB,
    HELP,
    QUIT_Q,
];
const PROJECT_LIST: &[Binding] = &[
    bind(&[Key::Up], Action::Up, Hint::Choose),
    quiet(&[Key::Down], Action::Down, Hint::Choose),
    NEXT,
    BACK_IN_TEXT,
    CLEAR,
    HELP,
    QUIT,
];
const PROJECT_TYPED: &[Binding] = &[
    NEXT,
    bind(&[Key::Up], Action::Up, Hint::List),
    BACK_IN_TEXT,
    CLEAR,
    HELP,
    QUIT,
];
/// The review: the promotion field and the button; ↑↓ and Tab move between them.
const REVIEW: &[Binding] = &[
    bind(&[Key::Enter], Action::Next, Hint::Place).when(When::Unless(Fact::RegionRefuses)),
    bind(
        &[Key::Up, Key::Down, Key::Char('k'), Key::Char('j'), Key::Tab],
        Action::SwitchFocus,
        Hint::Choose,
    ),
    JSON,
    PREV_FIELD,
    BACK_NO_TAB,
    HELP,
    QUIT_Q,
];
const REVIEW_PROMOTION: &[Binding] = &[
    NEXT,
    bind(&[Key::F(2)], Action::ShowJson, Hint::Json),
    quiet(
        &[Key::Up, Key::Down, Key::Tab],
        Action::SwitchFocus,
        Hint::Choose,
    ),
    PREV_FIELD,
    BACK_NO_TAB_IN_TEXT,
    CLEAR,
    HELP_IN_TEXT,
    QUIT,
];
/// While a request is in flight only help and quitting (which asks first) act.
const IN_FLIGHT: &[Binding] = &[HELP, QUIT_Q];
/// On a final screen `q` is the advertised way out; Ctrl-C works too and is written beside it.
const QUIT_QUIET: Binding = quiet(&[Key::Ctrl('c')], Action::Quit, Hint::Quit);
/// `q` leaves a final screen (the result, an error, a finished activation).
const LEAVE: Binding = bind(&[Key::Char('q')], Action::Leave, Hint::Quit);
/// `c` copies the order id wherever it is shown.
const COPY: Binding = bind(&[Key::Char('c')], Action::Copy, Hint::Copy);
/// The exact JSON a review is about to send.
const JSON: Binding = bind(&[Key::Char('v'), Key::F(2)], Action::ShowJson, Hint::Json);
/// From an error back to its review: the back keys work as everywhere, `r` is the advertised one.
const BACK_TO_REVIEW: Binding = quiet(
    &[Key::Esc, Key::BackTab, Key::AltLeft, Key::Char('b')],
    Action::Review,
    Hint::Back,
);
/// Back from an error is the review (`r` is the advertised key; the back keys work as everywhere).
const ERROR: &[Binding] = &[
    bind(&[Key::Char('r')], Action::Review, Hint::Review),
    BACK_TO_REVIEW,
    LEAVE,
    HELP,
    QUIT_QUIET,
];
const HELP_OVERLAY: &[Binding] = &[QUIT, bind(&[Key::Any], Action::Close, Hint::Close)];
const JSON_OVERLAY: &[Binding] = &[
    bind(&[Key::Up, Key::Char('k')], Action::ScrollUp, Hint::Scroll),
    quiet(
        &[Key::Down, Key::Char('j')],
        Action::ScrollDown,
        Hint::Scroll,
    ),
    QUIT,
    bind(&[Key::Any], Action::Close, Hint::Close),
];
/// Only `y` says yes; every other key says no. `n` is named apart (quiet: the footer still writes "any
/// key") so the question's "y/N" can be built from the bindings.
const QUESTION: &[Binding] = &[
    bind(
        &[Key::Char('y'), Key::Char('Y')],
        Action::Confirm,
        Hint::Yes,
    ),
    QUIT,
    quiet(&[Key::Char('n'), Key::Char('N')], Action::Decline, Hint::No),
    bind(&[Key::Any], Action::Decline, Hint::No),
];
const TOO_SMALL: &[Binding] = &[QUIT];

// Billing after the order (issue 9). `c` copies the order id on every screen that shows it (as on the
// result), so cancelling is `x`.
const PAY: Binding = bind(&[Key::Char('p')], Action::Pay, Hint::Pay);
const CANCEL_ORDER: Binding = bind(&[Key::Char('x')], Action::CancelOrder, Hint::CancelOrder);
/// The order's screen, on the result and while following it: copy and leave always; pay and cancel
/// while it waits for payment; activate its CAs (`a`, or Enter: the way on) once it completed.
const ORDER_SHOWN: &[Binding] = &[
    bind(
        &[Key::Char('a'), Key::Enter],
        Action::ActivateCas,
        Hint::Activate,
    )
    .when(When::If(Fact::Completed)),
    PAY.when(When::If(Fact::Payable)),
    CANCEL_ORDER.when(When::If(Fact::Payable)),
    COPY,
    COPY_CAS,
    LEAVE,
    HELP,
    QUIT_QUIET,
    // Last: where the footer is full (an unpaid order's) it is the one cut, never the way out.
    MY_CAS,
];
/// `m` opens "My CAs" (issue 20) from a screen where nothing is in flight: a result, an activation's
/// end or its first step.
const MY_CAS: Binding = bind(&[Key::Char('m')], Action::MyCas, Hint::MyCas);
/// `i` copies the order's CA ids (quiet: the order screen's footer is full; the help lists it).
const COPY_CAS: Binding = quiet(&[Key::Char('i')], Action::CopyCa, Hint::CopyCas);
const ACT_FAILED: &[Binding] = &[
    bind(&[Key::Char('r')], Action::BackToOrder, Hint::BackToOrder),
    quiet(
        &[Key::Esc, Key::BackTab, Key::AltLeft, Key::Char('b')],
        Action::BackToOrder,
        Hint::Back,
    ),
    LEAVE,
    HELP,
    QUIT_QUIET,
];

// ---- the activation flow's screens (issue 10) ----
/// Arrows (and vi keys outside text fields) move a list.
const ACT_LIST_UP: Binding = bind(&[Key::Up, Key::Char('k')], Action::Up, Hint::Choose);
const ACT_LIST_DOWN: Binding = quiet(&[Key::Down, Key::Char('j')], Action::Down, Hint::Choose);
/// Opened on the chooser there is nothing to go back to.
const ACT_CHOOSE: &[Binding] = &[ACT_LIST_UP, ACT_LIST_DOWN, NEXT, HELP, QUIT_Q];
/// The first step: back would leave the flow, so it is not offered.
const ACT_TYPE: &[Binding] = &[ACT_LIST_UP, ACT_LIST_DOWN, NEXT, MY_CAS, HELP, QUIT_Q];
/// Six text fields: arrows and Tab/Shift-Tab move between them, Enter checks them all and goes on.
const ACT_SUBJECT: &[Binding] = &[
    NEXT,
    bind(&[Key::Up], Action::Up, Hint::Field),
    quiet(&[Key::Down, Key::Tab], Action::Down, Hint::Field),
    PREV_FIELD,
    BACK_NO_TAB_IN_TEXT,
    CLEAR,
    HELP_IN_TEXT,
    QUIT,
];
/// Rows of choices drawn across, as on the renewal step: ↑↓ (and Tab) move between rows, ←→ choose
/// in the focused row.
const ACT_KEYS: &[Binding] = &[
    ACT_LIST_UP,
    ACT_LIST_DOWN,
    bind(
        &[Key::Left, Key::Char('h')],
        Action::ValueLeft,
        Hint::Change,
    ),
    quiet(
        &[Key::Right, Key::Char('l')],
        Action::ValueRight,
        Hint::Change,
    ),
    NEXT,
    NEXT_FIELD,
    PREV_FIELD,
    BACK_NO_TAB,
    HELP,
    QUIT_Q,
];
/// One text field (`N{y|m|d|h}`): letters are typed, so only F1 opens help.
const ACT_VALIDITY: &[Binding] = &[NEXT, BACK_IN_TEXT, CLEAR, HELP_IN_TEXT, QUIT];
/// After an unknown outcome the CA may be ACTIVED already: `s` (read its status) is offered first.
const ACT_REVIEW: &[Binding] = &[
    bind(&[Key::Char('s')], Action::ReadStatus, Hint::Status)
        .when(When::If(Fact::MayHaveActivated)),
    bind(&[Key::Enter], Action::Next, Hint::Activate),
    JSON,
    BACK,
    HELP,
    QUIT_Q,
];
/// Activated: Enter offers the next CA while more wait (prefilled), else Enter leaves as `q` does;
/// `c` copies the CA's id, as it copies the order id where that is shown.
const ACT_DONE: &[Binding] = &[
    bind(&[Key::Enter], Action::Next, Hint::NextCa).when(When::If(Fact::MoreCas)),
    bind(&[Key::Char('q'), Key::Enter], Action::Leave, Hint::Quit)
        .when(When::Unless(Fact::MoreCas)),
    LEAVE.when(When::If(Fact::MoreCas)),
    bind(&[Key::Char('c')], Action::CopyCa, Hint::CopyCa),
    EXPORT,
    MY_CAS,
    HELP,
    QUIT_QUIET,
];
/// `s` reads the CA's status (first: after an unknown outcome it may be ACTIVED); `r` goes back to
/// the review with every value kept.
const ACT_ERROR: &[Binding] = &[
    bind(&[Key::Char('s')], Action::ReadStatus, Hint::Status),
    bind(&[Key::Char('r')], Action::Review, Hint::Review),
    BACK_TO_REVIEW,
    MY_CAS,
    LEAVE,
    HELP,
    QUIT_QUIET,
];

// ---- "My CAs" (issue 20) ----
/// `a` activates the PENDING CA highlighted or shown (the activation flow takes over).
const MANAGE_ACTIVATE: Binding =
    bind(&[Key::Char('a')], Action::ActivateCas, Hint::Activate).when(When::If(Fact::RowPending));
/// `t` switches auto-renew to the other state, `u` unsubscribes (both ask first) on a CA BSS lists.
const MANAGE_AUTO_RENEW: Binding =
    bind(&[Key::Char('t')], Action::AutoRenew, Hint::AutoRenew).when(When::If(Fact::Subscribed));
/// `n` renews (a period chosen, the price read, then the one question) on a CA BSS lists.
const MANAGE_RENEW: Binding =
    bind(&[Key::Char('n')], Action::Renew, Hint::Renew).when(When::If(Fact::Subscribed));
/// Renew: ←→ month or year, ↑↓ how many, Space pay now yes/no, Enter reads the price, Esc backs out.
const MANAGE_RENEW_CHOOSE: &[Binding] = &[
    bind(&[Key::Up, Key::Char('k')], Action::Up, Hint::Count),
    quiet(&[Key::Down, Key::Char('j')], Action::Down, Hint::Count),
    bind(&[Key::Left, Key::Right], Action::ValueRight, Hint::Unit),
    bind(&[Key::Char(' ')], Action::Toggle, Hint::PayNow),
    bind(&[Key::Enter], Action::Next, Hint::Price),
    BACK,
    HELP,
    QUIT_Q,
];
const MANAGE_UNSUBSCRIBE: Binding = bind(&[Key::Char('u')], Action::Unsubscribe, Hint::Unsubscribe)
    .when(When::If(Fact::Subscribed));
/// Unsubscribe: ↑↓ choose what ends, Enter asks, Esc backs out (nothing sent).
const MANAGE_UNSUBSCRIBE_CHOOSE: &[Binding] =
    &[ACT_LIST_UP, ACT_LIST_DOWN, NEXT, BACK, HELP, QUIT_Q];
/// The outcome: Enter (or Esc) back to the list, read again.
const MANAGE_OUTCOME: &[Binding] = &[
    bind(&[Key::Enter], Action::Next, Hint::BackToList),
    quiet(
        &[Key::Esc, Key::AltLeft, Key::Char('b')],
        Action::Back,
        Hint::BackToList,
    ),
    HELP,
    QUIT_Q,
];
/// The typed question: characters go into the answer, Enter sends only the CA's name or id, Esc (or
/// Ctrl-C) closes without sending.
const QUESTION_TYPED: &[Binding] = &[
    bind(&[Key::Enter], Action::Confirm, Hint::Unsubscribe),
    bind(&[Key::Esc], Action::Decline, Hint::No),
    QUIT,
];
/// The table: ↑↓ rows (PgUp/PgDn a page, from [`PAGES`]), Enter shows the row, `/` filters, Esc
/// clears a filter left standing, `r` reads again. A later action (renew, auto-renew, unsubscribe,
/// export) is one more binding here and in [`MANAGE_DETAIL`].
const MANAGE_LIST: &[Binding] = &[
    ACT_LIST_UP,
    ACT_LIST_DOWN,
    bind(&[Key::Enter], Action::Next, Hint::Show),
    MANAGE_ACTIVATE,
    // Quiet on the table (its footer is full; the help and the detail's footer name them).
    Binding {
        footer: false,
        ..MANAGE_AUTO_RENEW
    },
    Binding {
        footer: false,
        ..MANAGE_UNSUBSCRIBE
    },
    MANAGE_CSR,
    Binding {
        footer: false,
        ..MANAGE_RENEW
    },
    bind(&[Key::Char('/')], Action::Filter, Hint::Filter),
    bind(
        &[Key::Esc, Key::AltLeft, Key::Char('b')],
        Action::Back,
        Hint::ClearFilter,
    )
    .when(When::If(Fact::Filtered)),
    bind(&[Key::Char('r')], Action::Reload, Hint::Reload),
    MANAGE_EXPORT,
    HELP,
    QUIT_Q,
];
/// The filter field: typing narrows, ↑↓ still move the rows, Enter shows the highlighted row, Esc
/// clears the filter and gives the keys back to the table.
const MANAGE_FILTER: &[Binding] = &[
    bind(&[Key::Up], Action::Up, Hint::Choose),
    quiet(&[Key::Down], Action::Down, Hint::Choose),
    bind(&[Key::Enter], Action::Next, Hint::Show),
    bind(&[Key::Esc, Key::AltLeft], Action::Back, Hint::ClearFilter),
    CLEAR,
    HELP_IN_TEXT,
    QUIT,
];
/// One CA in detail: Esc back to the table.
// Esc back comes before the actions: at 80 columns the footer is cut after "? help", and the way back
// must stay on screen.
const MANAGE_DETAIL: &[Binding] = &[
    MANAGE_ACTIVATE,
    BACK,
    MANAGE_CSR,
    MANAGE_RENEW,
    MANAGE_AUTO_RENEW,
    MANAGE_UNSUBSCRIBE,
    MANAGE_EXPORT,
    HELP,
    QUIT_Q,
];
/// Reading: only help and quitting.
const MANAGE_LOADING: &[Binding] = &[HELP, QUIT_Q];
/// The read failed: `r` reads again.
const MANAGE_FAILED: &[Binding] = &[
    bind(&[Key::Char('r')], Action::Reload, Hint::Retry),
    HELP,
    QUIT_Q,
];

// ---- export (issue 21) ----
/// `e` saves the CA's certificate (and chain) to files: on an activation's end, a "My CAs" row or
/// detail.
const EXPORT: Binding = bind(&[Key::Char('e')], Action::Export, Hint::Export);
/// On "My CAs" `e` is offered only for a CA whose status can export (ACTIVED, EXPIRED, DISABLED; the
/// command line's rule, `CaStatus::can_export`), as `a` and `s` only for a PENDING one.
const MANAGE_EXPORT: Binding = EXPORT.when(When::Unless(Fact::NoExport));
/// Reading and writing: only help and quitting (nothing changes on the service).
const EXPORT_WORKING: &[Binding] = &[HELP, QUIT_Q];
/// Written, or refused: Esc back to the screen it came from.
const EXPORT_DONE: &[Binding] = &[BACK, HELP, QUIT_Q];
/// A call or the write failed: `r` tries again.
const EXPORT_FAILED: &[Binding] = &[
    bind(&[Key::Char('r')], Action::Reload, Hint::Retry),
    BACK,
    HELP,
    QUIT_Q,
];

// ---- the CSR path (issue 21) ----
/// `s` ("sign by my own root") on a PENDING CA's row or detail.
const MANAGE_CSR: Binding =
    bind(&[Key::Char('s')], Action::Csr, Hint::Csr).when(When::If(Fact::RowPending));
/// The key algorithm row: ←→ choose, ↑ (or Esc, Shift-Tab) back to the subject's fields, Enter asks.
const CSR_KEY: &[Binding] = &[
    bind(
        &[Key::Left, Key::Char('h')],
        Action::ValueLeft,
        Hint::Change,
    ),
    quiet(
        &[Key::Right, Key::Char('l')],
        Action::ValueRight,
        Hint::Change,
    ),
    bind(&[Key::Enter], Action::Next, Hint::Next),
    quiet(&[Key::Up, Key::Char('k')], Action::Up, Hint::Field),
    PREV_FIELD,
    BACK_NO_TAB,
    HELP,
    QUIT_Q,
];

impl Context {
    /// Whether PgUp/PgDn move the screen's highlighted row instead of scrolling it: a table whose
    /// window follows its highlighted row.
    pub fn pages_rows(self) -> bool {
        // Every "My CAs" table context, whatever its facts, is the one table's.
        self == Context::ManageFilter || std::ptr::eq(self.screen().0, MANAGE_LIST)
    }
}

impl Context {
    /// Whether a text field has the keyboard here: unbound printable keys are typed into it.
    pub fn has_text_field(self) -> bool {
        matches!(
            self,
            Context::Period
                | Context::Quantity
                | Context::ProjectList
                | Context::ProjectTyped
                | Context::ReviewPromotion
                | Context::ActSubject
                | Context::ActValidity
                | Context::ManageFilter
                | Context::QuestionTyped
                | Context::CsrSubject
        )
    }
}

impl Context {
    /// The context's screen, as its one table of bindings, and the facts of the screen's state this
    /// context stands for. The "X but …" contexts (an unpaid result, a completed order, a review after
    /// an unknown outcome, more CAs waiting) are their screen's table under a [`Fact`].
    pub fn screen(self) -> (&'static [Binding], &'static [Fact]) {
        const NONE: &[Fact] = &[];
        match self {
            Context::Period => (PERIOD, NONE),
            Context::Quantity => (QUANTITY, NONE),
            Context::Renewal => (RENEWAL, NONE),
            Context::ProjectList => (PROJECT_LIST, NONE),
            Context::ProjectTyped => (PROJECT_TYPED, NONE),
            Context::Review => (REVIEW, NONE),
            Context::ReviewRefused => (REVIEW, &[Fact::RegionRefuses]),
            Context::ReviewPromotion => (REVIEW_PROMOTION, NONE),
            // Something is in flight (the order, a pay or cancel, an activation): only help and
            // Ctrl-C (which asks first) act.
            Context::Submitting | Context::Acting | Context::ActActivating => (IN_FLIGHT, NONE),
            Context::Result | Context::Tracking => (ORDER_SHOWN, NONE),
            Context::ResultUnpaid | Context::TrackingPayable => (ORDER_SHOWN, &[Fact::Payable]),
            Context::TrackingCompleted => (ORDER_SHOWN, &[Fact::Completed]),
            Context::Error => (ERROR, NONE),
            Context::Help => (HELP_OVERLAY, NONE),
            Context::Json => (JSON_OVERLAY, NONE),
            Context::Question => (QUESTION, NONE),
            Context::TooSmall => (TOO_SMALL, NONE),
            Context::ActFailed => (ACT_FAILED, NONE),
            Context::ActChoose => (ACT_CHOOSE, NONE),
            Context::ActType => (ACT_TYPE, NONE),
            Context::ActSubject => (ACT_SUBJECT, NONE),
            Context::ActKeys => (ACT_KEYS, NONE),
            Context::ActValidity => (ACT_VALIDITY, NONE),
            Context::ActReview => (ACT_REVIEW, NONE),
            Context::ActReviewUnknown => (ACT_REVIEW, &[Fact::MayHaveActivated]),
            Context::ActDone => (ACT_DONE, NONE),
            Context::ActDoneMore => (ACT_DONE, &[Fact::MoreCas]),
            Context::ActError => (ACT_ERROR, NONE),
            Context::ManageLoading => (MANAGE_LOADING, NONE),
            Context::ManageFailed => (MANAGE_FAILED, NONE),
            Context::ManageList => (MANAGE_LIST, NONE),
            Context::ManageListFiltered => (MANAGE_LIST, &[Fact::Filtered]),
            Context::ManageListPending => (MANAGE_LIST, &[Fact::RowPending, Fact::NoExport]),
            Context::ManageListPendingFiltered => (
                MANAGE_LIST,
                &[Fact::RowPending, Fact::NoExport, Fact::Filtered],
            ),
            Context::ManageFilter => (MANAGE_FILTER, NONE),
            Context::ManageDetail => (MANAGE_DETAIL, NONE),
            Context::ManageDetailPending => (MANAGE_DETAIL, &[Fact::RowPending, Fact::NoExport]),
            Context::ExportWorking => (EXPORT_WORKING, NONE),
            Context::ExportDone | Context::ExportRefused => (EXPORT_DONE, NONE),
            Context::ExportFailed => (EXPORT_FAILED, NONE),
            Context::ManageListSub => (MANAGE_LIST, &[Fact::Subscribed]),
            Context::ManageListSubFiltered => (MANAGE_LIST, &[Fact::Subscribed, Fact::Filtered]),
            Context::ManageListPendingSub => (
                MANAGE_LIST,
                &[Fact::RowPending, Fact::NoExport, Fact::Subscribed],
            ),
            Context::ManageListPendingSubFiltered => (
                MANAGE_LIST,
                &[
                    Fact::RowPending,
                    Fact::NoExport,
                    Fact::Subscribed,
                    Fact::Filtered,
                ],
            ),
            Context::ManageDetailSub => (MANAGE_DETAIL, &[Fact::Subscribed]),
            Context::ManageDetailPendingSub => (
                MANAGE_DETAIL,
                &[Fact::RowPending, Fact::NoExport, Fact::Subscribed],
            ),
            Context::ManageListNoExport => (MANAGE_LIST, &[Fact::NoExport]),
            Context::ManageListNoExportFiltered => (MANAGE_LIST, &[Fact::NoExport, Fact::Filtered]),
            Context::ManageListNoExportSub => (MANAGE_LIST, &[Fact::NoExport, Fact::Subscribed]),
            Context::ManageListNoExportSubFiltered => (
                MANAGE_LIST,
                &[Fact::NoExport, Fact::Subscribed, Fact::Filtered],
            ),
            Context::ManageDetailNoExport => (MANAGE_DETAIL, &[Fact::NoExport]),
            Context::ManageDetailNoExportSub => {
                (MANAGE_DETAIL, &[Fact::NoExport, Fact::Subscribed])
            }
            Context::ManageUnsubscribeChoose => (MANAGE_UNSUBSCRIBE_CHOOSE, NONE),
            Context::ManageRenewChoose => (MANAGE_RENEW_CHOOSE, NONE),
            Context::ManageSending => (IN_FLIGHT, NONE),
            Context::ManageOutcome => (MANAGE_OUTCOME, NONE),
            Context::QuestionTyped => (QUESTION_TYPED, NONE),
            // The subject's fields are the activation's, with the same keys.
            Context::CsrSubject => (ACT_SUBJECT, NONE),
            Context::CsrKey => (CSR_KEY, NONE),
            Context::CsrWorking => (IN_FLIGHT, NONE),
            Context::CsrDone | Context::CsrFailed => (EXPORT_DONE, NONE),
        }
    }
}

/// PgUp/PgDn scroll every screen whose content is taller than the terminal (issue 19). Quiet: the
/// footer names them only while there is more to see (the view adds them then, from [`page_keys`]).
const PAGES: &[Binding] = &[
    quiet(&[Key::PageUp], Action::PageUp, Hint::Scroll),
    quiet(&[Key::PageDown], Action::PageDown, Hint::Scroll),
];

/// Every binding that works in a context, in the order footers and help show them: its screen's
/// table, each conditional binding kept only where the context's facts hold, then the page keys on
/// every screen (not on overlays, which take every key, nor on "too small").
pub fn bindings(context: Context) -> Vec<Binding> {
    let (table, facts) = context.screen();
    let pages = match context {
        Context::Help
        | Context::Json
        | Context::Question
        | Context::QuestionTyped
        | Context::TooSmall => &[][..],
        _ => PAGES,
    };
    table
        .iter()
        .filter(|b| b.when.holds(facts))
        .chain(pages)
        .copied()
        .collect()
}

/// The page keys as a footer writes them ("PgUp/PgDn") where they work, for the footer of a screen
/// whose content does not fit; `None` where they do not work.
pub fn page_keys(context: Context) -> Option<String> {
    let up = key_label(context, Action::PageUp)?;
    let down = key_label(context, Action::PageDown)?;
    Some(format!("{up}/{down}"))
}

/// The label of the key a sentence names for `action` in `context`: the first key of the first binding
/// that does it (the one the footer writes). `None` if nothing does it there, or if that key is "any
/// key" (which the catalog words). Sentences take their keys from here, so a sentence cannot name a
/// key that does not work.
pub fn key_label(context: Context, action: Action) -> Option<String> {
    bindings(context)
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .and_then(|k| k.label())
}

/// The label of `key` if, in `context`, pressing it does `action`; `None` otherwise. For a sentence
/// that names a key other than the footer's ("Enter: leave" where the footer writes `q`): the sentence
/// picks the key, the keymap vouches that it works.
pub fn label_if_bound(context: Context, action: Action, key: Key) -> Option<String> {
    (resolve(context, &key.example()) == Some(action))
        .then(|| key.label())
        .flatten()
}

/// How a question writes its answers, "y/N": the yes key, then the no key, upper-cased when every
/// other key answers no too (the default), as shells write it. Built from the context's
/// [`Action::Confirm`] and [`Action::Decline`] bindings.
pub fn yes_no(context: Context) -> Option<String> {
    let yes = key_label(context, Action::Confirm)?;
    let no = key_label(context, Action::Decline)?;
    let no_is_default = bindings(context)
        .iter()
        .any(|b| b.action == Action::Decline && b.keys.contains(&Key::Any));
    Some(if no_is_default {
        format!("{yes}/{}", no.to_uppercase())
    } else {
        format!("{yes}/{no}")
    })
}

/// One footer entry: the keys to write and the words for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FooterHint {
    /// The keys, written together ("↑↓", "y/n"); `None` for "any key", which the catalog words.
    pub keys: Option<String>,
    /// The words, from the catalog in the wizard's language.
    pub hint: Hint,
}

/// What the footer shows: each footer binding's first key (or its leading run of arrows, "↑↓"), with
/// the quiet bindings that share its words (↑ with ↓), in table order.
pub fn footer(context: Context) -> Vec<FooterHint> {
    let all = bindings(context);
    all.iter()
        .filter(|b| b.footer)
        .map(|b| {
            let lead = if is_arrow(b.keys[0]) {
                b.keys.iter().take_while(|k| is_arrow(**k)).count()
            } else {
                1
            };
            let keys: Vec<Key> = b.keys[..lead]
                .iter()
                .copied()
                .chain(
                    all.iter()
                        .filter(|o| !o.footer && o.hint == b.hint)
                        .map(|o| o.keys[0]),
                )
                .collect();
            FooterHint {
                keys: join_keys(&keys),
                hint: b.hint,
            }
        })
        .collect()
}

fn is_arrow(k: Key) -> bool {
    matches!(k, Key::Up | Key::Down | Key::Left | Key::Right)
}

/// One row of the help overlay: every key of a binding, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// All the binding's keys, written together; `None` for "any key", which the catalog words.
    pub keys: Option<String>,
    /// The words, from the catalog in the wizard's language.
    pub hint: Hint,
}

/// What the help overlay lists for the screen below it: every binding of that context, quiet ones
/// included, with all their keys — so a key that works is never missing from the help. The two page
/// keys share one row ("PgUp/PgDn scroll").
pub fn help_rows(context: Context) -> Vec<HelpRow> {
    bindings(context)
        .iter()
        .filter(|b| b.action != Action::PageDown)
        .map(|b| HelpRow {
            keys: if b.action == Action::PageUp {
                page_keys(context)
            } else {
                join_keys(b.keys)
            },
            hint: b.hint,
        })
        .collect()
}

/// What the runtime sends for a key event: nothing for a release or repeat, else the action the key
/// resolves to, or [`Action::Ignore`] (a key that means nothing still ends a one-shot notice).
pub fn translate(context: Context, ev: &KeyEvent) -> Option<Action> {
    if ev.kind != KeyEventKind::Press {
        return None;
    }
    Some(resolve(context, ev).unwrap_or(Action::Ignore))
}

/// Writes keys together: arrows run on ("↑↓"), others take a slash ("y/n"); `None` if any is [`Key::Any`].
pub fn join_keys(keys: &[Key]) -> Option<String> {
    let labels = keys.iter().map(|k| k.label()).collect::<Option<Vec<_>>>()?;
    let arrows = keys.iter().all(|k| is_arrow(*k));
    Some(labels.join(if arrows { "" } else { "/" }))
}

/// What a pressed key means in a context: the first binding that matches, else (in a text field) an
/// edit of the field, else nothing.
pub fn resolve(context: Context, ev: &KeyEvent) -> Option<Action> {
    if let Some(b) = bindings(context)
        .iter()
        .find(|b| b.keys.iter().any(|k| k.matches(ev)))
    {
        return Some(b.action);
    }
    if context.has_text_field() {
        return edit(ev);
    }
    None
}

/// The editing keys every text field understands (readline's, as shells have them).
fn edit(ev: &KeyEvent) -> Option<Action> {
    let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
    let alt = ev.modifiers.contains(KeyModifiers::ALT);
    Some(match ev.code {
        KeyCode::Char(c) if !ctrl && !alt => Action::Insert(c),
        KeyCode::Char('u') if ctrl => Action::Edit(InputRequest::DeleteLine),
        KeyCode::Char('w') if ctrl => Action::Edit(InputRequest::DeletePrevWord),
        KeyCode::Char('a') if ctrl => Action::Edit(InputRequest::GoToStart),
        KeyCode::Char('e') if ctrl => Action::Edit(InputRequest::GoToEnd),
        KeyCode::Char('k') if ctrl => Action::Edit(InputRequest::DeleteTillEnd),
        KeyCode::Backspace => Action::Edit(InputRequest::DeletePrevChar),
        KeyCode::Delete => Action::Edit(InputRequest::DeleteNextChar),
        KeyCode::Left => Action::Edit(InputRequest::GoToPrevChar),
        KeyCode::Right => Action::Edit(InputRequest::GoToNextChar),
        KeyCode::Home => Action::Edit(InputRequest::GoToStart),
        KeyCode::End => Action::Edit(InputRequest::GoToEnd),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_every_binding_does_what_its_binding_says() {
        // A key listed under a binding but shadowed by an earlier one would be advertised and not work.
        for &ctx in ALL_CONTEXTS {
            for b in bindings(ctx) {
                for &k in b.keys {
                    assert_eq!(
                        resolve(ctx, &k.example()),
                        Some(b.action),
                        "{ctx:?}: {k:?} is listed for {:?}",
                        b.action
                    );
                }
            }
        }
    }

    /// The overlays, which take every key, and "too small", where only Ctrl-C acts.
    fn is_overlay(ctx: Context) -> bool {
        matches!(
            ctx,
            Context::Help
                | Context::Json
                | Context::Question
                | Context::QuestionTyped
                | Context::TooSmall
        )
    }

    #[test]
    fn esc_never_quits_and_closes_every_overlay() {
        for &ctx in ALL_CONTEXTS {
            let esc = resolve(ctx, &Key::Esc.example());
            assert!(
                !matches!(esc, Some(Action::Quit | Action::Leave | Action::Confirm)),
                "{ctx:?}: {esc:?}"
            );
        }
        assert_eq!(
            resolve(Context::Help, &Key::Esc.example()),
            Some(Action::Close)
        );
        assert_eq!(
            resolve(Context::Json, &Key::Esc.example()),
            Some(Action::Close)
        );
        assert_eq!(
            resolve(Context::Question, &Key::Esc.example()),
            Some(Action::Decline)
        );
        // On every step with a way back, Esc takes it.
        for &ctx in ALL_CONTEXTS {
            if bindings(ctx).iter().any(|b| b.action == Action::Back) {
                assert_eq!(
                    resolve(ctx, &Key::Esc.example()),
                    Some(Action::Back),
                    "{ctx:?}"
                );
            }
        }
    }

    #[test]
    fn q_quits_wherever_no_text_field_has_focus() {
        for &ctx in ALL_CONTEXTS {
            if is_overlay(ctx) {
                continue;
            }
            let q = resolve(ctx, &Key::Char('q').example());
            if ctx.has_text_field() {
                assert_eq!(q, Some(Action::Insert('q')), "{ctx:?}");
            } else {
                assert!(
                    matches!(q, Some(Action::Quit | Action::Leave)),
                    "{ctx:?}: {q:?}"
                );
            }
        }
    }

    #[test]
    fn f1_opens_help_on_every_screen_and_question_mark_outside_free_text() {
        for &ctx in ALL_CONTEXTS {
            if is_overlay(ctx) {
                continue;
            }
            assert_eq!(
                resolve(ctx, &Key::F(1).example()),
                Some(Action::Help),
                "{ctx:?}"
            );
            let q = resolve(ctx, &Key::Char('?').example());
            assert!(
                matches!(q, Some(Action::Help | Action::Insert('?'))),
                "{ctx:?}: {q:?}"
            );
        }
    }

    #[test]
    fn tab_is_never_the_next_step() {
        for &ctx in ALL_CONTEXTS {
            let tab = resolve(ctx, &Key::Tab.example());
            assert!(!matches!(tab, Some(Action::Next)), "{ctx:?}");
        }
    }

    #[test]
    fn letters_are_typed_in_text_fields_and_keys_elsewhere() {
        let b = Key::Char('b').example();
        assert_eq!(resolve(Context::ProjectList, &b), Some(Action::Insert('b')));
        assert_eq!(resolve(Context::Renewal, &b), Some(Action::Back));
        let q = Key::Char('?').example();
        assert_eq!(
            resolve(Context::ReviewPromotion, &q),
            Some(Action::Insert('?'))
        );
        assert_eq!(resolve(Context::Review, &q), Some(Action::Help));
    }

    #[test]
    fn ctrl_c_acts_everywhere_and_only_ctrl_c_acts_when_too_small() {
        for &ctx in ALL_CONTEXTS {
            assert_eq!(
                resolve(ctx, &Key::Ctrl('c').example()),
                Some(Action::Quit),
                "{ctx:?}"
            );
        }
        assert_eq!(resolve(Context::TooSmall, &Key::Char('y').example()), None);
    }

    #[test]
    fn a_question_is_answered_yes_only_by_y() {
        assert_eq!(
            resolve(Context::Question, &Key::Char('y').example()),
            Some(Action::Confirm)
        );
        for k in [Key::Enter, Key::Char('n'), Key::Char('x'), Key::Tab] {
            assert_eq!(
                resolve(Context::Question, &k.example()),
                Some(Action::Decline)
            );
        }
    }

    #[test]
    fn every_context_shows_a_way_out_in_its_footer() {
        for &ctx in ALL_CONTEXTS {
            assert!(footer(ctx).iter().any(|h| h.hint == Hint::Quit), "{ctx:?}");
        }
    }

    #[test]
    fn every_footer_hint_is_a_binding_of_its_context_and_its_keys_do_that() {
        for &ctx in ALL_CONTEXTS {
            for h in footer(ctx) {
                let b = bindings(ctx)
                    .into_iter()
                    .find(|b| b.footer && b.hint == h.hint)
                    .unwrap_or_else(|| {
                        panic!("{ctx:?}: footer shows {:?} with no binding", h.hint)
                    });
                assert_eq!(resolve(ctx, &b.keys[0].example()), Some(b.action));
            }
        }
    }

    #[test]
    fn every_binding_appears_in_the_help_with_all_its_keys() {
        for &ctx in ALL_CONTEXTS {
            let rows = help_rows(ctx);
            for b in bindings(ctx) {
                // Its keys as a row writes them, or (the page keys, which share a row) among them.
                let shown = |r: &HelpRow| {
                    r.keys == join_keys(b.keys)
                        || b.keys.iter().all(|k| {
                            k.label().is_some_and(|l| {
                                r.keys
                                    .as_deref()
                                    .is_some_and(|keys| keys.split('/').any(|s| s == l))
                            })
                        })
                };
                assert!(
                    rows.iter().any(|r| r.hint == b.hint && shown(r)),
                    "{ctx:?}: {:?} is missing from the help",
                    b.keys
                );
            }
        }
    }

    #[test]
    fn back_is_written_the_same_in_every_footer() {
        let backs: Vec<Option<String>> = ALL_CONTEXTS
            .iter()
            .flat_map(|&ctx| footer(ctx))
            .filter(|h| h.hint == Hint::Back)
            .map(|h| h.keys)
            .collect();
        assert!(backs.len() >= 4, "{backs:?}");
        assert!(
            backs.iter().all(|k| k.as_deref() == Some("Esc")),
            "{backs:?}"
        );
    }

    #[test]
    fn overlays_that_any_key_closes_do_not_advertise_a_particular_key() {
        for ctx in [Context::Help, Context::Json] {
            let close = footer(ctx)
                .into_iter()
                .find(|h| h.hint == Hint::Close)
                .expect("a close hint");
            assert_eq!(close.keys, None, "{ctx:?}");
        }
    }

    #[test]
    fn releases_and_repeats_do_nothing_and_unbound_keys_are_ignored() {
        let mut ev = Key::Enter.example();
        ev.kind = KeyEventKind::Release;
        assert_eq!(translate(Context::Period, &ev), None);
        assert_eq!(
            translate(Context::Renewal, &Key::F(9).example()),
            Some(Action::Ignore)
        );
    }

    #[test]
    fn footers_write_arrows_together_and_other_keys_apart() {
        let renewal = footer(Context::Renewal);
        assert_eq!(renewal[0].keys.as_deref(), Some("↑↓"));
        assert_eq!(
            join_keys(&[Key::Char('y'), Key::Char('n')]).as_deref(),
            Some("y/n")
        );
        assert_eq!(join_keys(&[Key::Any]), None);
    }
}
