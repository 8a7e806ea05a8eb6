//! One record line, read exactly as careerbook writes it.
//!
//! ron reads a record line in about 2.4 µs, most of it spent being ready for
//! what a hand edit may hold: comments and any whitespace between any two
//! tokens, raw strings, struct names, number forms. A line careerbook wrote
//! holds none of that — `(id: 1, title: "…", tags: ["a", "b"])`, one space
//! after each `,` and `:`, strings escaped by `char::escape_debug` — and this
//! reader takes only that. It says no to anything else, and the line is then
//! read by ron. So whatever it reads, ron reads the same: the tests hold it to
//! that on every kind of record and on thousands of lines damaged at random.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Visitor};
use std::borrow::Cow;
use std::fmt;

/// The value on `line` (a record without its comma), or `None` if the line is
/// not exactly as careerbook writes it, or its values are not right for `T`.
pub fn read<T: DeserializeOwned>(line: &str) -> Option<T> {
    let mut reader = Reader {
        rest: line.trim_start_matches(' '),
    };
    let value = T::deserialize(&mut reader).ok()?;
    reader.rest.is_empty().then_some(value)
}

/// What the reader says when it will not read a line. The reason does not
/// matter: ron reads the line again and, if it must, explains.
#[derive(Debug)]
pub struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not in careerbook's own layout")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

type Result<T> = std::result::Result<T, Refused>;

struct Reader<'de> {
    rest: &'de str,
}

impl<'de> Reader<'de> {
    fn eat(&mut self, token: &str) -> Result<()> {
        self.rest = self.rest.strip_prefix(token).ok_or(Refused)?;
        Ok(())
    }

    fn next_is(&self, byte: u8) -> bool {
        self.rest.as_bytes().first() == Some(&byte)
    }

    /// An ASCII identifier: a field's or a variant's name, `Some`, `true`.
    fn ident(&mut self) -> Result<&'de str> {
        let bytes = self.rest.as_bytes();
        if !bytes
            .first()
            .is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_')
        {
            return Err(Refused);
        }
        let end = bytes
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(bytes.len());
        let (ident, rest) = self.rest.split_at(end);
        self.rest = rest;
        Ok(ident)
    }

    /// Digits as careerbook writes them: no sign, no leading zero, no `_`.
    fn digits(&mut self) -> Result<u64> {
        let end = self
            .rest
            .bytes()
            .position(|b| !b.is_ascii_digit())
            .unwrap_or(self.rest.len());
        let (digits, rest) = self.rest.split_at(end);
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) {
            return Err(Refused);
        }
        self.rest = rest;
        digits.parse().map_err(|_| Refused)
    }

    fn signed(&mut self) -> Result<i64> {
        if self.eat("-").is_ok() {
            let magnitude = self.digits()?;
            // `-0` is not written by careerbook.
            if magnitude == 0 {
                return Err(Refused);
            }
            0i64.checked_sub_unsigned(magnitude).ok_or(Refused)
        } else {
            i64::try_from(self.digits()?).map_err(|_| Refused)
        }
    }

    /// A string in double quotes, its escapes read as ron reads them. Only
    /// the escapes `char::escape_debug` writes are taken (`\x41` is not).
    fn string(&mut self) -> Result<Cow<'de, str>> {
        self.eat("\"")?;
        let bytes = self.rest.as_bytes();
        let end = bytes
            .iter()
            .position(|&b| b == b'"' || b == b'\\')
            .ok_or(Refused)?;
        if bytes[end] == b'"' {
            let (text, rest) = self.rest.split_at(end);
            self.rest = &rest[1..];
            return Ok(Cow::Borrowed(text));
        }
        let mut text = String::with_capacity(end + 16);
        let mut chars = self.rest.char_indices();
        loop {
            let (_, c) = chars.next().ok_or(Refused)?;
            match c {
                '"' => break,
                '\\' => text.push(escape(&mut chars)?),
                c => text.push(c),
            }
        }
        let at = chars.next().map_or(self.rest.len(), |(at, _)| at);
        self.rest = &self.rest[at..];
        Ok(Cow::Owned(text))
    }
}

/// The character an escape stands for, its `\` already read.
fn escape(chars: &mut std::str::CharIndices<'_>) -> Result<char> {
    let (_, c) = chars.next().ok_or(Refused)?;
    Ok(match c {
        '\'' | '"' | '\\' => c,
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        '0' => '\0',
        'u' => {
            if chars.next().map(|(_, c)| c) != Some('{') {
                return Err(Refused);
            }
            let mut code = 0u32;
            let mut digits = 0;
            loop {
                let (_, c) = chars.next().ok_or(Refused)?;
                if c == '}' {
                    break;
                }
                digits += 1;
                if digits > 6 {
                    return Err(Refused);
                }
                code = code * 16 + c.to_digit(16).ok_or(Refused)?;
            }
            if digits == 0 {
                return Err(Refused);
            }
            char::from_u32(code).ok_or(Refused)?
        }
        _ => return Err(Refused),
    })
}

fn visit_string<'de, V: Visitor<'de>>(text: Cow<'de, str>, visitor: V) -> Result<V::Value> {
    match text {
        Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
        Cow::Owned(text) => visitor.visit_string(text),
    }
}

/// What careerbook's records never hold: refused, so ron reads the line.
macro_rules! refused {
    ($($method:ident)+) => {
        $(fn $method<V: Visitor<'de>>(self, _: V) -> Result<V::Value> {
            Err(Refused)
        })+
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Refused;

    /// Only a string: how a decimal is written.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        if self.next_is(b'"') {
            self.deserialize_string(visitor)
        } else {
            Err(Refused)
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "true" => visitor.visit_bool(true),
            "false" => visitor.visit_bool(false),
            _ => Err(Refused),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_i64(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_i64(self.signed()?)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_u64(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_u64(self.digits()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visit_string(self.string()?, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visit_string(self.string()?, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.ident()? {
            "None" => visitor.visit_none(),
            "Some" => {
                self.eat("(")?;
                let value = visitor.visit_some(&mut *self)?;
                self.eat(")")?;
                Ok(value)
            }
            _ => Err(Refused),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.eat("[")?;
        let value = visitor.visit_seq(Items::new(self, b']'))?;
        self.eat("]")?;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.eat("(")?;
        let value = visitor.visit_map(Items::new(self, b')'))?;
        self.eat(")")?;
        Ok(value)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(self)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.ident()?)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Refused)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Refused)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(Refused)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Refused)
    }

    refused! {
        deserialize_f32 deserialize_f64 deserialize_char deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_map deserialize_ignored_any
    }
}

/// The items of a list (`[a, b]`) or the fields of a record (`(a: 1, b: 2)`):
/// each after `, ` but the first, none after the last.
struct Items<'a, 'de> {
    reader: &'a mut Reader<'de>,
    close: u8,
    first: bool,
}

impl<'a, 'de> Items<'a, 'de> {
    fn new(reader: &'a mut Reader<'de>, close: u8) -> Self {
        Items {
            reader,
            close,
            first: true,
        }
    }

    /// Whether another item follows, its separator read.
    fn another(&mut self) -> Result<bool> {
        if self.reader.next_is(self.close) {
            return Ok(false);
        }
        if !std::mem::take(&mut self.first) {
            self.reader.eat(", ")?;
        }
        Ok(true)
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = Refused;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if !self.another()? {
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

impl<'de> de::MapAccess<'de> for Items<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if !self.another()? {
            return Ok(None);
        }
        let name = self.reader.ident()?;
        self.reader.eat(": ")?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.reader)
    }
}

/// A variant by its name, then what it holds: nothing (`revenue`) or one
/// value (`percent("0.1")`).
impl<'de> de::EnumAccess<'de> for &mut Reader<'de> {
    type Error = Refused;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let name = self.ident()?;
        let variant = seed.deserialize(de::value::BorrowedStrDeserializer::new(name))?;
        Ok((variant, self))
    }
}

impl<'de> de::VariantAccess<'de> for &mut Reader<'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        self.eat("(")?;
        let value = seed.deserialize(&mut *self)?;
        self.eat(")")?;
        Ok(value)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(Refused)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::impact::{Category, Metric, Win};
    use crate::domain::workbook::Workbook;
    use crate::store::file::to_bytes;
    use chrono::NaiveDate;

    /// The line careerbook writes for `win`, without its comma.
    fn written(win: &Win) -> String {
        let mut workbook = Workbook::default();
        workbook.impact.wins.push(win.clone());
        let text = String::from_utf8(to_bytes(&workbook).expect("writes")).expect("utf-8");
        let line = text
            .lines()
            .find(|l| l.starts_with("            (id: "))
            .expect("a win line");
        line.strip_suffix(',').expect("a comma").to_string()
    }

    fn win(title: &str) -> Win {
        Win {
            id: 7,
            date: NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
            title: title.to_string(),
            category: Category::CostSavings,
            metric: Metric::parse("$40k/yr").ok(),
            notes: Some("two\nlines".into()),
            tags: vec!["finops".into(), "k8s".into()],
            link: None,
        }
    }

    fn ron_reads(line: &str) -> Option<Win> {
        ron::Options::default().from_str(line).ok()
    }

    #[test]
    fn a_written_line_reads_back_as_the_record_and_as_ron_reads_it() {
        let win = win("Cut \"EC2\" spend \\ by 30% — Priya's idea \u{1b}[31m \u{202e}");
        let line = written(&win);
        assert_eq!(read::<Win>(&line), Some(win.clone()));
        assert_eq!(ron_reads(&line), Some(win));
    }

    #[test]
    fn what_careerbook_never_writes_is_left_to_ron() {
        let line = written(&win("Cut spend"));
        let refused = [
            // A comment, whitespace ron skips, a trailing comma.
            line.replacen("(id: 7, ", "(id: 7 /* x */, ", 1),
            line.replacen(", date", ",  date", 1),
            line.replacen("(id: 7,", "( id: 7,", 1),
            line.replacen("\"k8s\"]", "\"k8s\", ]", 1),
            line.replacen("Some(\"two", "Some (\"two", 1),
            // Numbers in forms ron takes and careerbook never writes.
            line.replacen("id: 7", "id: 007", 1),
            line.replacen("id: 7", "id: 0x7", 1),
            line.replacen("id: 7", "id: 7_0", 1),
            line.replacen("id: 7", "id: +7", 1),
            line.replacen("id: 7", "id: -0", 1),
            line.replacen("id: 7", "id: 7.0", 1),
            line.replacen("id: 7", "id: 7e0", 1),
            line.replacen("id: 7", "id: 18446744073709551616", 1),
            // Names in forms ron takes (or refuses too) and careerbook never writes.
            line.replacen("id: 7", "r#id: 7", 1),
            line.replacen("cost_savings", "r#cost_savings", 1),
            line.replacen("cost_savings", "Cost_savings", 1),
            line.replacen("cost_savings", "cost_savings()", 1),
            line.replacen("cost_savings", "cost_savingsé", 1),
            line.replacen("cost_savings", "\"cost_savings\"", 1),
            line.replacen("Some(\"two\\nlines\")", "Some(Some(\"two\\nlines\"))", 1),
            line.replacen("lines\")", "lines\",)", 1),
            line.replacen("baseline: None", "baseline: Nonee", 1),
            // Escapes `escape_debug` does not write, a raw string, a struct name.
            line.replacen("Cut", "\\x43ut", 1),
            line.replacen("\"Cut spend\"", "r#\"Cut spend\"#", 1),
            format!("Win{line}"),
            // A record that ends early or goes on.
            line[..line.len() - 1].to_string(),
            format!("{line} "),
        ];
        for edited in refused {
            assert_ne!(edited, line, "each case edits the line");
            assert_eq!(read::<Win>(&edited), None, "{edited}");
        }
    }

    #[test]
    fn escapes_read_as_ron_reads_them() {
        for (escaped, meant) in [
            (r#""a\u{1b}b""#, "a\u{1b}b"),
            (r#""\u{10FFFF}""#, "\u{10ffff}"),
            (r#""\0\t\r\n\"\'\\""#, "\0\t\r\n\"'\\"),
            (r#""é""#, "é"),
            // Leading zeros and upper case, up to the six digits ron reads.
            (r#""\u{0041}\u{00004a}\u{FEFF}""#, "AJ\u{feff}"),
            // Raw control characters: careerbook escapes them, ron takes them.
            ("\"\t\u{7f}\u{0}\"", "\t\u{7f}\u{0}"),
        ] {
            let ron: String = ron::Options::default().from_str(escaped).expect("ron");
            assert_eq!(ron, meant);
            assert_eq!(read::<String>(escaped).as_deref(), Some(meant), "{escaped}");
        }
        for refused in [
            r#""\u{}""#,
            r#""\u{1234567}""#,
            r#""\u{d800}""#,
            r#""\q""#,
            "\"a",
            // A backslash before the closing quote: the string goes on.
            r#""a\""#,
            r#""\U{41}""#,
            r#""\u41""#,
            r#""\u{110000}""#,
            r#""\u{DFFF}""#,
            r#""\u{+41}""#,
        ] {
            let ron = ron::Options::default().from_str::<String>(refused);
            assert!(ron.is_err(), "ron refuses {refused} too");
            assert_eq!(read::<String>(refused), None, "{refused}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_careerbook_writes_reads_back_as_ron_reads_it(
            title in "(?s).{0,40}",
            note in proptest::option::of("(?s).{0,40}"),
            tags in proptest::collection::vec("[^\"]{0,8}", 0..3),
        ) {
            let mut win = win(&title);
            win.notes = note;
            win.tags = tags;
            let line = written(&win);
            proptest::prop_assert_eq!(ron_reads(&line), Some(win.clone()));
            proptest::prop_assert_eq!(read::<Win>(&line), Some(win));
        }
    }
}
