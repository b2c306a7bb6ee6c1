//! Reading JSON text with serde_json so that an error comes out as data: its kind from the serde
//! trait method that raised it, its JSON path from where the reader was, its line and column from
//! serde_json. Nothing is read back out of a message.
//!
//! A thin [`Deserializer`](de::Deserializer) wraps serde_json's, in one pass with no intermediate
//! tree. Its error type ([`Raise`]) builds each error with the inner deserializer's own
//! [`de::Error`] impl, so messages and positions are serde_json's exactly, and notes which
//! method serde called (`unknown_field`, `missing_field`, `invalid_type`, ...). When an error
//! passes back into serde_json, the note and the path are kept in a side channel owned by the
//! call ([`from_str`]), as serde_path_to_error's `Track` does. Paths cost a good document nothing
//! measurable: keys are borrowed from the text, and a path is written only for an error.
//!
//! Two kinds no serde method names come through names of newtypes (the pattern of serde_json's
//! `RawValue`): a message raised inside [`DATE`] is `invalid-date`, inside [`NESTING`]
//! `too-deep`. serde_json reads such a newtype as its contents.
//!
//! A leaf: it knows [`crate::error`] and nothing else of the crate.

use std::cell::{Cell, RefCell};
use std::fmt;

use serde::de::{self, DeserializeSeed, Unexpected, Visitor};

use crate::error::{join_path, Error, ErrorKind, Location};

/// The newtype a [`crate::Date`] is read through: a message raised inside is `invalid-date`.
pub(crate) const DATE: &str = "$engagekit::Date";

/// The newtype a guard on nesting reads through (a report's sections): a message raised by the
/// guard itself is `too-deep`.
pub(crate) const NESTING: &str = "$engagekit::Nesting";

/// How many arrays and objects may be open at once: below serde_json's own limit (it refuses its
/// 128th), so that this reader refuses first, with a `too-deep` error of its own.
pub(crate) const MAX_DEPTH: u32 = 126;

/// Reads a `T` from JSON text. A data error's path is put under `root` (`charter`, `responses`).
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    root: &str,
) -> Result<T, Error> {
    let track = Track {
        text,
        found: RefCell::new(None),
    };
    let chain = Chain::Root;
    let cx = Cx {
        chain: &chain,
        track: &track,
        depth: 0,
        custom: ErrorKind::InvalidValue,
        key: None,
    };
    let cx = &cx;
    let mut json = serde_json::Deserializer::from_str(text);
    NOTE.with(Cell::take);
    let read = T::deserialize(Wrap { de: &mut json, cx })
        .map_err(|e| cx.out(e))
        .and_then(|value| json.end().map(|()| value));
    NOTE.with(Cell::take);
    read.map_err(|e| to_error(&e, track.found.into_inner(), root))
}

/// serde_json's error, with what the side channel holds, as an [`Error`].
#[cold]
#[inline(never)]
fn to_error(e: &serde_json::Error, found: Option<Found>, root: &str) -> Error {
    let (line, column) = (e.line(), e.column());
    let text = e.to_string();
    // serde_json's Display is the message, then " at line L column C" when it has a position
    // (line 0 means none): the position is kept as numbers, not as words of the message.
    let suffix = format!(" at line {line} column {column}");
    let message = match text.strip_suffix(&suffix) {
        Some(message) if line > 0 => message.to_string(),
        _ => text.clone(),
    };
    let at = |path: String| {
        if line == 0 && path.is_empty() {
            Location::Document
        } else {
            let known = line > 0;
            Location::Json {
                path,
                line: known.then_some(line),
                column: known.then_some(column),
            }
        }
    };
    match e.classify() {
        serde_json::error::Category::Syntax
        | serde_json::error::Category::Eof
        | serde_json::error::Category::Io => Error::at(
            ErrorKind::NotJson,
            at(String::new()),
            format!("the input is not valid JSON: {message}"),
        ),
        serde_json::error::Category::Data => {
            // A data error with nothing in the side channel is one serde_json raised itself: a
            // value of the wrong JSON type (its `peek_invalid_type`), before any visitor ran.
            let Found { kind, path } = found.unwrap_or(Found {
                kind: ErrorKind::WrongType,
                path: String::new(),
            });
            let path = if kind == ErrorKind::TooDeep && path.is_empty() {
                path
            } else {
                join_path(root, &path)
            };
            Error::at(kind, at(path), message)
        }
    }
}

/// What the side channel holds: the first error raised, its kind and its path.
struct Found {
    kind: ErrorKind,
    path: String,
}

/// The side channel of one [`from_str`] call.
struct Track<'de> {
    /// The whole text (a variant's name borrowed from it tells a key from a string value).
    text: &'de str,
    found: RefCell<Option<Found>>,
}

/// A key as read: borrowed from the text when it has no escapes (serde_json's usual case).
#[derive(Default)]
enum Key<'de> {
    #[default]
    None,
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Key::None => None,
            Key::Borrowed(key) => Some(key),
            Key::Owned(key) => Some(key),
        }
    }
}

type KeySlot<'de> = RefCell<Key<'de>>;

/// Keeps a key borrowed from the text (out of line: one copy for every visitor).
#[inline(never)]
fn keep<'de>(slot: &KeySlot<'de>, key: &'de str) {
    if let Ok(mut slot) = slot.try_borrow_mut() {
        *slot = Key::Borrowed(key);
    }
}

/// Keeps a copy of a key that had escapes.
#[inline(never)]
fn keep_owned(slot: &KeySlot<'_>, key: &str) {
    if let Ok(mut slot) = slot.try_borrow_mut() {
        *slot = Key::Owned(key.to_string());
    }
}

/// Where the reader is, as a list on the stack from the value being read up to the root.
enum Chain<'a, 'de> {
    Root,
    /// A member of an object (or the contents of an enum's variant), named by its key.
    Key(&'a Chain<'a, 'de>, &'a KeySlot<'de>),
    /// An element of an array.
    Index(&'a Chain<'a, 'de>, usize),
}

impl Chain<'_, '_> {
    fn write(&self, path: &mut String) {
        match self {
            Chain::Root => {}
            Chain::Key(parent, key) => {
                parent.write(path);
                if let Some(key) = key.try_borrow().ok().as_deref().and_then(Key::as_str) {
                    push_key(path, key);
                }
            }
            Chain::Index(parent, index) => {
                parent.write(path);
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
}

fn push_key(path: &mut String, key: &str) {
    if !path.is_empty() {
        path.push('.');
    }
    path.push_str(key);
}

/// What every wrapper carries: where it is, the side channel, how deep, what a `custom` error
/// raised here is, and (while a key or a variant's name is read) where to keep it.
#[derive(Clone, Copy)]
struct Cx<'a, 'de> {
    chain: &'a Chain<'a, 'de>,
    track: &'a Track<'de>,
    depth: u32,
    custom: ErrorKind,
    key: Option<&'a KeySlot<'de>>,
}

impl<'a, 'de> Cx<'a, 'de> {
    /// An error leaving this reader for the inner deserializer: its note goes to the side channel.
    /// Out of line, as every error path here: one copy, not one in every visitor.
    #[cold]
    #[inline(never)]
    fn out<E>(&self, e: Raise<E>) -> E {
        if let Some(raised) = take_note() {
            self.record(raised);
        }
        e.error
    }

    /// An error from the inner deserializer where it may have raised one itself (a value of the
    /// wrong type): when nothing was noted, it is about the value read here.
    #[cold]
    #[inline(never)]
    fn inn<E>(&self, error: E) -> Raise<E> {
        // A note still pending belongs to an error raised here and not yet out: not this one.
        self.record(take_note().unwrap_or(Raised::Inner));
        Raise::inner(error)
    }

    /// Notes the first error raised, with the path of where it was raised.
    #[cold]
    #[inline(never)]
    fn record(&self, raised: Raised) {
        let Ok(mut found) = self.track.found.try_borrow_mut() else {
            return;
        };
        if found.is_some() {
            return;
        }
        let mut path = String::new();
        self.chain.write(&mut path);
        let key = self.key.and_then(|slot| slot.try_borrow().ok());
        let key = key.as_deref().and_then(Key::as_str);
        let kind = match raised {
            Raised::Inner => ErrorKind::WrongType,
            Raised::Custom => self.custom,
            Raised::Kind(kind) => kind,
            Raised::Field(kind, field) => {
                // serde names a missing or repeated field at its object: point at the field.
                push_key(&mut path, field);
                kind
            }
            Raised::Variant => {
                // `{"table": [...]}` names the variant by a key: the culprit is that key. A
                // variant named by a string (`"role": "wizard"`) is the value itself.
                if let Some(name) = key.filter(|name| names_a_key(self.track.text, name)) {
                    push_key(&mut path, name);
                }
                ErrorKind::UnknownValue
            }
            Raised::Deep => {
                path.clear();
                ErrorKind::TooDeep
            }
        };
        if let (Some(key), Raised::Kind(_) | Raised::Custom) = (key, raised) {
            push_key(&mut path, key);
        }
        *found = Some(Found { kind, path });
    }

    /// The context of the members of an array or object opened here, or `None` past
    /// [`MAX_DEPTH`].
    #[inline]
    fn open<E: de::Error>(&self) -> Result<Cx<'a, 'de>, E> {
        if self.depth >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(Cx {
            depth: self.depth + 1,
            custom: ErrorKind::InvalidValue,
            key: None,
            ..*self
        })
    }

    #[cold]
    #[inline(never)]
    fn too_deep<E: de::Error>(&self) -> E {
        self.record(Raised::Deep);
        E::custom(format_args!(
            "the JSON nests too deeply to be a document (more than {MAX_DEPTH} arrays and objects inside each other)"
        ))
    }

    fn visitor<V>(&'a self, visitor: V) -> WrapVisitor<'a, 'de, V> {
        WrapVisitor { visitor, cx: self }
    }
}

/// Whether `name`, borrowed from `text`, is followed by a colon there: a key, not a value.
fn names_a_key(text: &str, name: &str) -> bool {
    let start = (name.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
    text.get(start.saturating_add(name.len())..)
        .filter(|_| start <= text.len())
        .and_then(|rest| rest.strip_prefix('"'))
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// Which serde method raised an error.
#[derive(Debug, Clone, Copy)]
enum Raised {
    /// The inner deserializer's own error (noted where it came out).
    Inner,
    /// `custom`: a message of a `Deserialize` impl (what it is depends on where: [`DATE`]).
    Custom,
    /// `invalid_type`, `invalid_value`, `invalid_length`, `unknown_field`.
    Kind(ErrorKind),
    /// `missing_field`, `duplicate_field`: about the field named.
    Field(ErrorKind, &'static str),
    /// `unknown_variant`.
    Variant,
    /// Past [`MAX_DEPTH`].
    Deep,
}

/// The error of the wrapped deserializer: the inner deserializer's error, built by its own
/// [`de::Error`] impl (so the message is exactly what it would have been). Which method raised
/// it is noted on the side ([`note`]) rather than in it, so that a `Result` here is as wide as
/// the inner one and a good document pays nothing for the note.
#[derive(Debug)]
struct Raise<E> {
    error: E,
}

impl<E> Raise<E> {
    #[inline]
    fn inner(error: E) -> Self {
        Raise { error }
    }
}

thread_local! {
    /// Which serde method raised the error being returned, until a wrapper gives it a path: set
    /// by [`Raise`]'s trait methods (which have no context), taken by [`Cx::out`], cleared by
    /// [`from_str`] before and after reading.
    static NOTE: Cell<Option<Raised>> = const { Cell::new(None) };
}

#[cold]
#[inline(never)]
fn note(raised: Raised) {
    NOTE.with(|n| n.set(Some(raised)));
}

fn take_note() -> Option<Raised> {
    NOTE.with(Cell::take)
}

impl<E: fmt::Display> fmt::Display for Raise<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: std::error::Error> std::error::Error for Raise<E> {}

#[inline]
fn raise<E>(error: E, raised: Raised) -> Raise<E> {
    note(raised);
    Raise { error }
}

impl<E: de::Error> de::Error for Raise<E> {
    #[cold]
    fn custom<T: fmt::Display>(msg: T) -> Self {
        raise(E::custom(msg), Raised::Custom)
    }

    #[cold]
    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        raise(
            E::invalid_type(unexp, exp),
            Raised::Kind(ErrorKind::WrongType),
        )
    }

    #[cold]
    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        // An integer the type cannot hold (a negative count, a score past u32).
        let kind = match unexp {
            Unexpected::Signed(_) | Unexpected::Unsigned(_) => ErrorKind::OutOfRange,
            _ => ErrorKind::InvalidValue,
        };
        raise(E::invalid_value(unexp, exp), Raised::Kind(kind))
    }

    #[cold]
    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        raise(
            E::invalid_length(len, exp),
            Raised::Kind(ErrorKind::InvalidValue),
        )
    }

    #[cold]
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        raise(E::unknown_variant(variant, expected), Raised::Variant)
    }

    #[cold]
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        raise(
            E::unknown_field(field, expected),
            Raised::Kind(ErrorKind::UnknownField),
        )
    }

    #[cold]
    fn missing_field(field: &'static str) -> Self {
        raise(
            E::missing_field(field),
            Raised::Field(ErrorKind::MissingField, field),
        )
    }

    #[cold]
    fn duplicate_field(field: &'static str) -> Self {
        raise(
            E::duplicate_field(field),
            Raised::Field(ErrorKind::DuplicateId, field),
        )
    }
}

/// The wrapped deserializer of one value.
struct Wrap<'a, 'de, D> {
    de: D,
    cx: &'a Cx<'a, 'de>,
}

macro_rules! forward_deserialize {
    ($($method:ident)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let cx = self.cx;
            self.de.$method(cx.visitor(visitor)).map_err(|e| cx.inn(e))
        }
    )*};
}

impl<'de, D: de::Deserializer<'de>> de::Deserializer<'de> for Wrap<'_, 'de, D> {
    type Error = Raise<D::Error>;

    forward_deserialize! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    #[inline]
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let cx = self.cx;
        self.de
            .deserialize_unit_struct(name, cx.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let marked;
        let cx = match name {
            DATE | NESTING => {
                let custom = if name == DATE {
                    ErrorKind::InvalidDate
                } else {
                    ErrorKind::TooDeep
                };
                marked = Cx {
                    custom,
                    ..*self.cx
                };
                &marked
            }
            _ => self.cx,
        };
        self.de
            .deserialize_newtype_struct(name, cx.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let cx = self.cx;
        self.de
            .deserialize_tuple(len, cx.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let cx = self.cx;
        self.de
            .deserialize_tuple_struct(name, len, cx.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let cx = self.cx;
        self.de
            .deserialize_struct(name, fields, cx.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let cx = self.cx;
        self.de
            .deserialize_enum(name, variants, cx.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// A visitor handed to the inner deserializer: forwards to the real one, giving it wrapped
/// deserializers and accessors, and notes its errors on the way out.
struct WrapVisitor<'a, 'de, V> {
    visitor: V,
    cx: &'a Cx<'a, 'de>,
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty))*) => {$(
        #[inline]
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            let cx = self.cx;
            self.visitor.$method(v).map_err(|e| cx.out(e))
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for WrapVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visit! {
        visit_bool(bool) visit_i8(i8) visit_i16(i16) visit_i32(i32) visit_i64(i64)
        visit_i128(i128) visit_u8(u8) visit_u16(u16) visit_u32(u32) visit_u64(u64)
        visit_u128(u128) visit_f32(f32) visit_f64(f64) visit_char(char)
        visit_bytes(&[u8]) visit_borrowed_bytes(&'de [u8]) visit_byte_buf(Vec<u8>)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let cx = self.cx;
        if let Some(slot) = cx.key {
            keep_owned(slot, v);
        }
        self.visitor.visit_str(v).map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        let cx = self.cx;
        if let Some(slot) = cx.key {
            keep(slot, v);
        }
        self.visitor.visit_borrowed_str(v).map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        let cx = self.cx;
        if let Some(slot) = cx.key {
            keep_owned(slot, &v);
        }
        self.visitor.visit_string(v).map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        let cx = self.cx;
        self.visitor.visit_none().map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        let cx = self.cx;
        self.visitor.visit_unit().map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_some<D: de::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let cx = self.cx;
        self.visitor
            .visit_some(Wrap { de, cx })
            .map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_newtype_struct<D: de::Deserializer<'de>>(
        self,
        de: D,
    ) -> Result<Self::Value, D::Error> {
        let cx = self.cx;
        self.visitor
            .visit_newtype_struct(Wrap { de, cx })
            .map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        let members = cx.open()?;
        self.visitor
            .visit_seq(WrapSeq {
                seq,
                cx: &members,
                index: 0,
            })
            .map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        let members = cx.open()?;
        self.visitor
            .visit_map(WrapMap {
                map,
                cx: &members,
                key: KeySlot::default(),
            })
            .map_err(|e| cx.out(e))
    }

    #[inline]
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        // Counted as a container whether serde_json opened an object for it or not: counting
        // more than serde_json does keeps this reader's limit the first reached.
        let cx = self.cx;
        let variant = cx.open()?;
        self.visitor
            .visit_enum(WrapEnum {
                data,
                cx: &variant,
            })
            .map_err(|e| cx.out(e))
    }
}

/// A seed handed to the inner deserializer (an element, a key, a value, a variant).
struct WrapSeed<'a, 'de, T> {
    seed: T,
    cx: &'a Cx<'a, 'de>,
}

impl<'de, T: DeserializeSeed<'de>> DeserializeSeed<'de> for WrapSeed<'_, 'de, T> {
    type Value = T::Value;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let cx = self.cx;
        self.seed
            .deserialize(Wrap { de, cx })
            .map_err(|e| cx.out(e))
    }
}

// The accessors pass the inner deserializer's errors through unnoted: before it calls a seed it
// raises only syntax errors (which have no path), and everything after goes through the seed's
// own wrapper.
struct WrapSeq<'a, 'de, A> {
    seq: A,
    cx: &'a Cx<'a, 'de>,
    index: usize,
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for WrapSeq<'_, 'de, A> {
    type Error = Raise<A::Error>;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        let chain = Chain::Index(self.cx.chain, self.index);
        self.index += 1;
        let cx = Cx {
            chain: &chain,
            ..*self.cx
        };
        self.seq
            .next_element_seed(WrapSeed { seed, cx: &cx })
            .map_err(Raise::inner)
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct WrapMap<'a, 'de, A> {
    map: A,
    cx: &'a Cx<'a, 'de>,
    /// The key last read: what the value being read is named by.
    key: KeySlot<'de>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for WrapMap<'_, 'de, A> {
    type Error = Raise<A::Error>;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let cx = Cx {
            key: Some(&self.key),
            ..*self.cx
        };
        self.map
            .next_key_seed(WrapSeed { seed, cx: &cx })
            .map_err(Raise::inner)
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        let chain = Chain::Key(self.cx.chain, &self.key);
        let cx = Cx {
            chain: &chain,
            ..*self.cx
        };
        self.map
            .next_value_seed(WrapSeed { seed, cx: &cx })
            .map_err(Raise::inner)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

struct WrapEnum<'a, 'de, A> {
    data: A,
    cx: &'a Cx<'a, 'de>,
}

impl<'a, 'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for WrapEnum<'a, 'de, A> {
    type Error = Raise<A::Error>;
    type Variant = WrapVariant<'a, 'de, A::Variant>;

    #[inline]
    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), Self::Error> {
        let name = KeySlot::default();
        let cx = Cx {
            key: Some(&name),
            ..*self.cx
        };
        let (value, variant) = self
            .data
            .variant_seed(WrapSeed { seed, cx: &cx })
            .map_err(Raise::inner)?;
        let variant = WrapVariant {
            variant,
            cx: self.cx,
            name,
        };
        Ok((value, variant))
    }
}

struct WrapVariant<'a, 'de, A> {
    variant: A,
    /// The enum's context; its contents are under the variant's name.
    cx: &'a Cx<'a, 'de>,
    name: KeySlot<'de>,
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for WrapVariant<'_, 'de, A> {
    type Error = Raise<A::Error>;

    // Out of line: an enum's visitor calls it once for each of its unit variants.
    #[inline(never)]
    fn unit_variant(self) -> Result<(), Self::Error> {
        let chain = Chain::Key(self.cx.chain, &self.name);
        let cx = Cx {
            chain: &chain,
            ..*self.cx
        };
        self.variant.unit_variant().map_err(|e| cx.inn(e))
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        // The contents are under the variant's name; an error before the seed runs (a variant
        // written as a string where it needs contents) is about the enum itself.
        let chain = Chain::Key(self.cx.chain, &self.name);
        let inside = Cx {
            chain: &chain,
            ..*self.cx
        };
        let cx = self.cx;
        self.variant
            .newtype_variant_seed(WrapSeed { seed, cx: &inside })
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let chain = Chain::Key(self.cx.chain, &self.name);
        let inside = Cx {
            chain: &chain,
            ..*self.cx
        };
        let cx = self.cx;
        self.variant
            .tuple_variant(len, inside.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let chain = Chain::Key(self.cx.chain, &self.name);
        let inside = Cx {
            chain: &chain,
            ..*self.cx
        };
        let cx = self.cx;
        self.variant
            .struct_variant(fields, inside.visitor(visitor))
            .map_err(|e| cx.inn(e))
    }
}
