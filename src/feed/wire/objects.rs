//! Objects only where the format has objects.
//!
//! serde's derived `Deserialize` for a struct accepts a JSON array too, reading its items as the
//! fields in declaration order (`visit_seq`): `["LP-01", "law", ...]` would pass for a record.
//! A publisher who writes that has made a mistake, and a feed read by position would change its
//! meaning when a field is added. So every struct of the wire format is read through
//! [`ObjectsOnly`], which asks the JSON reader for a map, never a sequence.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, forward_to_deserialize_any};

/// A value read as `T`, refused unless it is a JSON object when `T` is a struct.
#[derive(Debug)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(ObjectsOnly(deserializer)).map(Object)
    }
}

/// For `#[serde(deserialize_with)]` on a list of structs.
pub fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<Object<T>>::deserialize(deserializer)?;
    Ok(items.into_iter().map(|Object(item)| item).collect())
}

/// For `#[serde(deserialize_with)]` on an optional list of structs.
pub fn optional_list<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Option::<Vec<Object<T>>>::deserialize(deserializer)?;
    Ok(items.map(|items| items.into_iter().map(|Object(item)| item).collect()))
}

/// A deserializer that reads a struct as a map only; anything else goes to the one it wraps.
struct ObjectsOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(MapVisitor(visitor, PhantomData))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
    }
}

/// Passes a map to the struct's own visitor; says "a JSON object" for anything else.
struct MapVisitor<'de, V>(V, PhantomData<&'de ()>);

impl<'de, V: Visitor<'de>> Visitor<'de> for MapVisitor<'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object ({ ... })")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Pair {
        a: u8,
        b: u8,
    }

    #[test]
    fn a_derived_struct_alone_would_take_an_array() {
        // Why this module exists: serde's derive reads an array as the fields in order.
        assert_eq!(
            serde_json::from_str::<Pair>("[1, 2]").ok(),
            Some(Pair { a: 1, b: 2 })
        );
    }

    #[test]
    fn an_object_passes_and_an_array_is_refused() {
        let read = |text: &str| serde_json::from_str::<Object<Pair>>(text).map(|Object(p)| p);
        assert_eq!(read(r#"{"a": 1, "b": 2}"#).ok(), Some(Pair { a: 1, b: 2 }));
        let err = read("[1, 2]").unwrap_err().to_string();
        assert!(err.contains("expected an object"), "{err}");
        assert!(read("7").is_err());
    }

    #[test]
    fn lists_of_structs_refuse_arrays_as_items() {
        #[derive(Debug, Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "list")]
            items: Vec<Pair>,
            #[serde(default, deserialize_with = "optional_list")]
            more: Option<Vec<Pair>>,
        }
        let ok: Holder =
            serde_json::from_str(r#"{"items": [{"a": 1, "b": 2}], "more": null}"#).unwrap();
        assert_eq!(ok.items, vec![Pair { a: 1, b: 2 }]);
        assert!(ok.more.is_none());
        assert!(serde_json::from_str::<Holder>(r#"{"items": [[1, 2]]}"#).is_err());
        assert!(serde_json::from_str::<Holder>(r#"{"items": [], "more": [[1, 2]]}"#).is_err());
    }
}
