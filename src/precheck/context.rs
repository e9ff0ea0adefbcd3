//! The pre-check context as types: what the host knows about the move. The types are the check
//! on the fast path: each newtype refuses what `context.schema.json` refuses (APS ids, date-times,
//! lengths, counts, unknown properties), so a context that deserializes needs no schema pass.
//! When one does not, the schema engine lists every problem (see `load`).

use crate::billing::pismo::Event;
use crate::billing::Platform;
use crate::schema::keywords::size::chars_len;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Number, Value};
use std::borrow::Cow;
use std::fmt;

/// Reads a string, borrowing it from the input when it has no escapes.
fn text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'de, str>, D::Error> {
    struct Text;
    impl<'de> Visitor<'de> for Text {
        type Value = Cow<'de, str>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(v))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v.to_owned()))
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(v))
        }
    }
    deserializer.deserialize_str(Text)
}

/// A string of `MIN..=MAX` code points.
fn bounded<'de, D: Deserializer<'de>>(
    deserializer: D,
    min: usize,
    max: usize,
) -> Result<Cow<'de, str>, D::Error> {
    let value = text(deserializer)?;
    let len = chars_len(&value);
    if len < min || len > max {
        return Err(de::Error::custom(format_args!(
            "a string of {min} to {max} characters"
        )));
    }
    Ok(value)
}

/// For an optional property that may be absent but not `null` (`#[serde(default)]` beside it).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    T::deserialize(deserializer).map(Some)
}

/// A list of at most `MAX` items.
fn at_most<'de, D: Deserializer<'de>, T: Deserialize<'de>, const MAX: usize>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    let items = Vec::<T>::deserialize(deserializer)?;
    if items.len() > MAX {
        return Err(de::Error::custom(format_args!("at most {MAX} items")));
    }
    Ok(items)
}

/// An object, or `null` (read as absent).
fn object_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        object @ Value::Object(_) => Ok(Some(object)),
        _ => Err(de::Error::custom("an object or null")),
    }
}

macro_rules! text_newtype {
    ($(#[$doc:meta])* $name:ident, $check:expr, $expected:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize)]
        #[serde(transparent)]
        pub struct $name<'a>(pub Cow<'a, str>);

        impl<'de: 'a, 'a> Deserialize<'de> for $name<'a> {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = text(deserializer)?;
                let check: fn(&str) -> bool = $check;
                if !check(&value) {
                    return Err(de::Error::custom($expected));
                }
                Ok($name(value))
            }
        }

        impl $name<'_> {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// A copy that owns its text.
            pub fn owned(&self) -> $name<'static> {
                $name(Cow::Owned(self.0.to_string()))
            }
        }
    };
}

text_newtype!(
    /// An APS resource id: a UUID in 8-4-4-4-12 hexadecimal form.
    ApsId,
    crate::aps::is_aps_id,
    "an APS id"
);
text_newtype!(
    /// An RFC 3339 date-time.
    DateTime,
    crate::schema::is_date_time,
    "an RFC 3339 date-time"
);
text_newtype!(
    /// A name to show: at most 256 characters.
    Label,
    |t| chars_len(t) <= 256,
    "at most 256 characters"
);

/// An id a host gives as it has it: a string of 1 to 256 characters or an integer.
#[derive(Clone, Debug, PartialEq)]
pub enum Ref<'a> {
    Text(Cow<'a, str>),
    Number(Number),
}

impl<'de: 'a, 'a> Deserialize<'de> for Ref<'a> {
    /// Read as a value first, then matched: the parser's `deserialize_any` for a value is in
    /// the `.wasm` anyway, and one for a visitor of its own was 1 KB more. (An id is then
    /// copied rather than borrowed from the text.) The errors are the ones a visitor gave.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let unexpected = match Value::deserialize(deserializer)? {
            Value::String(text) => return Ref::text(Cow::Owned(text)),
            Value::Number(n) => {
                return match n.as_f64() {
                    Some(f) if n.is_f64() && f.fract() != 0.0 => {
                        Err(de::Error::custom("an integer"))
                    }
                    _ => Ok(Ref::Number(n)),
                }
            }
            Value::Null => de::Unexpected::Unit,
            Value::Bool(b) => de::Unexpected::Bool(b),
            Value::Array(_) => de::Unexpected::Seq,
            Value::Object(_) => de::Unexpected::Map,
        };
        Err(de::Error::invalid_type(
            unexpected,
            &"a string of 1 to 256 characters or an integer",
        ))
    }
}

impl<'a> Ref<'a> {
    /// True for a number held as a double (see [`Context::holds_fraction`]).
    pub fn is_double(&self) -> bool {
        matches!(self, Ref::Number(n) if n.is_f64())
    }

    fn text<E: de::Error>(text: Cow<'a, str>) -> Result<Ref<'a>, E> {
        let len = chars_len(&text);
        if (1..=256).contains(&len) {
            Ok(Ref::Text(text))
        } else {
            Err(E::custom("a string of 1 to 256 characters"))
        }
    }

    /// The id as text: strings as they are, whole numbers in decimal (`1.0` is `1`), so a host
    /// may send `7`, `7.0` or `"7"`.
    pub fn key(&self) -> Cow<'_, str> {
        match self {
            Ref::Text(text) => Cow::Borrowed(text),
            Ref::Number(n) => Cow::Owned(match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => i.to_string(),
                (_, Some(u), _) => u.to_string(),
                (_, _, Some(f)) if f.fract() == 0.0 && f.abs() < 9.2e18 => (f as i64).to_string(),
                _ => n.to_string(),
            }),
        }
    }

    /// A copy that owns its text.
    pub fn owned(&self) -> Ref<'static> {
        match self {
            Ref::Text(text) => Ref::Text(Cow::Owned(text.to_string())),
            Ref::Number(n) => Ref::Number(n.clone()),
        }
    }

    /// The id as JSON.
    pub fn to_value(&self) -> Value {
        match self {
            Ref::Text(text) => Value::String(text.to_string()),
            Ref::Number(n) => Value::Number(n.clone()),
        }
    }
}

impl Serialize for Ref<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ref::Text(text) => serializer.serialize_str(text),
            Ref::Number(n) => n.serialize(serializer),
        }
    }
}

named_enum! {
    /// A subscription's provisioning state.
    pub enum SubscriptionState {
        Active = "active",
        Stopped = "stopped",
        Graced = "graced",
        Expired = "expired",
        Provisioning = "provisioning",
        Starting = "starting",
        Stopping = "stopping",
        Removing = "removing",
        ChangingPlan = "changing_plan",
        Terminated = "terminated",
    }
}

impl SubscriptionState {
    /// True for the states in which a provisioning operation is still running.
    pub fn in_transition(self) -> bool {
        matches!(
            self,
            Self::Provisioning
                | Self::Starting
                | Self::Stopping
                | Self::Removing
                | Self::ChangingPlan
        )
    }
}

named_enum! {
    /// What an account is.
    pub enum AccountKind {
        Customer = "customer",
        Reseller = "reseller",
    }
}

named_enum! {
    /// An account's business status.
    pub enum AccountStatus {
        Active = "active",
        CreditHold = "credit_hold",
        AdminHold = "admin_hold",
        Suspended = "suspended",
        Cancelled = "cancelled",
        Deleted = "deleted",
    }
}

named_enum! {
    /// Why another subscription depends on this one (`pem.checkMoveSubscriptions`).
    pub enum DependencyReason {
        SharedDomains = "shared_domains",
        SharedUsers = "shared_users",
        SharedResources = "shared_resources",
    }
}

/// The subscription being moved.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
pub struct Subscription<'a> {
    #[serde(borrow)]
    pub id: ApsId<'a>,
    #[serde(borrow)]
    pub owner_account_id: ApsId<'a>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub name: Option<Label<'a>>,
    /// Absent when the platform does not give it.
    #[serde(default, deserialize_with = "present")]
    pub state: Option<SubscriptionState>,
    /// Whether it is terminated, when the platform gives that apart from the state.
    #[serde(default, deserialize_with = "present")]
    pub terminated: Option<bool>,
    #[serde(default)]
    pub trial: bool,
    #[serde(default)]
    pub disabled: bool,
}

/// An account: the source (owner) or the target of the move. What the platform does not give is
/// absent (`None`).
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
pub struct Account<'a> {
    #[serde(borrow)]
    pub id: ApsId<'a>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub name: Option<Label<'a>>,
    #[serde(default, deserialize_with = "present")]
    pub kind: Option<AccountKind>,
    /// The provider or reseller the account is under.
    #[serde(default, borrow, deserialize_with = "present")]
    pub vendor_id: Option<Ref<'a>>,
    #[serde(default, borrow, deserialize_with = "present")]
    pub brand_id: Option<Ref<'a>>,
    #[serde(default, deserialize_with = "present")]
    pub status: Option<AccountStatus>,
}

/// An order of the subscription's.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Order<'a> {
    #[serde(borrow)]
    pub id: Ref<'a>,
    #[serde(borrow, deserialize_with = "order_state")]
    pub state: Cow<'a, str>,
}

impl Order<'_> {
    /// A copy that owns its text.
    pub fn owned(&self) -> Order<'static> {
        Order {
            id: self.id.owned(),
            state: Cow::Owned(self.state.to_string()),
        }
    }
}

fn order_state<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'de, str>, D::Error> {
    bounded(deserializer, 1, 64)
}

/// A subscription that would block the move.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
pub struct Dependent<'a> {
    #[serde(borrow)]
    pub id: Ref<'a>,
    #[serde(
        default,
        borrow,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub name: Option<Label<'a>>,
    pub reason: DependencyReason,
    /// Strings or integer ids (`checkMoveSubscriptions` gives `rt_list` as integers).
    #[serde(
        default,
        borrow,
        deserialize_with = "resource_types",
        skip_serializing_if = "Option::is_none"
    )]
    pub resource_types: Option<Vec<Ref<'a>>>,
}

impl Dependent<'_> {
    /// A copy that owns its text.
    pub fn owned(&self) -> Dependent<'static> {
        Dependent {
            id: self.id.owned(),
            name: self.name.as_ref().map(Label::owned),
            reason: self.reason,
            resource_types: self
                .resource_types
                .as_ref()
                .map(|types| types.iter().map(Ref::owned).collect()),
        }
    }
}

fn resource_types<'de: 'a, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<Ref<'a>>>, D::Error> {
    at_most::<D, Ref<'a>, 100>(deserializer).map(Some)
}

/// The billing platform behind the subscription, as the host found it.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "BillingFields")]
pub struct Billing {
    pub platform: Platform,
    /// The latest migration record (see the schema's description), if any.
    pub latest: Option<Value>,
    /// Pismo: which event `latest` is.
    pub latest_event: Option<Event>,
    /// The migration request the host is about to send, if any.
    pub request: Option<Value>,
}

/// The members of `billing` before the rules between them are checked.
#[derive(Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
struct BillingFields {
    platform: Platform,
    #[serde(default, deserialize_with = "object_or_null")]
    latest: Option<Value>,
    #[serde(default, deserialize_with = "present")]
    latest_event: Option<Event>,
    #[serde(default, deserialize_with = "object_or_null")]
    request: Option<Value>,
}

impl TryFrom<BillingFields> for Billing {
    type Error = &'static str;

    fn try_from(b: BillingFields) -> Result<Billing, Self::Error> {
        if b.platform == Platform::Pismo && b.latest.is_some() && b.latest_event.is_none() {
            return Err("pismo: latestEvent is required with latest");
        }
        if b.platform == Platform::Chargebee && b.request.is_some() {
            return Err("chargebee has no migration request");
        }
        Ok(Billing {
            platform: b.platform,
            latest: b.latest,
            latest_event: b.latest_event,
            request: b.request,
        })
    }
}

/// What the host knows about the move. No clock is read inside the module: `now` is the host's.
#[derive(Clone, Debug, Deserialize)]
#[serde(remote = "Self", deny_unknown_fields, rename_all = "camelCase")]
pub struct Context<'a> {
    #[serde(borrow)]
    pub now: DateTime<'a>,
    #[serde(borrow)]
    pub subscription: Subscription<'a>,
    #[serde(borrow)]
    pub source_account: Account<'a>,
    /// Null or absent when the host did not find it.
    #[serde(default, borrow)]
    pub target_account: Option<Account<'a>>,
    #[serde(default, borrow, deserialize_with = "orders")]
    pub orders: Vec<Order<'a>>,
    #[serde(default, borrow, deserialize_with = "dependents")]
    pub dependent_subscriptions: Vec<Dependent<'a>>,
    #[serde(default, deserialize_with = "present")]
    pub billing: Option<Billing>,
}

impl Context<'_> {
    /// True when some number of the context is held as a double (it had a fraction or an
    /// exponent, or is an integer past u64): read from text by serde_json alone, such a number
    /// may be off by a unit in the last place, which `crate::exact` corrects through a value.
    pub fn holds_fraction(&self) -> bool {
        let account = |a: &Account<'_>| {
            [&a.vendor_id, &a.brand_id]
                .into_iter()
                .flatten()
                .any(Ref::is_double)
        };
        account(&self.source_account)
            || self.target_account.as_ref().is_some_and(account)
            || self.orders.iter().any(|o| o.id.is_double())
            || self
                .dependent_subscriptions
                .iter()
                .any(|d| d.id.is_double() || d.resource_types.iter().flatten().any(Ref::is_double))
            || self.billing.as_ref().is_some_and(|b| {
                [&b.latest, &b.request]
                    .into_iter()
                    .flatten()
                    .any(crate::exact::holds_fraction)
            })
    }
}

fn orders<'de: 'a, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Order<'a>>, D::Error> {
    at_most::<D, Order<'a>, 10_000>(deserializer)
}

fn dependents<'de: 'a, 'a, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Dependent<'a>>, D::Error> {
    at_most::<D, Dependent<'a>, 10_000>(deserializer)
}

object_only!(Subscription<'a>);

object_only!(Account<'a>);

object_only!(Order<'a>);

object_only!(Dependent<'a>);

object_only!(BillingFields);

object_only!(Context<'a>);
serialize_remote!(Order<'a>);
serialize_remote!(Dependent<'a>);
