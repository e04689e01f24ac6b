// SPDX-License-Identifier: GPL-3.0-or-later
// Shim over the GNU Scientific Library for Swift.
//
// Swift 6 refuses GSL's mutable C globals (such as `gsl_rng_mt19937`), so they are exposed
// through `static inline` getters. The header also defines one generator type of our own,
// `hwnas_xoshiro256ss`, plugged into GSL's generator framework: it takes a full 64-bit seed
// (MT19937 keeps only 32 bits), seeds in nanoseconds and so lets every trial have its own
// stream derived from (seed, cell, trial) without seed collisions.
//
// BLAS is OpenBLAS (linked before GSL, so GSL's own `cblas_*` calls resolve to it too, not to
// the reference gslcblas), held to one thread: results do not depend on the machine's core
// count, and `--jobs` does the parallelism.
//
// SHA-256 comes from OpenSSL's libcrypto (EVP interface), which uses the CPU's SHA extensions
// (SHA-NI) where it has them: checking the bundled tables costs milliseconds.
#ifndef HWNASSIM_CGSL_SHIM_H
#define HWNASSIM_CGSL_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sort_double.h>
#include <openssl/evp.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multimin.h>

static inline const gsl_rng_type *hwnas_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }

/// Turns GSL's abort-on-error handler off; every call's inputs are checked in Swift instead.
static inline void hwnas_gsl_disable_error_handler(void) { gsl_set_error_handler_off(); }

/// OpenBLAS's thread count. The project links the pthread build (thread-safe when several
/// workers call it at once, which Debian's serial build is not) and holds it to one thread.
void openblas_set_num_threads(int num_threads);

/// Holds OpenBLAS to one thread, whichever of its builds the system resolves at run time.
static inline void hwnas_blas_single_thread(void) { openblas_set_num_threads(1); }

/// LAPACK's divide-and-conquer SVD (in OpenBLAS; Fortran calling convention, the trailing
/// argument is the hidden length of `jobz`).
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork,
             int *iwork, int *info, size_t jobz_len);

/// LAPACK's divide-and-conquer symmetric eigensolver (in OpenBLAS; hidden lengths of `jobz`, `uplo`).
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info,
             size_t jobz_len, size_t uplo_len);

/// Eigenvalues (ascending, into `w`) and eigenvectors (overwriting `a`, column k the k-th) of
/// the symmetric column-major n × n `a`, of which the lower triangle is read. `lwork` = −1 asks
/// for the workspace sizes (work[0], iwork[0]). Returns LAPACK's info (0: success).
static inline int hwnas_lapack_symmetric_eigen(int n, double *a, double *w, double *work, int lwork, int *iwork, int liwork) {
    int info = 0;
    dsyevd_("V", "L", &n, a, &n, w, work, &lwork, iwork, &liwork, &info, 1, 1);
    return info;
}

/// The thin SVD (jobz = 'S') of the column-major m × n `a` (overwritten): `s` gets min(m, n)
/// values, `u` m × min(m, n), `vt` min(m, n) × n, both column-major. `lwork` = −1 asks for the
/// workspace size, written to work[0]; `iwork` holds 8 min(m, n) ints.
/// Returns LAPACK's info: 0 on success, > 0 when the iteration did not converge.
static inline int hwnas_lapack_svd(int m, int n, double *a, double *s, double *u, double *vt,
                                   double *work, int lwork, int *iwork) {
    int info = 0, k = m < n ? m : n;
    dgesdd_("S", &m, &n, a, &m, s, u, &m, vt, &k, work, &lwork, iwork, &info, 1);
    return info;
}

// ---- xoshiro256** (Blackman & Vigna), seeded by SplitMix64 ---------------------------------

typedef struct { uint64_t s[4]; } hwnas_xoshiro256ss_state;

static inline uint64_t hwnas_rotl64(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static inline uint64_t hwnas_splitmix64(uint64_t *x) {
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static inline uint64_t hwnas_xoshiro256ss_next(hwnas_xoshiro256ss_state *st) {
    uint64_t *s = st->s;
    const uint64_t result = hwnas_rotl64(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = hwnas_rotl64(s[3], 45);
    return result;
}

static void hwnas_xoshiro256ss_set(void *vstate, unsigned long int seed) {
    hwnas_xoshiro256ss_state *st = (hwnas_xoshiro256ss_state *)vstate;
    uint64_t x = (uint64_t)seed;
    for (int i = 0; i < 4; i++) st->s[i] = hwnas_splitmix64(&x);
}

/// GSL's `get` returns an unsigned long in [min, max]: the top 32 bits of the output.
static unsigned long int hwnas_xoshiro256ss_get(void *vstate) {
    return (unsigned long int)(hwnas_xoshiro256ss_next((hwnas_xoshiro256ss_state *)vstate) >> 32);
}

/// A double in [0, 1) with 53 random bits.
static double hwnas_xoshiro256ss_get_double(void *vstate) {
    return (double)(hwnas_xoshiro256ss_next((hwnas_xoshiro256ss_state *)vstate) >> 11) * 0x1.0p-53;
}

static const gsl_rng_type hwnas_xoshiro256ss_type = {
    "xoshiro256**", 0xffffffffUL, 0, sizeof(hwnas_xoshiro256ss_state),
    &hwnas_xoshiro256ss_set, &hwnas_xoshiro256ss_get, &hwnas_xoshiro256ss_get_double
};

static inline const gsl_rng_type *hwnas_gsl_rng_xoshiro256ss(void) { return &hwnas_xoshiro256ss_type; }

#endif
