//! The fixed-seed xorshift64 generator the reference tests and the page's
//! warm-up file (`src/wasm/warmup.rs`) draw their synthetic inputs from (one
//! copy, not one per module). Built for tests and for the wasm only.

/// A xorshift64 generator from a fixed, non-zero seed.
pub(crate) struct Xorshift(u64);

impl Xorshift {
    pub(crate) fn new(seed: u64) -> Self {
        Xorshift(seed)
    }

    /// The next number below `m` (`m` > 0).
    pub(crate) fn below(&mut self, m: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % m as u64) as usize
    }
}
