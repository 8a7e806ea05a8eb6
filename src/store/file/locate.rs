//! Finding where a value sits in the workbook's text, given its field path
//! (`impact.wins[3].date`), so a value refused after parsing can be reported
//! with a line and column like a syntax error.
//!
//! The text is read again with ron, following the path through structs,
//! options, enum variants and lists without building anything. When the
//! value at the end of the path is about to be read, the walk stops with a
//! marker error, and ron's position at that moment is where the value starts.

use crate::domain::workbook::Step;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// The marker a walk stops with when it reaches the value.
const FOUND: &str = "careerbook: the value was found here";

/// The 1-based line and column where the value at `path` starts in `text`;
/// `None` if the path is not in the text (a value filled in by default).
pub fn locate(text: &str, path: &[Step]) -> Option<(usize, usize)> {
    let options = ron::Options::default();
    let mut de = ron::Deserializer::from_str_with_options(text, &options).ok()?;
    match (Seek { path }).deserialize(&mut de) {
        Err(ron::Error::Message(message)) if message == FOUND => {
            let span = de.span_error(ron::Error::Message(message)).span;
            Some((span.end.line, span.end.col))
        }
        _ => None,
    }
}

/// Follows `path` from the value about to be read.
struct Seek<'p> {
    path: &'p [Step],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        if self.path.is_empty() {
            // Nothing of the value has been read yet: ron points at its start.
            return Err(de::Error::custom(FOUND));
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    /// `Some(x)` is looked through: the path names the field, not the option.
    fn visit_some<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: de::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    /// A struct, or an enum variant with fields (`estimated(annual_base: …)`).
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (first, rest) = match self.path.split_first() {
            Some((Step::Field(name), rest)) => (*name, rest),
            // A list position asked of a struct: not this path.
            _ => return Ok(()),
        };
        while let Some(Key(key)) = map.next_key()? {
            if key.as_deref() == Some(first) {
                return map.next_value_seed(Seek { path: rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (wanted, rest) = match self.path.split_first() {
            Some((Step::Index(index), rest)) => (*index, rest),
            _ => return Ok(()),
        };
        let mut index = 0;
        while index < wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
        seq.next_element_seed(Seek { path: rest }).map(drop)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        Ok(())
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_char<E: de::Error>(self, _: char) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

/// A struct field's name; `None` for a key that is not a name.
struct Key(Option<String>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Name;
        impl Visitor<'_> for Name {
            type Value = Key;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
                Ok(Key(Some(name.to_string())))
            }

            fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Key, E> {
                Ok(Key(None))
            }
        }
        deserializer.deserialize_identifier(Name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Field, Index};

    const TEXT: &str = r#"(
    version: 1,
    runway: (
        separation: Some("2027-02-09"),
        severance: Some(estimated(annual_base: "178000", template: amazon_2025(weeks: "9"))),
        withholding: "0.2965",
    ),
    vesting: (
        grants: [
            (id: 1, schedule: amazon),
            (id: 2, schedule: custom(tranches: [(date: "2027-01-01", amount: percent("0.5")), (date: "2028-01-01", amount: shares("50"))])),
        ],
    ),
)
"#;

    /// Line and column (1-based, in characters) of the one place `needle` starts.
    fn position_of(needle: &str) -> (usize, usize) {
        assert_eq!(TEXT.matches(needle).count(), 1, "{needle} is not unique");
        let at = TEXT.find(needle).expect("present");
        let before = &TEXT[..at];
        let line = 1 + before.matches('\n').count();
        let column = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
        (line, column)
    }

    #[test]
    fn finds_fields_through_options_variants_and_lists() {
        assert_eq!(locate(TEXT, &[Field("version")]), Some(position_of("1,\n")));
        assert_eq!(
            locate(TEXT, &[Field("runway"), Field("withholding")]),
            Some(position_of("\"0.2965\""))
        );
        // An optional value is pointed at from its `Some`.
        assert_eq!(
            locate(TEXT, &[Field("runway"), Field("separation")]),
            Some(position_of("Some(\"2027-02-09"))
        );
        // Through `Some(...)` and two enum variants.
        let weeks = [
            Field("runway"),
            Field("severance"),
            Field("template"),
            Field("weeks"),
        ];
        assert_eq!(locate(TEXT, &weeks), Some(position_of("\"9\"")));
        // The second grant's second tranche's amount.
        let amount = [
            Field("vesting"),
            Field("grants"),
            Index(1),
            Field("schedule"),
            Field("tranches"),
            Index(1),
            Field("amount"),
        ];
        assert_eq!(locate(TEXT, &amount), Some(position_of("shares(\"50\")")));
        // A list position points at the element.
        assert_eq!(
            locate(TEXT, &[Field("vesting"), Field("grants"), Index(0)]),
            Some(position_of("(id: 1"))
        );
    }

    #[test]
    fn a_path_that_is_not_in_the_text_has_no_position() {
        assert_eq!(locate(TEXT, &[Field("pipeline")]), None);
        assert_eq!(locate(TEXT, &[Field("runway"), Field("benefit")]), None);
        assert_eq!(
            locate(TEXT, &[Field("vesting"), Field("grants"), Index(5)]),
            None
        );
        assert_eq!(locate("not ron at all (", &[Field("version")]), None);
    }
}
