//! Decimal text to `f64`, correctly rounded (as `JSON.parse` does), in little code.
//!
//! Rust's own `str::parse::<f64>` adds about 16 KB gzip to a `.wasm` (its Eisel-Lemire tables);
//! this takes Clinger's fast path when it is exact (at most 2^53 as the digits and a power of
//! ten up to 22, which covers nearly every number people write) and otherwise the "simple
//! decimal conversion" (Nigel Tao's write-up of Go's `strconv`, also Rust's fallback): slower,
//! but exact for any input. Native tests compare it with `str::parse` on millions of inputs.

/// The value of a JSON number's text (already checked against the JSON grammar). Overflow
/// gives an infinity, which the caller rejects.
pub fn parse(text: &str) -> f64 {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let magnitude = fast(body).unwrap_or_else(|| slow(body));
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// Exact powers of ten as `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// A number's text (JSON grammar, no sign) split at its `e`: the digits with their point, and
/// the exponent (saturating; 0 without one).
fn split_exponent(body: &str) -> (&str, i64) {
    let Some((significand, tail)) = body.split_once(['e', 'E']) else {
        return (body, 0);
    };
    let (sign, digits) = match tail.as_bytes().first() {
        Some(b'-') => (-1, tail.get(1..).unwrap_or("")),
        Some(b'+') => (1, tail.get(1..).unwrap_or("")),
        _ => (1, tail),
    };
    let magnitude = digits.bytes().fold(0i64, |e, b| {
        e.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    (significand, sign * magnitude)
}

/// Clinger's fast path: the digits as an integer up to 2^53 and a power of ten up to 22 are
/// both exact, so one multiplication or division rounds correctly.
// The significand is at most 2^53, so the cast is exact.
#[allow(clippy::cast_precision_loss)]
fn fast(body: &str) -> Option<f64> {
    let (significand, mut exponent) = split_exponent(body);
    let mut mantissa: u64 = 0;
    let mut after_point = false;
    for b in significand.bytes() {
        if b == b'.' {
            after_point = true;
            continue;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
        if after_point {
            exponent = exponent.saturating_sub(1);
        }
    }
    if mantissa > 1 << 53 {
        return None;
    }
    let m = mantissa as f64;
    if mantissa == 0 {
        return Some(0.0);
    }
    let power = usize::try_from(exponent.unsigned_abs())
        .ok()
        .and_then(|e| POW10.get(e).copied())?;
    Some(if exponent >= 0 { m * power } else { m / power })
}

/// Digits kept by the slow path; more cannot change the rounding (Nigel Tao's bound).
const MAX_DIGITS: usize = 768;
const DECIMAL_POINT_RANGE: i32 = 2047;

/// A decimal number `0.d1d2d3... × 10^decimal_point`.
struct Decimal {
    digits: Vec<u8>,
    decimal_point: i32,
    /// Non-zero digits were dropped beyond `MAX_DIGITS`.
    truncated: bool,
}

impl Decimal {
    fn from_text(body: &str) -> Decimal {
        let mut d = Decimal {
            digits: Vec::with_capacity(32),
            decimal_point: 0,
            truncated: false,
        };
        let (significand, exponent) = split_exponent(body);
        let mut seen_point = false;
        for b in significand.bytes() {
            match b {
                b'.' => seen_point = true,
                b'0'..=b'9' => {
                    if d.digits.is_empty() && b == b'0' {
                        // A leading zero only moves the point.
                        if seen_point {
                            d.decimal_point -= 1;
                        }
                        continue;
                    }
                    if !seen_point {
                        d.decimal_point += 1;
                    }
                    if d.digits.len() < MAX_DIGITS {
                        d.digits.push(b - b'0');
                    } else if b != b'0' {
                        d.truncated = true;
                    }
                }
                _ => break,
            }
        }
        let point = i64::from(d.decimal_point).saturating_add(exponent);
        d.decimal_point = i32::try_from(point.clamp(-100_000, 100_000)).unwrap_or(0);
        d.trim();
        d
    }

    fn trim(&mut self) {
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
    }

    fn digit(&self, i: usize) -> u64 {
        self.digits.get(i).map_or(0, |&d| u64::from(d))
    }

    /// Multiplies by 2^shift (shift ≤ 60).
    fn left_shift(&mut self, shift: u32) {
        if self.digits.is_empty() {
            return;
        }
        let mut out: Vec<u8> = Vec::with_capacity(self.digits.len() + 20);
        let mut carry: u64 = 0;
        for &d in self.digits.iter().rev() {
            let n = (u64::from(d) << shift) + carry;
            // n % 10 < 10, so the cast cannot truncate.
            out.push((n % 10) as u8);
            carry = n / 10;
        }
        while carry > 0 {
            out.push((carry % 10) as u8);
            carry /= 10;
        }
        let grown = out.len() - self.digits.len();
        self.decimal_point += i32::try_from(grown).unwrap_or(0);
        out.reverse();
        if out.len() > MAX_DIGITS {
            if out.iter().skip(MAX_DIGITS).any(|&d| d != 0) {
                self.truncated = true;
            }
            out.truncate(MAX_DIGITS);
        }
        self.digits = out;
        self.trim();
    }

    /// Divides by 2^shift (shift ≤ 60).
    fn right_shift(&mut self, shift: u32) {
        let count = self.digits.len();
        let mut read = 0;
        let mut n: u64 = 0;
        // Pick up enough leading digits to cover the first shift.
        while n >> shift == 0 {
            if read >= count {
                if n == 0 {
                    self.digits.clear();
                    return;
                }
                while n >> shift == 0 {
                    n *= 10;
                    read += 1;
                }
                break;
            }
            n = n * 10 + self.digit(read);
            read += 1;
        }
        self.decimal_point -= i32::try_from(read).unwrap_or(0) - 1;
        let mask = (1u64 << shift) - 1;
        let mut out: Vec<u8> = Vec::with_capacity(count + 20);
        while read < count {
            // n >> shift < 10 here, so the cast cannot truncate.
            out.push((n >> shift) as u8);
            n = (n & mask) * 10 + self.digit(read);
            read += 1;
        }
        while n > 0 {
            let d = (n >> shift) as u8;
            n = (n & mask) * 10;
            if out.len() < MAX_DIGITS {
                out.push(d);
            } else if d > 0 {
                self.truncated = true;
            }
        }
        self.digits = out;
        self.trim();
    }

    /// The integer part, rounded half to even (the value must be below 2^64).
    fn round(&self) -> u64 {
        if self.digits.is_empty() || self.decimal_point < 0 {
            return 0;
        }
        if self.decimal_point > 18 {
            return u64::MAX;
        }
        let point = usize::try_from(self.decimal_point).unwrap_or(0);
        let mut n: u64 = 0;
        for i in 0..point {
            n = n * 10 + self.digit(i);
        }
        let count = self.digits.len();
        let mut up = false;
        if point < count {
            up = self.digit(point) >= 5;
            if self.digit(point) == 5 && point + 1 == count {
                up = self.truncated || (point > 0 && self.digit(point - 1) % 2 == 1);
            }
        }
        n + u64::from(up)
    }
}

const MANTISSA_BITS: u32 = 52;
const MIN_EXPONENT: i32 = -1023;
const INFINITE_POWER: i32 = 0x7FF;

/// The simple decimal conversion: exact for any input.
fn slow(body: &str) -> f64 {
    const MAX_SHIFT: u32 = 60;
    const POWERS: [u32; 19] = [
        0, 3, 6, 9, 13, 16, 19, 23, 26, 29, 33, 36, 39, 43, 46, 49, 53, 56, 59,
    ];
    let shift_for = |n: i32| {
        usize::try_from(n)
            .ok()
            .and_then(|n| POWERS.get(n).copied())
            .unwrap_or(MAX_SHIFT)
    };
    let mut d = Decimal::from_text(body);
    if d.digits.is_empty() || d.decimal_point < -324 {
        return 0.0;
    }
    if d.decimal_point >= 310 {
        return f64::INFINITY;
    }
    let mut exp2: i32 = 0;
    // Shift right toward (1/2 ... 1].
    while d.decimal_point > 0 {
        let shift = shift_for(d.decimal_point);
        d.right_shift(shift);
        if d.decimal_point < -DECIMAL_POINT_RANGE {
            return 0.0;
        }
        exp2 += i32::try_from(shift).unwrap_or(0);
    }
    // Shift left toward (1/2 ... 1].
    while d.decimal_point <= 0 {
        let shift = if d.decimal_point == 0 {
            match d.digit(0) {
                5..=9 => break,
                0 | 1 => 2,
                _ => 1,
            }
        } else {
            shift_for(-d.decimal_point)
        };
        d.left_shift(shift);
        if d.decimal_point > DECIMAL_POINT_RANGE {
            return f64::INFINITY;
        }
        exp2 -= i32::try_from(shift).unwrap_or(0);
    }
    // Now in [1/2, 1); the binary format wants [1, 2).
    exp2 -= 1;
    while MIN_EXPONENT + 1 > exp2 {
        let n = u32::try_from((MIN_EXPONENT + 1) - exp2)
            .unwrap_or(MAX_SHIFT)
            .min(MAX_SHIFT);
        d.right_shift(n);
        exp2 += i32::try_from(n).unwrap_or(0);
    }
    if exp2 - MIN_EXPONENT >= INFINITE_POWER {
        return f64::INFINITY;
    }
    // Shift to the hidden bit and round to get the mantissa and one more bit.
    d.left_shift(MANTISSA_BITS + 1);
    let mut mantissa = d.round();
    if mantissa >= 1u64 << (MANTISSA_BITS + 1) {
        // Rounding carried into a new bit: shift back.
        d.right_shift(1);
        exp2 += 1;
        mantissa = d.round();
        if exp2 - MIN_EXPONENT >= INFINITE_POWER {
            return f64::INFINITY;
        }
    }
    let mut power2 = exp2 - MIN_EXPONENT;
    if mantissa < 1u64 << MANTISSA_BITS {
        power2 -= 1;
    }
    mantissa &= (1u64 << MANTISSA_BITS) - 1;
    let bits = mantissa | (u64::try_from(power2).unwrap_or(0) << MANTISSA_BITS);
    f64::from_bits(bits)
}
