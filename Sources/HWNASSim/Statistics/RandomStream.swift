// SPDX-License-Identifier: GPL-3.0-or-later
import CGSL

/// A GSL random number generator owned by one task, seeded from (seed, cell, trial).
///
/// Wraps a `gsl_rng` C pointer and frees it in `deinit`. It is deliberately not `Sendable`:
/// each worker creates its own and re-seeds it per trial with ``reseed(_:)``.
/// The generator type is xoshiro256** plugged into GSL's framework (see `shim.h`): it keeps
/// all 64 bits of a stream key, where MT19937 would keep only 32.
public final class RandomStream {
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

    /// A generator seeded with `key` (use ``StreamKey`` to derive keys).
    public init(key: UInt64) {
        GSL.start()
        // gsl_rng_alloc only fails when malloc fails; that is not an input error.
        guard let r = gsl_rng_alloc(hwnas_gsl_rng_xoshiro256ss()) else {
            fatalError("gsl_rng_alloc failed: out of memory")
        }
        rng = r
        gsl_rng_set(rng, UInt(key))
    }

    deinit { gsl_rng_free(rng) }

    /// Restarts the stream at `key`; costs a few nanoseconds.
    @inlinable public func reseed(_ key: UInt64) { gsl_rng_set(rng, UInt(key)) }

    /// A uniform double in [0, 1).
    @inlinable public func uniform() -> Double { gsl_rng_uniform(rng) }

    /// A uniform double in [a, b).
    @inlinable public func uniform(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(rng, a, b) }

    /// A uniform integer in 0..<n (n ≥ 1).
    @inlinable public func uniformInt(_ n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// A normal draw with mean 0 and standard deviation `sigma` (GSL's ziggurat).
    @inlinable public func gaussian(_ sigma: Double = 1) -> Double { gsl_ran_gaussian_ziggurat(rng, sigma) }
}

/// Derives independent 64-bit stream keys from a seed and a list of coordinates.
///
/// The key of (seed, pair, subset size, trial) depends on those values only, never on the
/// order in which work is scheduled, so results are identical for any `--jobs` or shard.
public enum StreamKey {
    /// SplitMix64 finaliser.
    @inlinable static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A key for `seed` and the coordinates `parts`, in order.
    public static func derive(_ seed: UInt64, _ parts: UInt64...) -> UInt64 {
        var h = mix(seed)
        for p in parts { h = mix(h ^ mix(p &+ 0x632b_e59b_d9b4_e019)) }
        return h
    }

    /// A stable 64-bit hash of a string (FNV-1a), for naming coordinates such as a pair.
    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}
