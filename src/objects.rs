//! Structs that JSON gives as objects only. serde's derived `Deserialize` also reads a struct from
//! an array of its fields, in order, which JSON Schema's `"type": "object"` refuses: a context
//! written as `["2024-05-01T10:00:00Z", [...], ...]` would be judged instead of refused. A struct
//! declared with `#[serde(remote = "Self")]` gets the derived reader as an inherent function, and
//! [`object_only!`] gives it the `Deserialize` impl that hands that reader an object and nothing
//! else.

/// Implements `Deserialize` for a struct with `#[serde(remote = "Self")]`: objects only.
macro_rules! object_only {
    ($name:ident $(<$lt:lifetime>)?) => {
        impl<'de $(: $lt, $lt)?> serde::Deserialize<'de> for $name $(<$lt>)? {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct ObjectVisitor $(<$lt>)? (std::marker::PhantomData<$name $(<$lt>)?>);

                impl<'de $(: $lt, $lt)?> serde::de::Visitor<'de> for ObjectVisitor $(<$lt>)? {
                    type Value = $name $(<$lt>)?;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("an object")
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                        // The derived reader (inherent, from `remote = "Self"`).
                        $name::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }

                deserializer.deserialize_map(ObjectVisitor(std::marker::PhantomData))
            }
        }
    };
}

/// Implements `Serialize` for a struct with `#[serde(remote = "Self")]` through its derived writer.
macro_rules! serialize_remote {
    ($name:ident $(<$lt:lifetime>)?) => {
        impl $(<$lt>)? serde::Serialize for $name $(<$lt>)? {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $name::serialize(self, serializer)
            }
        }
    };
}
