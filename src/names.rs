//! Enums with a fixed set of names (states, statuses, codes, rule ids): each is declared once
//! with [`named_enum!`], which gives it its table of names, `name()`, `from_name()`, and its
//! (de)serialisation as that name. Deserialising goes through one visitor shared by every such
//! enum, so each adds a table to the `.wasm`, not a copy of serde's derived enum code.

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// The position of `text` in `names`.
pub fn index(names: &[&str], text: &str) -> Option<usize> {
    names.iter().position(|n| *n == text)
}

struct NameVisitor(&'static [&'static str]);

impl<'de> Visitor<'de> for NameVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.0.join(", "))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<usize, E> {
        index(self.0, text).ok_or_else(|| E::unknown_variant(text, self.0))
    }
}

/// Reads one of `names`: its position.
pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_str(NameVisitor(names))
}

/// Declares a unit-only enum by its names (see the module's documentation).
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Their names, in the same order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];

            /// The name as written in JSON.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value with this name.
            pub fn from_name(text: &str) -> Option<$name> {
                $crate::names::index(Self::NAMES, text).and_then(|i| Self::ALL.get(i).copied())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.name())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let i = $crate::names::deserialize(deserializer, Self::NAMES)?;
                Self::ALL
                    .get(i)
                    .copied()
                    .ok_or_else(|| <D::Error as serde::de::Error>::custom("no such name"))
            }
        }
    };
}
