/*
 * Memory bandwidth probe for benchmark B4, in the manner of STREAM: copy (a = b) and triad
 * (a = b + s*c) over float32 arrays far larger than the caches, all cores (OpenMP), arrays
 * first touched by the same threads that later stream them.
 *
 * Usage: b4-stream [MiB per array, default 256] [runs, default 10]
 * Prints one line: "copy_gbs=<median> triad_gbs=<median> copy_best_gbs=<best> triad_best_gbs=<best> threads=<n> mib=<m>"
 * Bytes counted as STREAM does: copy 2 x 4 bytes per element, triad 3 x 4 bytes (write-allocate traffic not counted).
 */
#define _POSIX_C_SOURCE 199309L
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static int compare(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    long mib = argc > 1 ? atol(argv[1]) : 256;
    int runs = argc > 2 ? atoi(argv[2]) : 10;
    if (mib < 1 || mib > 8192 || runs < 1 || runs > 1000) {
        fprintf(stderr, "usage: b4-stream [MiB per array 1..8192] [runs 1..1000]\n");
        return 2;
    }

    long n = mib * 1024L * 1024L / (long)sizeof(float);
    float *a = aligned_alloc(64, (size_t)n * sizeof(float));
    float *b = aligned_alloc(64, (size_t)n * sizeof(float));
    float *c = aligned_alloc(64, (size_t)n * sizeof(float));
    if (!a || !b || !c) {
        fprintf(stderr, "b4-stream: out of memory\n");
        return 1;
    }

#pragma omp parallel for schedule(static)
    for (long i = 0; i < n; i++) {
        a[i] = 0.0f;
        b[i] = 1.0f;
        c[i] = 2.0f;
    }

    double *copy = malloc((size_t)runs * sizeof(double));
    double *triad = malloc((size_t)runs * sizeof(double));
    const float s = 3.0f;
    for (int r = -1; r < runs; r++) {
        double t0 = now();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++)
            a[i] = b[i];
        double t1 = now();
#pragma omp parallel for schedule(static)
        for (long i = 0; i < n; i++)
            a[i] = b[i] + s * c[i];
        double t2 = now();
        if (r >= 0) {
            copy[r] = 2.0 * (double)n * sizeof(float) / (t1 - t0) / 1e9;
            triad[r] = 3.0 * (double)n * sizeof(float) / (t2 - t1) / 1e9;
        }
    }

    /* Keep the stores observable. */
    double check = 0;
    for (long i = 0; i < n; i += 4096)
        check += a[i];
    if (check != (double)((n + 4095) / 4096) * 7.0) {
        fprintf(stderr, "b4-stream: check failed\n");
        return 1;
    }

    qsort(copy, (size_t)runs, sizeof(double), compare);
    qsort(triad, (size_t)runs, sizeof(double), compare);
    printf("copy_gbs=%.3f triad_gbs=%.3f copy_best_gbs=%.3f triad_best_gbs=%.3f threads=%d mib=%ld\n",
           runs % 2 ? copy[runs / 2] : 0.5 * (copy[runs / 2 - 1] + copy[runs / 2]),
           runs % 2 ? triad[runs / 2] : 0.5 * (triad[runs / 2 - 1] + triad[runs / 2]),
           copy[runs - 1], triad[runs - 1], omp_get_max_threads(), mib);
    free(a);
    free(b);
    free(c);
    free(copy);
    free(triad);
    return 0;
}
