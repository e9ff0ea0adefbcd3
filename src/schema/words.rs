//! `WordMap`: a map from one word (`usize`) to another, for the engine's three tables (the
//! compiler's shared nodes and the index's scopes and names, by address or by hash; the
//! hashes of `uniqueItems`). Open addressing with linear probing, in a few hundred bytes of
//! `.wasm`, where `std`'s `HashMap` brings its hashing and its general table code (about 2 KB).

/// A map from `usize` to `usize`.
#[derive(Debug, Default)]
pub struct WordMap {
    /// A power of two of slots (or none), at most three quarters full: `(key, value + 1)`, and
    /// `(0, 0)` for an empty slot, so a new table is zeroed memory (no code to fill it). The
    /// values stored are indices and packed scopes, never `usize::MAX`.
    slots: Vec<(usize, usize)>,
    len: usize,
}

impl WordMap {
    /// An empty map with room for `n` entries before it grows.
    pub fn with_capacity(n: usize) -> WordMap {
        let mut map = WordMap::default();
        map.resize((n + n / 3 + 1).next_power_of_two());
        map
    }

    /// The slot a key's probe starts at: the key mixed (addresses share their low bits, so
    /// they are multiplied through), scaled to the table.
    fn start(&self, key: usize) -> usize {
        let mixed = (key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> 32) as usize & self.slots.len().wrapping_sub(1)
    }

    /// The slot of `key`, or the empty slot where it would go. The table is never full.
    fn find(&self, key: usize) -> usize {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = self.start(key);
        while let Some((k, v)) = self.slots.get(i) {
            if *v == 0 || *k == key {
                break;
            }
            i = (i + 1) & mask;
        }
        i
    }

    /// Rebuilds the table with `size` slots (a power of two).
    fn resize(&mut self, size: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (key, value) in old {
            if value != 0 {
                let i = self.find(key);
                if let Some(slot) = self.slots.get_mut(i) {
                    *slot = (key, value);
                }
            }
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: usize) -> Option<usize> {
        match self.slots.get(self.find(key)) {
            Some((_, value)) => value.checked_sub(1),
            None => None,
        }
    }

    /// Sets the value of `key`; returns the one it replaces.
    pub fn insert(&mut self, key: usize, value: usize) -> Option<usize> {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.resize((self.slots.len() * 2).max(8));
        }
        let i = self.find(key);
        let slot = self.slots.get_mut(i)?;
        let old = std::mem::replace(slot, (key, value.wrapping_add(1)))
            .1
            .checked_sub(1);
        if old.is_none() {
            self.len += 1;
        }
        old
    }
}

#[cfg(test)]
mod tests {
    use super::WordMap;

    #[test]
    fn inserts_replaces_and_finds() {
        let mut map = WordMap::default();
        assert_eq!(map.get(3), None);
        for k in 0..1000 {
            assert_eq!(map.insert(k * 16, k), None);
        }
        assert_eq!(map.insert(160, 7), Some(10));
        assert_eq!(map.get(160), Some(7));
        assert_eq!(map.get(16 * 999), Some(999));
        assert_eq!(map.get(8), None);
        let mut small = WordMap::with_capacity(0);
        assert_eq!(small.insert(usize::MAX, 1), None);
        assert_eq!(small.get(usize::MAX), Some(1));
    }
}
