//! Reading JSON text with serde_json so that an error comes out as data: its kind from the serde
//! trait method that raised it, its JSON path from the arrays and objects it came out through,
//! its line and column from serde_json. Nothing is read back out of a message.
//!
//! A thin [`Deserializer`](de::Deserializer) wraps serde_json's, in one pass with no intermediate
//! tree. Its error type ([`Raise`]) builds each error with the inner deserializer's own
//! [`de::Error`] impl, so messages and positions are serde_json's exactly, and notes which
//! method serde called (`unknown_field`, `missing_field`, `invalid_type`, ...). The note and the
//! path are kept in a side channel ([`Track`], owned by the call, [`from_str`]; the note goes
//! through a thread-local cell, since serde's trait methods have no context). A good document
//! pays for a borrowed key kept per member and nothing else: a path is written only on the way
//! out of an error, each array adding its index and each object its key. Code size decided that
//! shape (BENCHMARKS.md): a chain of contexts built for every value, as serde_path_to_error does,
//! cost some 30 KB gzipped in the full .wasm.
//!
//! Two kinds no serde method names come through names of newtypes (the pattern of serde_json's
//! `RawValue`): a message raised directly inside [`DATE`] is `invalid-date`, inside [`NESTING`]
//! `too-deep`. serde_json reads such a newtype as its contents. An error that comes out through
//! [`MAX_DEPTH`] arrays and objects (serde_json's recursion limit) is `too-deep`, by that count.
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

/// serde_json's limit on arrays and objects open at once: it refuses the 128th, so that an error
/// coming out through 127 of them is a document too deep to read.
pub(crate) const MAX_DEPTH: usize = 127;

/// Reads a `T` from JSON text. A data error's path is put under `root` (`charter`, `responses`).
pub(crate) fn from_str<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    root: &str,
) -> Result<T, Error> {
    // Everything but the call itself is out of line, in `Reader`: one copy, not one for every
    // type read (22 in the full module).
    let mut reader = Reader::new(text);
    let cx = Cx {
        track: &reader.track,
    };
    match T::deserialize(Wrap::<_, false> {
        de: &mut reader.json,
        cx,
    }) {
        Ok(value) => reader.end(root).map(|()| value),
        Err(e) => Err(reader.fail(&e.error, root)),
    }
}

/// serde_json's deserializer of one text, and the side channel of the read.
struct Reader<'de> {
    json: serde_json::Deserializer<serde_json::de::StrRead<'de>>,
    track: Track<'de>,
}

impl<'de> Reader<'de> {
    #[inline(never)]
    fn new(text: &'de str) -> Self {
        Reader {
            json: serde_json::Deserializer::from_str(text),
            track: Track::new(text),
        }
    }

    /// Only white space may follow the value.
    #[inline(never)]
    fn end(mut self, root: &str) -> Result<(), Error> {
        match self.json.end() {
            Ok(()) => Ok(()),
            Err(e) => Err(self.fail(&e, root)),
        }
    }

    #[cold]
    #[inline(never)]
    fn fail(self, e: &serde_json::Error, root: &str) -> Error {
        self.track.fail(e, root)
    }
}

/// serde_json's error, with what the side channel holds, as an [`Error`].
#[cold]
#[inline(never)]
fn to_error(e: &serde_json::Error, note: Option<Raised>, track: &Track<'_>, root: &str) -> Error {
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
    let levels = track.segments.try_borrow().map_or(0, |s| s.len());
    if levels >= MAX_DEPTH {
        // An error that came out through as many arrays and objects as serde_json opens (its
        // recursion limit, or anything else that deep): the whole document is too deep.
        return Error::at(
            ErrorKind::TooDeep,
            at(String::new()),
            format!("the JSON nests too deeply to be a document (more than {} arrays and objects inside each other)", MAX_DEPTH - 1),
        );
    }
    if !matches!(e.classify(), serde_json::error::Category::Data) {
        return Error::at(
            ErrorKind::NotJson,
            at(String::new()),
            format!("the input is not valid JSON: {message}"),
        );
    }
    // The path: the indices and keys the error went out through, then what the note names.
    let mut path = String::new();
    let segments = track
        .segments
        .try_borrow()
        .map(|s| s.iter().rev().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    for segment in &segments {
        segment.write(&mut path);
    }
    // A key (or variant's name) still kept was being read when the error was raised.
    let key = track.key.try_borrow().ok();
    let key = key.as_deref().and_then(Key::as_str);
    // A data error with no note is one serde_json raised itself: a value of the wrong JSON type
    // (its `peek_invalid_type`), before any visitor ran.
    let kind = match note.unwrap_or(Raised::Inner) {
        Raised::Inner => ErrorKind::WrongType,
        Raised::Custom => ErrorKind::InvalidValue,
        Raised::Kind(kind) => {
            if let Some(key) = key {
                Segment::Key(key.to_string()).write(&mut path);
            }
            kind
        }
        Raised::Field(kind, field) => {
            // serde names a missing or repeated field at its object: point at the field.
            Segment::Key(field.to_string()).write(&mut path);
            kind
        }
        Raised::Variant => {
            // `{"table": [...]}` names the variant by a key: the culprit is that key. A variant
            // named by a string (`"role": "wizard"`) is the value itself.
            if let Some(name) = key.filter(|name| names_a_key(track.text, name)) {
                Segment::Key(name.to_string()).write(&mut path);
            }
            ErrorKind::UnknownValue
        }
    };
    Error::at(kind, at(join_path(root, &path)), message)
}

/// The side channel of one [`from_str`] call. A good document costs it a key kept per member
/// and a count per array or object; a path is written only on the way out of an error.
struct Track<'de> {
    /// The whole text (a variant's name borrowed from it tells a key from a string value).
    text: &'de str,
    /// The indices and keys an error went out through, innermost first.
    segments: RefCell<Vec<Segment>>,
    /// The key or variant name being read (kept until its value is read).
    key: RefCell<Key<'de>>,
}

#[derive(Clone)]
enum Segment {
    Key(String),
    Index(usize),
}

impl Segment {
    fn write(&self, path: &mut String) {
        match self {
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Segment::Index(index) => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
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

impl<'de> Track<'de> {
    #[inline(never)]
    fn new(text: &'de str) -> Self {
        NOTE.with(Cell::take);
        Track {
            text,
            segments: RefCell::new(Vec::new()),
            key: RefCell::new(Key::None),
        }
    }

    /// The error of a failed read, with the note the trait method left (taken, so that the next
    /// read starts clean).
    #[cold]
    #[inline(never)]
    fn fail(&self, e: &serde_json::Error, root: &str) -> Error {
        to_error(e, NOTE.with(Cell::take), self, root)
    }

    /// Keeps a key borrowed from the text (out of line: one copy for every visitor).
    #[inline(never)]
    fn keep(&self, key: &'de str) {
        if let Ok(mut slot) = self.key.try_borrow_mut() {
            *slot = Key::Borrowed(key);
        }
    }

    /// Keeps a copy of a key that had escapes.
    #[inline(never)]
    fn keep_owned(&self, key: &str) {
        if let Ok(mut slot) = self.key.try_borrow_mut() {
            *slot = Key::Owned(key.to_string());
        }
    }

    /// The key just read, for its value.
    #[inline(never)]
    fn take_key(&self) -> Key<'de> {
        self.key
            .try_borrow_mut()
            .map(|mut k| std::mem::take(&mut *k))
            .unwrap_or_default()
    }

    /// An error leaving an array's element or an object's member: its path grows by `segment`.
    #[cold]
    #[inline(never)]
    fn under(&self, segment: Segment) {
        if let Ok(mut segments) = self.segments.try_borrow_mut() {
            segments.push(segment);
        }
    }

    /// An error leaving an object's member named by `key`.
    #[cold]
    #[inline(never)]
    fn under_key(&self, key: &Key<'_>) {
        if let Some(key) = key.as_str() {
            self.under(Segment::Key(key.to_string()));
        }
    }

    fn segment_count(&self) -> usize {
        self.segments.try_borrow().map_or(0, |s| s.len())
    }

    /// A `custom` error raised directly inside a named newtype ([`DATE`], [`NESTING`]), with
    /// no index or key between: it is of the newtype's kind.
    #[cold]
    #[inline(never)]
    fn mark(&self, kind: ErrorKind, segments_before: usize) {
        if self.segment_count() == segments_before {
            NOTE.with(|n| {
                if let Some(Raised::Custom) = n.get() {
                    n.set(Some(Raised::Kind(kind)));
                }
            });
        }
    }
}

/// What every wrapper carries: the side channel. Whether a key (or a variant's name) is being
/// read is the wrappers' `KEY`, known at compile time.
#[derive(Clone, Copy)]
struct Cx<'a, 'de> {
    track: &'a Track<'de>,
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
    /// The inner deserializer's own error.
    Inner,
    /// `custom`: a message of a `Deserialize` impl (what it is depends on where: [`DATE`]).
    Custom,
    /// `invalid_type`, `invalid_value`, `invalid_length`, `unknown_field`.
    Kind(ErrorKind),
    /// `missing_field`, `duplicate_field`: about the field named.
    Field(ErrorKind, &'static str),
    /// `unknown_variant`.
    Variant,
}

/// The error of the wrapped deserializer: the inner deserializer's error, built by its own
/// [`de::Error`] impl (so the message is exactly what it would have been). Which method raised
/// it is noted on the side ([`note`]) rather than in it, so that a `Result` here is as wide as
/// the inner one and passes through each layer as it is.
#[derive(Debug)]
struct Raise<E> {
    error: E,
}

thread_local! {
    /// Which serde method raised the error being returned: set by [`Raise`]'s trait methods
    /// (which have no context), read by [`from_str`], which clears it before and after reading.
    static NOTE: Cell<Option<Raised>> = const { Cell::new(None) };
}

#[cold]
#[inline(never)]
fn note(raised: Raised) {
    NOTE.with(|n| n.set(Some(raised)));
}

#[inline]
fn raise<E>(error: E, raised: Raised) -> Raise<E> {
    note(raised);
    Raise { error }
}

impl<E: fmt::Display> fmt::Display for Raise<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.error.fmt(f)
    }
}

impl<E: std::error::Error> std::error::Error for Raise<E> {}

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

fn raw<E>(error: E) -> Raise<E> {
    Raise { error }
}

fn unraise<E>(e: Raise<E>) -> E {
    e.error
}

/// The wrapped deserializer of one value.
struct Wrap<'a, 'de, D, const KEY: bool> {
    de: D,
    cx: Cx<'a, 'de>,
}

macro_rules! forward_deserialize {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?)*) => {$(
        #[inline]
        fn $method<V: Visitor<'de>>(
            self,
            $($($arg: $ty,)*)?
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.de
                .$method($($($arg,)*)? WrapVisitor::<_, KEY> { visitor, cx: self.cx })
                .map_err(raw)
        }
    )*};
}

impl<'de, D: de::Deserializer<'de>, const KEY: bool> de::Deserializer<'de>
    for Wrap<'_, 'de, D, KEY>
{
    type Error = Raise<D::Error>;

    forward_deserialize! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
        deserialize_unit_struct(name: &'static str)
        deserialize_tuple(len: usize)
        deserialize_tuple_struct(name: &'static str, len: usize)
        deserialize_enum(name: &'static str, variants: &'static [&'static str])
    }

    #[inline]
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let track = self.cx.track;
        let marked = match name {
            DATE => Some((ErrorKind::InvalidDate, 0)),
            NESTING => Some((ErrorKind::TooDeep, track.segment_count())),
            _ => None,
        };
        self.de
            .deserialize_newtype_struct(
                name,
                WrapVisitor::<_, KEY> {
                    visitor,
                    cx: self.cx,
                },
            )
            .map_err(|e| {
                if let Some((kind, before)) = marked {
                    track.mark(kind, before);
                }
                raw(e)
            })
    }

    /// A struct is read from an object only. serde_json would also read one from an array, its
    /// fields in order (`["2026-05-01", "2026-06-12"]` for a period), which no document's schema
    /// allows and which would carry a second reader of every struct in every module: the array
    /// is refused as a value of the wrong type, with the struct's own words for what it expects.
    #[inline]
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.de
            .deserialize_struct(
                name,
                fields,
                ObjectVisitor {
                    inner: WrapVisitor::<_, KEY> {
                        visitor,
                        cx: self.cx,
                    },
                },
            )
            .map_err(raw)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

/// A struct's visitor that takes an object only (see `deserialize_struct`): an array, or any
/// other value, is `invalid_type`, from serde's default methods.
struct ObjectVisitor<V> {
    inner: V,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.inner.visit_map(map)
    }
}

/// A visitor handed to the inner deserializer: forwards to the real one, giving it wrapped
/// deserializers and accessors.
struct WrapVisitor<'a, 'de, V, const KEY: bool> {
    visitor: V,
    cx: Cx<'a, 'de>,
}

macro_rules! forward_visit {
    ($($method:ident($ty:ty))*) => {$(
        #[inline]
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            self.visitor.$method(v).map_err(unraise)
        }
    )*};
}

impl<'de, V: Visitor<'de>, const KEY: bool> Visitor<'de> for WrapVisitor<'_, 'de, V, KEY> {
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
        if KEY {
            self.cx.track.keep_owned(v);
        }
        self.visitor.visit_str(v).map_err(unraise)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        if KEY {
            self.cx.track.keep(v);
        }
        self.visitor.visit_borrowed_str(v).map_err(unraise)
    }

    #[inline]
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        if KEY {
            self.cx.track.keep_owned(&v);
        }
        self.visitor.visit_string(v).map_err(unraise)
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visitor.visit_none().map_err(unraise)
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.visitor.visit_unit().map_err(unraise)
    }

    #[inline]
    fn visit_some<D: de::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let cx = self.cx;
        self.visitor
            .visit_some(Wrap::<_, KEY> { de, cx })
            .map_err(unraise)
    }

    #[inline]
    fn visit_newtype_struct<D: de::Deserializer<'de>>(
        self,
        de: D,
    ) -> Result<Self::Value, D::Error> {
        let cx = self.cx;
        self.visitor
            .visit_newtype_struct(Wrap::<_, KEY> { de, cx })
            .map_err(unraise)
    }

    #[inline]
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        self.visitor
            .visit_seq(WrapSeq { seq, cx, index: 0 })
            .map_err(unraise)
    }

    #[inline]
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        self.visitor
            .visit_map(WrapMap {
                map,
                cx,
                key: Key::None,
            })
            .map_err(unraise)
    }

    #[inline]
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let cx = self.cx;
        self.visitor
            .visit_enum(WrapEnum { data, cx })
            .map_err(unraise)
    }
}

/// A seed handed to the inner deserializer (an element, a key, a value, a variant).
struct WrapSeed<'a, 'de, T, const KEY: bool> {
    seed: T,
    cx: Cx<'a, 'de>,
}

impl<'de, T: DeserializeSeed<'de>, const KEY: bool> DeserializeSeed<'de>
    for WrapSeed<'_, 'de, T, KEY>
{
    type Value = T::Value;

    #[inline]
    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        let cx = self.cx;
        self.seed
            .deserialize(Wrap::<_, KEY> { de, cx })
            .map_err(unraise)
    }
}

// The accessors note nothing themselves: before the inner deserializer calls a seed it raises
// only syntax errors (which have no path), and everything after goes through the seed's own
// wrapper. On the way out of an error they add their index or key to its path.
struct WrapSeq<'a, 'de, A> {
    seq: A,
    cx: Cx<'a, 'de>,
    index: usize,
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for WrapSeq<'_, 'de, A> {
    type Error = Raise<A::Error>;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        let (index, track) = (self.index, self.cx.track);
        self.index += 1;
        self.seq
            .next_element_seed(WrapSeed::<_, false> { seed, cx: self.cx })
            .map_err(|e| {
                track.under(Segment::Index(index));
                raw(e)
            })
    }

    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

struct WrapMap<'a, 'de, A> {
    map: A,
    cx: Cx<'a, 'de>,
    /// The key last read: what the value being read is named by.
    key: Key<'de>,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for WrapMap<'_, 'de, A> {
    type Error = Raise<A::Error>;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        let cx = self.cx;
        let key = self
            .map
            .next_key_seed(WrapSeed::<_, true> { seed, cx })
            .map_err(raw)?;
        self.key = self.cx.track.take_key();
        Ok(key)
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        let key = &self.key;
        let track = self.cx.track;
        self.map
            .next_value_seed(WrapSeed::<_, false> { seed, cx: self.cx })
            .map_err(|e| {
                track.under_key(key);
                raw(e)
            })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

struct WrapEnum<'a, 'de, A> {
    data: A,
    cx: Cx<'a, 'de>,
}

impl<'a, 'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for WrapEnum<'a, 'de, A> {
    type Error = Raise<A::Error>;
    type Variant = WrapVariant<'a, 'de, A::Variant>;

    #[inline]
    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), Self::Error> {
        let cx = self.cx;
        let (value, variant) = self
            .data
            .variant_seed(WrapSeed::<_, true> { seed, cx })
            .map_err(raw)?;
        // The name stays kept until the variant's contents (if any) are read.
        let variant = WrapVariant {
            variant,
            cx: self.cx,
        };
        Ok((value, variant))
    }
}

struct WrapVariant<'a, 'de, A> {
    variant: A,
    /// The enum's context; its contents are under the variant's name, kept in the track.
    cx: Cx<'a, 'de>,
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for WrapVariant<'_, 'de, A> {
    type Error = Raise<A::Error>;

    // Out of line: an enum's visitor calls it once for each of its unit variants.
    #[inline(never)]
    fn unit_variant(self) -> Result<(), Self::Error> {
        let (track, name) = (self.cx.track, self.cx.track.take_key());
        self.variant.unit_variant().map_err(|e| {
            track.under_key(&name);
            raw(e)
        })
    }

    #[inline]
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, Self::Error> {
        // The contents are under the variant's name; an error before the seed runs (a variant
        // written as a string where it needs contents) is about the enum itself.
        let (track, name, ran) = (self.cx.track, self.cx.track.take_key(), Cell::new(false));
        let seed = Ran {
            seed: WrapSeed::<_, false> { seed, cx: self.cx },
            ran: &ran,
        };
        self.variant.newtype_variant_seed(seed).map_err(|e| {
            if ran.get() {
                track.under_key(&name);
            }
            raw(e)
        })
    }

    #[inline]
    fn tuple_variant<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (track, name) = (self.cx.track, self.cx.track.take_key());
        self.variant
            .tuple_variant(
                len,
                WrapVisitor::<_, false> {
                    visitor,
                    cx: self.cx,
                },
            )
            .map_err(|e| {
                track.under_key(&name);
                raw(e)
            })
    }

    #[inline]
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let (track, name) = (self.cx.track, self.cx.track.take_key());
        self.variant
            .struct_variant(
                fields,
                WrapVisitor::<_, false> {
                    visitor,
                    cx: self.cx,
                },
            )
            .map_err(|e| {
                track.under_key(&name);
                raw(e)
            })
    }
}

/// A seed that says whether it ran.
struct Ran<'r, S> {
    seed: S,
    ran: &'r Cell<bool>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Ran<'_, S> {
    type Value = S::Value;

    fn deserialize<D: de::Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        self.ran.set(true);
        self.seed.deserialize(de)
    }
}
