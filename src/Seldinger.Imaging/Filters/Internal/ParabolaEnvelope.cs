using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Seldinger.Imaging.Filters.Internal;

/// <summary>
/// The 1D passes of the separable exact distance transform, over squared distances held in a flat
/// single-precision volume.
/// </summary>
/// <remarks>
/// <para>
/// Strided lines (along j or k) are not walked one element per cache line: <see cref="TransformLines"/>
/// copies up to <see cref="WideTileWidth"/> neighbouring lines at once (one contiguous run per element)
/// into a small tile that stays in cache, transposed so that each line is contiguous, runs the lower
/// envelope on each line of the tile, and copies the tile back.
/// </para>
/// <para>
/// After the pass along i a row is finite everywhere or +∞ everywhere (it holds a feature or not), and
/// after the pass along j the same holds for a whole slice. So every line of a later pass has the same
/// finite positions (its "sites"): only those are read and enter the envelope; the rest are +∞ and add
/// no parabola.
/// </para>
/// </remarks>
internal static class ParabolaEnvelope
{
    /// <summary>Lines per tile within a slice (along j): 16 floats, one cache line per element.</summary>
    public const int TileWidth = 16;

    /// <summary>
    /// Lines per tile across slices (along k): 64 floats, so each element is a 256-byte run that the
    /// hardware prefetcher follows, rather than one cache line per page a megabyte apart.
    /// </summary>
    public const int WideTileWidth = 64;

    /// <summary>
    /// First pass along a contiguous row of labels: the squared distance (mm²) to the nearest feature in
    /// the row. <paramref name="squares"/>[n] is the squared length of n voxels (n ≤ row length) and
    /// <paramref name="reversed"/>[m] = <paramref name="squares"/>[row length − m]. Runs of features and
    /// the gaps between them are found with vectorised searches and the gaps filled by copying from the
    /// two tables (ascending away from the feature on the left, descending towards the one on the right).
    /// </summary>
    /// <returns>Whether the row holds a feature (else it is filled with +∞).</returns>
    public static bool Row(ReadOnlySpan<byte> labels, FeatureTable features, float[] squares, float[] reversed, Span<float> output)
    {
        var n = labels.Length;
        var position = features.IndexOfFeature(labels);
        if (position < 0)
        {
            output.Fill(float.PositiveInfinity);
            return false;
        }

        // Before the first feature: distance to it, descending.
        reversed.AsSpan(n - position, position).CopyTo(output);
        while (true)
        {
            // A run of features [position, end).
            var end = features.IndexOfNonFeature(labels[position..]);
            end = end < 0 ? n : position + end;
            output[position..end].Clear();
            if (end == n)
            {
                return true;
            }

            var left = end - 1;
            var next = features.IndexOfFeature(labels[end..]);
            if (next < 0)
            {
                // After the last feature: distance to it, ascending.
                squares.AsSpan(1, n - end).CopyTo(output[end..]);
                return true;
            }

            // A gap [end, right) between features at left and right: the left half measures to left,
            // the rest to right (equal at the midpoint).
            var right = end + next;
            var middle = (left + right) / 2;
            squares.AsSpan(1, middle - left).CopyTo(output[end..]);
            reversed.AsSpan(n - right + middle + 1, right - middle - 1).CopyTo(output[(middle + 1)..]);
            position = right;
        }
    }

    /// <summary>
    /// Replaces <paramref name="width"/> (≤ <see cref="WideTileWidth"/>) neighbouring lines of squared
    /// distances, each of <paramref name="length"/> elements <paramref name="stride"/> apart and starting
    /// at <paramref name="start"/> + c, with min over the sites p of (spacing·(q − p))² + f(p); with
    /// <paramref name="takeRoot"/> the square root is stored instead. Elements off the sites must be +∞,
    /// and there must be at least one site. The tile is transposed on the way in and out, so the envelope
    /// runs on contiguous lines.
    /// </summary>
    public static void TransformLines(float[] volume, int start, int width, int stride, int length, ReadOnlySpan<int> sites, double spacing, bool takeRoot, EnvelopeScratch scratch)
    {
        var m = sites.Length;
        var input = scratch.Input;
        var inputPitch = Pitch(m);

        // Bounds: width ≤ WideTileWidth lines of pitch ≤ Pitch(maxLength) floats fit the tiles, and each
        // source and target run lies inside the volume (checked by AsSpan).
        ref var inputStart = ref MemoryMarshal.GetArrayDataReference(input);
        var first = 0;
        if (Avx.IsSupported && width >= 8)
        {
            // Blocks of 8 sites × 8 lines: eight contiguous loads from the volume, an 8×8 transpose in
            // registers, eight contiguous stores to the tile; the last lines one at a time.
            for (; first + 8 <= m; first += 8)
            {
                var c = 0;
                for (; c + 8 <= width; c += 8)
                {
                    LoadTransposed8(volume, start + c, sites.Slice(first, 8), stride, ref Unsafe.Add(ref inputStart, (c * inputPitch) + first), inputPitch);
                }

                for (; c < width; c++)
                {
                    for (var t = first; t < first + 8; t++)
                    {
                        Unsafe.Add(ref inputStart, (c * inputPitch) + t) = volume[start + (sites[t] * stride) + c];
                    }
                }
            }
        }

        for (var t = first; t < m; t++)
        {
            var source = volume.AsSpan(start + (sites[t] * stride), width);
            ref var target = ref Unsafe.Add(ref inputStart, t);
            for (var c = 0; c < source.Length; c++)
            {
                Unsafe.Add(ref target, c * inputPitch) = source[c];
            }
        }

        var tile = scratch.Tile;
        var pitch = Pitch(length);
        for (var c = 0; c < width; c++)
        {
            Envelope(input.AsSpan(c * inputPitch, m), sites, tile.AsSpan(c * pitch, length), spacing, scratch);
        }

        ref var tileStart = ref MemoryMarshal.GetArrayDataReference(tile);
        var q = 0;
        if (Avx.IsSupported && width >= 8)
        {
            // Blocks of 8 lines × 8 elements: eight contiguous loads from the tile, an 8×8 transpose in
            // registers, eight contiguous stores to the volume; the last columns and elements one at a time.
            _ = volume.AsSpan(start + ((length - 1) * stride), width);
            ref var volumeStart = ref MemoryMarshal.GetArrayDataReference(volume);
            for (; q + 8 <= length; q += 8)
            {
                var c = 0;
                for (; c + 8 <= width; c += 8)
                {
                    StoreTransposed8(ref Unsafe.Add(ref tileStart, (c * pitch) + q), pitch, ref Unsafe.Add(ref volumeStart, start + (q * stride) + c), stride, takeRoot);
                }

                for (; c < width; c++)
                {
                    for (var k = q; k < q + 8; k++)
                    {
                        var value = Unsafe.Add(ref tileStart, (c * pitch) + k);
                        volume[start + (k * stride) + c] = takeRoot ? MathF.Sqrt(value) : value;
                    }
                }
            }
        }

        for (; q < length; q++)
        {
            var target = volume.AsSpan(start + (q * stride), width);
            ref var source = ref Unsafe.Add(ref tileStart, q);
            if (takeRoot)
            {
                for (var c = 0; c < target.Length; c++)
                {
                    target[c] = MathF.Sqrt(Unsafe.Add(ref source, c * pitch));
                }
            }
            else
            {
                for (var c = 0; c < target.Length; c++)
                {
                    target[c] = Unsafe.Add(ref source, c * pitch);
                }
            }
        }
    }

    /// <summary>
    /// Reads 8 lines of 8 consecutive elements (<paramref name="source"/>, lines <paramref name="pitch"/>
    /// apart) and writes them transposed: element k of the 8 lines as 8 contiguous floats at
    /// <paramref name="target"/> + k·<paramref name="stride"/>, square-rooted with <paramref name="takeRoot"/>.
    /// </summary>
    private static void StoreTransposed8(ref float source, int pitch, ref float target, int stride, bool takeRoot)
    {
        var r0 = Vector256.LoadUnsafe(ref source);
        var r1 = Vector256.LoadUnsafe(ref source, (nuint)pitch);
        var r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * pitch));
        var r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * pitch));
        var r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * pitch));
        var r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * pitch));
        var r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * pitch));
        var r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * pitch));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Store(Avx.Permute2x128(s0, s4, 0x20), ref target, 0, takeRoot);
        Store(Avx.Permute2x128(s1, s5, 0x20), ref target, stride, takeRoot);
        Store(Avx.Permute2x128(s2, s6, 0x20), ref target, 2 * stride, takeRoot);
        Store(Avx.Permute2x128(s3, s7, 0x20), ref target, 3 * stride, takeRoot);
        Store(Avx.Permute2x128(s0, s4, 0x31), ref target, 4 * stride, takeRoot);
        Store(Avx.Permute2x128(s1, s5, 0x31), ref target, 5 * stride, takeRoot);
        Store(Avx.Permute2x128(s2, s6, 0x31), ref target, 6 * stride, takeRoot);
        Store(Avx.Permute2x128(s3, s7, 0x31), ref target, 7 * stride, takeRoot);
    }

    /// <summary>
    /// Reads 8 floats at <paramref name="offset"/> + site·<paramref name="stride"/> for each of 8 sites and
    /// writes them transposed: float c of every site as 8 contiguous floats at <paramref name="target"/> + c·<paramref name="pitch"/>.
    /// </summary>
    private static void LoadTransposed8(float[] volume, int offset, ReadOnlySpan<int> sites, int stride, ref float target, int pitch)
    {
        var r0 = Vector256.Create<float>(volume.AsSpan(offset + (sites[0] * stride), 8));
        var r1 = Vector256.Create<float>(volume.AsSpan(offset + (sites[1] * stride), 8));
        var r2 = Vector256.Create<float>(volume.AsSpan(offset + (sites[2] * stride), 8));
        var r3 = Vector256.Create<float>(volume.AsSpan(offset + (sites[3] * stride), 8));
        var r4 = Vector256.Create<float>(volume.AsSpan(offset + (sites[4] * stride), 8));
        var r5 = Vector256.Create<float>(volume.AsSpan(offset + (sites[5] * stride), 8));
        var r6 = Vector256.Create<float>(volume.AsSpan(offset + (sites[6] * stride), 8));
        var r7 = Vector256.Create<float>(volume.AsSpan(offset + (sites[7] * stride), 8));
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var s0 = Avx.Shuffle(t0, t2, 0x44);
        var s1 = Avx.Shuffle(t0, t2, 0xEE);
        var s2 = Avx.Shuffle(t1, t3, 0x44);
        var s3 = Avx.Shuffle(t1, t3, 0xEE);
        var s4 = Avx.Shuffle(t4, t6, 0x44);
        var s5 = Avx.Shuffle(t4, t6, 0xEE);
        var s6 = Avx.Shuffle(t5, t7, 0x44);
        var s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref target, 0);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref target, (nuint)pitch);
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref target, (nuint)(2 * pitch));
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref target, (nuint)(3 * pitch));
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref target, (nuint)(4 * pitch));
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref target, (nuint)(5 * pitch));
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref target, (nuint)(6 * pitch));
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref target, (nuint)(7 * pitch));
    }

    private static void Store(Vector256<float> values, ref float target, int offset, bool takeRoot) =>
        (takeRoot ? Vector256.Sqrt(values) : values).StoreUnsafe(ref target, (nuint)offset);

    /// <summary>
    /// Floats from one line of a transposed tile to the next: the length rounded up to 16 plus 16, so the
    /// lines start in different cache sets (a power-of-two pitch would map a tile's column onto two sets
    /// of the first-level cache).
    /// </summary>
    public static int Pitch(int length) => ((length + 15) & ~15) + 16;

    /// <summary>
    /// Lower envelope of parabolas (Felzenszwalb–Huttenlocher) of one line: parabola t has its vertex at
    /// <paramref name="sites"/>[t] (at least one, ascending) with height <paramref name="input"/>[t]; writes
    /// min over t of (spacing·(q − sites[t]))² + input[t] for every q of <paramref name="output"/>.
    /// Intersections are compared cross-multiplied (no division) in double precision: parabola p's segment
    /// starts at (w(p) − w(p′)) / (2s²(p − p′)) with w(p) = f(p) + s²p² and p′ the parabola before it. The
    /// top of the stack and its differences to the one below are kept in registers.
    /// </summary>
    public static void Envelope(ReadOnlySpan<float> input, ReadOnlySpan<int> sites, Span<float> output, double spacing, EnvelopeScratch scratch)
    {
        // The stack holds at most sites.Length ≤ maxLength entries, the length of every scratch array.
        ref var v = ref MemoryMarshal.GetArrayDataReference(scratch.Vertices);
        ref var values = ref MemoryMarshal.GetArrayDataReference(scratch.Values);
        ref var w = ref MemoryMarshal.GetArrayDataReference(scratch.Weighted);
        ref var dw = ref MemoryMarshal.GetArrayDataReference(scratch.WeightedSteps);
        ref var dv = ref MemoryMarshal.GetArrayDataReference(scratch.VertexSteps);
        var s2 = spacing * spacing;

        var top = 0;
        var vTop = (double)sites[0];
        var fTop = (double)input[0];
        var wTop = fTop + (s2 * vTop * vTop);
        double dwTop = 0, dvTop = 0;
        v = sites[0];
        values = fTop;
        w = wTop;
        for (var t = 1; t < sites.Length; t++)
        {
            var q = sites[t];
            var fq = (double)input[t];
            var wq = fq + (s2 * q * q);

            // Pop the top parabola while q's intersection with it lies at or left of its segment's start
            // (the first parabola's segment starts at −∞ and is never popped).
            while (top > 0 && (wq - wTop) * dvTop <= dwTop * (q - vTop))
            {
                top--;
                vTop = Unsafe.Add(ref v, top);
                wTop = Unsafe.Add(ref w, top);
                dwTop = Unsafe.Add(ref dw, top);
                dvTop = Unsafe.Add(ref dv, top);
            }

            dwTop = wq - wTop;
            dvTop = q - vTop;
            top++;
            Unsafe.Add(ref v, top) = q;
            Unsafe.Add(ref values, top) = fq;
            Unsafe.Add(ref w, top) = wq;
            Unsafe.Add(ref dw, top) = dwTop;
            Unsafe.Add(ref dv, top) = dvTop;
            vTop = q;
            wTop = wq;
        }

        // Each parabola s covers q up to the start of the next segment, z = (w(s+1) − w(s)) / (2s²(v(s+1) − v(s))).
        // Its values (s·(q − p))² + f(p) come from the table of squared offsets, eight at a time.
        var n = output.Length;
        var offsets = scratch.SquaredOffsets(spacing, n);
        var twoS2 = 2 * s2;
        var q0 = 0;
        for (var segment = 0; segment <= top; segment++)
        {
            var end = n - 1;
            if (segment < top)
            {
                var z = Unsafe.Add(ref dw, segment + 1) / (twoS2 * Unsafe.Add(ref dv, segment + 1));
                if (z < end)
                {
                    end = (int)Math.Floor(z);
                }
            }

            if (end >= q0)
            {
                AddAndNarrow(offsets.Slice(n - 1 + q0 - Unsafe.Add(ref v, segment), end - q0 + 1), Unsafe.Add(ref values, segment), output[q0..(end + 1)]);
                q0 = end + 1;
            }
        }
    }

    /// <summary><paramref name="target"/>[n] = (float)(<paramref name="source"/>[n] + <paramref name="addend"/>).</summary>
    private static void AddAndNarrow(ReadOnlySpan<double> source, double addend, Span<float> target)
    {
        var n = 0;
        if (Vector256.IsHardwareAccelerated && source.Length >= 8)
        {
            var add = Vector256.Create(addend);
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var t = ref MemoryMarshal.GetReference(target);
            for (; n <= source.Length - 8; n += 8)
            {
                var low = Vector256.LoadUnsafe(ref s, (nuint)n) + add;
                var high = Vector256.LoadUnsafe(ref s, (nuint)(n + 4)) + add;
                Vector256.Narrow(low, high).StoreUnsafe(ref t, (nuint)n);
            }
        }

        for (; n < source.Length; n++)
        {
            target[n] = (float)(source[n] + addend);
        }
    }
}
