/*
 * Plain C reference of Seldinger's bioheat time step for benchmark B4: the explicit Pennes + Arrhenius
 * discretisation of docs/ablation-physics.md ("The exact discretisation"), float32 state, 7-point stencil,
 * the same coefficient rounding (double, then float), the same face order and the same damage update, with
 * OpenMP over k-slabs. Every voxel takes the general formula (no row classification, no fast path).
 *
 * Usage: b4-pennes PROBLEM RESULT
 *   PROBLEM  binary little-endian file written by the benchmark (layout in read_problem below)
 *   RESULT   written: final T, peak T, coldest T, Ω, CEM43 (float32, N voxels each, in that order)
 * Prints one line: "steps=<n> seconds=<stepping wall time> updates_per_s=<voxel updates per second> threads=<n>"
 * Compile with ISO C (-std=c11): floating-point contraction stays off, as in .NET.
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <omp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    int steps, probe_held;
    double dt, scale, probe;
} phase_t;

typedef struct {
    int si, sj, sk, count, has_fixed, has_source, phases;
    double h[3], blood, blood_capacity, low, high, cutoff, damage_threshold, cold_tracking;
    double *props; /* per material: k, rho, c, perfusion, A, Ea, k_frozen, c_frozen, latent */
    phase_t *phase;
    uint8_t *material, *fixed;
    float *source, *initial;
} problem_t;

/* Coefficients, rounded to float the way the engine rounds them. */
typedef struct {
    float *inv_c, *inv_cf, *inv_cm, *k, *kf, *w, *ln_a, *ea_r, *face[3];
    float inv_h2[3], low, high, inv_range, blood, cutoff, damage, cold, ln_half, ln_quarter;
} coeffs_t;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static void *xmalloc(size_t bytes)
{
    void *p = aligned_alloc(64, (bytes + 63) / 64 * 64);
    if (!p) {
        fprintf(stderr, "b4-pennes: out of memory\n");
        exit(1);
    }
    return p;
}

static void read_exact(FILE *f, void *p, size_t bytes)
{
    if (fread(p, 1, bytes, f) != bytes) {
        fprintf(stderr, "b4-pennes: truncated problem file\n");
        exit(2);
    }
}

static int read_int(FILE *f)
{
    int32_t v;
    read_exact(f, &v, 4);
    return v;
}

static double read_double(FILE *f)
{
    double v;
    read_exact(f, &v, 8);
    return v;
}

/*
 * Layout: "B4P1"; int32 si sj sk count has_fixed has_source phases; double h_i h_j h_k (mm) blood blood_capacity
 * low high cutoff damage_threshold cold_tracking; count × 9 doubles (material properties, order as props above);
 * phases × (int32 steps, double dt, double scale, int32 probe_held, double probe); uint8 material[N];
 * uint8 fixed[N] if has_fixed; float source[N] if has_source; float initial[N].
 */
static void read_problem(const char *path, problem_t *p)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "b4-pennes: cannot open %s\n", path);
        exit(2);
    }
    char magic[4];
    read_exact(f, magic, 4);
    if (memcmp(magic, "B4P1", 4) != 0) {
        fprintf(stderr, "b4-pennes: %s is not a B4 problem file\n", path);
        exit(2);
    }
    p->si = read_int(f);
    p->sj = read_int(f);
    p->sk = read_int(f);
    p->count = read_int(f);
    p->has_fixed = read_int(f);
    p->has_source = read_int(f);
    p->phases = read_int(f);
    if (p->si < 1 || p->sj < 1 || p->sk < 1 || (long)p->si * p->sj * p->sk > 2147483647L || p->count < 1 || p->count > 255
        || p->phases < 1 || p->phases > 1000) {
        fprintf(stderr, "b4-pennes: implausible header\n");
        exit(2);
    }
    for (int a = 0; a < 3; a++)
        p->h[a] = read_double(f) * 1e-3;
    p->blood = read_double(f);
    p->blood_capacity = read_double(f);
    p->low = read_double(f);
    p->high = read_double(f);
    p->cutoff = read_double(f);
    p->damage_threshold = read_double(f);
    p->cold_tracking = read_double(f);
    p->props = xmalloc((size_t)p->count * 9 * sizeof(double));
    read_exact(f, p->props, (size_t)p->count * 9 * sizeof(double));
    p->phase = xmalloc((size_t)p->phases * sizeof(phase_t));
    for (int q = 0; q < p->phases; q++) {
        p->phase[q].steps = read_int(f);
        p->phase[q].dt = read_double(f);
        p->phase[q].scale = read_double(f);
        p->phase[q].probe_held = read_int(f);
        p->phase[q].probe = read_double(f);
    }
    size_t n = (size_t)p->si * p->sj * p->sk;
    p->material = xmalloc(n);
    read_exact(f, p->material, n);
    p->fixed = NULL;
    p->source = NULL;
    if (p->has_fixed) {
        p->fixed = xmalloc(n);
        read_exact(f, p->fixed, n);
    }
    if (p->has_source) {
        p->source = xmalloc(n * sizeof(float));
        read_exact(f, p->source, n * sizeof(float));
    }
    p->initial = xmalloc(n * sizeof(float));
    read_exact(f, p->initial, n * sizeof(float));
    fclose(f);
}

static void build_coeffs(const problem_t *p, coeffs_t *c)
{
    int m_count = p->count;
    float **rows[] = { &c->inv_c, &c->inv_cf, &c->inv_cm, &c->k, &c->kf, &c->w, &c->ln_a, &c->ea_r };
    for (int r = 0; r < 8; r++)
        *rows[r] = xmalloc((size_t)m_count * sizeof(float));
    double range = p->high - p->low;
    const double gas_constant = (double)8.314462618f;
    for (int m = 0; m < m_count; m++) {
        const double *a = p->props + 9 * m;
        double k = a[0], rho = a[1], cp = a[2], perf = a[3], A = a[4], ea = a[5], kf = a[6], cf = a[7], latent = a[8];
        c->inv_c[m] = (float)(1 / (rho * cp));
        c->inv_cf[m] = (float)(1 / (rho * cf));
        c->inv_cm[m] = (float)(1 / (rho * ((0.5 * (cp + cf)) + (latent / range))));
        c->k[m] = (float)k;
        c->kf[m] = (float)kf;
        c->w[m] = (float)(p->blood_capacity * perf);
        c->ln_a[m] = (float)log(A);
        c->ea_r[m] = (float)(ea / gas_constant);
    }
    for (int axis = 0; axis < 3; axis++) {
        c->face[axis] = xmalloc((size_t)m_count * m_count * sizeof(float));
        double h2 = p->h[axis] * p->h[axis];
        for (int a = 0; a < m_count; a++)
            for (int b = 0; b < m_count; b++) {
                double ka = p->props[9 * a], kb = p->props[9 * b];
                double face = a == b ? ka : 2 * ka * kb / (ka + kb);
                c->face[axis][a * m_count + b] = (float)(face / h2);
            }
        c->inv_h2[axis] = (float)(1 / h2);
    }
    c->low = (float)p->low;
    c->high = (float)p->high;
    c->inv_range = (float)(1 / range);
    c->blood = (float)p->blood;
    c->cutoff = (float)p->cutoff;
    c->damage = (float)p->damage_threshold;
    c->cold = (float)p->cold_tracking;
    c->ln_half = (float)log(0.5);
    c->ln_quarter = (float)log(0.25);
}

static inline float conductivity_at(const coeffs_t *c, int m, float t)
{
    if (t >= c->high)
        return c->k[m];
    if (t <= c->low)
        return c->kf[m];
    return c->kf[m] + ((c->k[m] - c->kf[m]) * ((t - c->low) * c->inv_range));
}

static inline float face(const coeffs_t *c, int count, const float *t, const uint8_t *material, const uint8_t *fixed,
                         int insulating, int axis, int m, float tn, int unfrozen, long nb)
{
    if (insulating && fixed[nb] == 2)
        return 0.0f;
    float tb = t[nb];
    int mb = material[nb];
    float g;
    if (unfrozen && tb >= c->high) {
        g = c->face[axis][m * count + mb];
    } else {
        float ka = conductivity_at(c, m, tn);
        float kb = conductivity_at(c, mb, tb);
        g = 2.0f * ka * kb / (ka + kb) * c->inv_h2[axis];
    }
    return g * (tb - tn);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: b4-pennes PROBLEM RESULT\n");
        return 2;
    }
    problem_t p;
    coeffs_t c;
    read_problem(argv[1], &p);
    build_coeffs(&p, &c);
    const int si = p.si, sj = p.sj, sk = p.sk, count = p.count;
    const long plane = (long)si * sj, n_all = plane * sk;
    float *t = xmalloc((size_t)n_all * sizeof(float));
    float *next = xmalloc((size_t)n_all * sizeof(float));
    float *peak = xmalloc((size_t)n_all * sizeof(float));
    float *coldest = xmalloc((size_t)n_all * sizeof(float));
    float *omega = xmalloc((size_t)n_all * sizeof(float));
    float *cem = xmalloc((size_t)n_all * sizeof(float));
    const uint8_t *material = p.material, *fixed = p.fixed;
    const float *source = p.source;

    /* Start: initial T; blood voxels at blood temperature; probe voxels at the first phase's probe temperature. */
#pragma omp parallel for schedule(static)
    for (long n = 0; n < n_all; n++) {
        float v = p.initial[n];
        if (fixed && fixed[n] == 1)
            v = c.blood;
        else if (fixed && fixed[n] == 2 && p.phase[0].probe_held)
            v = (float)p.phase[0].probe;
        t[n] = v;
        next[n] = 0.0f;
        peak[n] = v;
        coldest[n] = v;
        omega[n] = 0.0f;
        cem[n] = 0.0f;
    }

    long total_steps = 0;
    double start = now();
    for (int q = 0; q < p.phases; q++) {
        const phase_t *ph = &p.phase[q];
        const float probe = (float)ph->probe;
        if (ph->probe_held && fixed) {
#pragma omp parallel for schedule(static)
            for (long n = 0; n < n_all; n++)
                if (fixed[n] == 2)
                    t[n] = probe;
        }
        const float dt = (float)ph->dt, dt_minutes = dt / 60.0f, scale = (float)ph->scale;
        const int insulating = fixed != NULL && !ph->probe_held;
        for (int s = 0; s < ph->steps; s++) {
#pragma omp parallel for schedule(static) collapse(2)
            for (int k = 0; k < sk; k++)
                for (int j = 0; j < sj; j++) {
                    for (int i = 0; i < si; i++) {
                        const long n = i + si * (long)j + plane * k;
                        const int m = material[n];
                        const float tn = t[n];
                        const int kind = fixed ? fixed[n] : 0;
                        float result;
                        if (kind == 1) {
                            result = c.blood;
                        } else if (kind == 2) {
                            result = ph->probe_held ? probe : tn;
                        } else {
                            const int unfrozen = tn >= c.high;
                            float sum = face(&c, count, t, material, fixed, insulating, 0, m, tn, unfrozen, i > 0 ? n - 1 : n);
                            sum += face(&c, count, t, material, fixed, insulating, 0, m, tn, unfrozen, i < si - 1 ? n + 1 : n);
                            sum += face(&c, count, t, material, fixed, insulating, 1, m, tn, unfrozen, j > 0 ? n - si : n);
                            sum += face(&c, count, t, material, fixed, insulating, 1, m, tn, unfrozen, j < sj - 1 ? n + si : n);
                            sum += face(&c, count, t, material, fixed, insulating, 2, m, tn, unfrozen, k > 0 ? n - plane : n);
                            sum += face(&c, count, t, material, fixed, insulating, 2, m, tn, unfrozen, k < sk - 1 ? n + plane : n);
                            float perfusion = 0.0f;
                            if (unfrozen) {
                                const float o = omega[n];
                                const float rate = c.w[m] * (o > 0 ? expf(-o) : 1.0f);
                                perfusion = rate * (c.blood - tn);
                            }
                            const float qv = source == NULL || tn >= c.cutoff ? 0.0f : source[n] * scale;
                            const float inv = tn >= c.high ? c.inv_c[m] : tn <= c.low ? c.inv_cf[m] : c.inv_cm[m];
                            const float dtc = dt * inv;
                            result = tn + (dtc * (sum + perfusion + qv));
                        }
                        next[n] = result;
                        if (result >= c.damage) {
                            const float rate = expf(c.ln_a[m] - (c.ea_r[m] / (result + 273.15f)));
                            const float o = omega[n] + (dt * rate);
                            omega[n] = o < 1e30f ? o : 1e30f;
                            const float eq = expf((43.0f - result) * (result >= 43.0f ? c.ln_half : c.ln_quarter));
                            const float e = cem[n] + (dt_minutes * eq);
                            cem[n] = e < 1e30f ? e : 1e30f;
                            if (result > peak[n])
                                peak[n] = result;
                        }
                        if (result <= c.cold && result < coldest[n])
                            coldest[n] = result;
                    }
                }
            float *swap = t;
            t = next;
            next = swap;
            total_steps++;
        }
    }
    double seconds = now() - start;

    for (long n = 0; n < n_all; n++) {
        if (t[n] > peak[n])
            peak[n] = t[n];
        if (t[n] < coldest[n])
            coldest[n] = t[n];
    }

    FILE *out = fopen(argv[2], "wb");
    if (!out) {
        fprintf(stderr, "b4-pennes: cannot write %s\n", argv[2]);
        return 1;
    }
    float *volumes[] = { t, peak, coldest, omega, cem };
    for (int v = 0; v < 5; v++)
        if (fwrite(volumes[v], sizeof(float), (size_t)n_all, out) != (size_t)n_all) {
            fprintf(stderr, "b4-pennes: write failed\n");
            return 1;
        }
    fclose(out);
    printf("steps=%ld seconds=%.6f updates_per_s=%.6e threads=%d\n", total_steps, seconds,
           (double)total_steps * (double)n_all / seconds, omp_get_max_threads());
    return 0;
}
