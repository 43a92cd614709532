//! Every word a user reads — wizard, command line, errors — in one catalog per language. One file per
//! language holds a complete [`catalog!`]-generated struct literal, so the compiler refuses a language that
//! misses a message, and `entries()` renders every message (with sample values) for the test that walks
//! them all.

/// Declares the catalog struct: fixed strings as `&'static str` fields, strings with values as
/// `fn(..) -> String` fields with a method of the same name (so call sites read `t.quantity_value(3)`),
/// and `entries()`, which renders every message — each formatted one with every sample argument list
/// given — so a test can walk the whole catalog of each language.
#[macro_export]
macro_rules! catalog {
    (
        $(#[$sm:meta])*
        pub struct $name:ident {
            fixed {
                $( $(#[$fm:meta])* $f:ident, )*
            }
            formatted {
                $( $(#[$gm:meta])* $g:ident ( $($a:ident : $t:ty),* ) samples [ $( ( $($s:expr),* ) ),+ $(,)? ], )*
            }
        }
    ) => {
        $(#[$sm])*
        pub struct $name {
            $( $(#[$fm])* pub $f: &'static str, )*
            $( $(#[$gm])* pub $g: fn($($t),*) -> String, )*
        }

        impl $name {
            $(
                $(#[$gm])*
                pub fn $g(&self, $($a: $t),*) -> String {
                    (self.$g)($($a),*)
                }
            )*

            /// Every message with its name, formatted ones once per sample: for the catalog tests.
            pub fn entries(&self) -> Vec<(&'static str, String)> {
                vec![
                    $( (stringify!($f), self.$f.to_string()), )*
                    $( $( (stringify!($g), (self.$g)($($s),*)), )+ )*
                ]
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::catalog! {
        /// A two-message catalog to prove the macro.
        pub struct Demo {
            fixed {
                /// A fixed word.
                hello,
            }
            formatted {
                /// A counted word.
                things(n: u64) samples [(1), (2)],
            }
        }
    }

    static EN: Demo = Demo {
        hello: "hello",
        things: |n| format!("{n} thing{}", if n == 1 { "" } else { "s" }),
    };

    #[test]
    fn methods_call_the_language_s_function_and_entries_walk_every_sample() {
        assert_eq!(EN.things(3), "3 things");
        assert_eq!(
            EN.entries(),
            vec![
                ("hello", "hello".to_string()),
                ("things", "1 thing".to_string()),
                ("things", "2 things".to_string()),
            ]
        );
    }
}
