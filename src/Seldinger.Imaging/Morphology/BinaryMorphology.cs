using Seldinger.Imaging.Buffers;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Labels.Internal;
using Seldinger.Imaging.Morphology.Internal;

namespace Seldinger.Imaging.Morphology;

/// <summary>
/// Binary morphology with a ball of a radius in millimetres on anisotropic voxels: voxel v is within
/// radius r of voxel u when the physical distance between their centres is at most r.
/// </summary>
/// <remarks>
/// <para>Non-zero input voxels are foreground; results are 1/0 masks on the same grid.</para>
/// <para>
/// Voxels outside the grid take no part: dilation never grows in from outside and erosion never eats
/// in from the border (erosion is the complement of the dilation of the complement), so a body cut by
/// the field of view keeps its cut faces.
/// </para>
/// <para>
/// The ball is split into runs along i, one per (dj, dk); each output row ORs, per run, whether the
/// source row has a foreground voxel within ±h, looked up in O(1) from a next-foreground table.
/// Cost O(n × runs), runs ≈ π r² / (sj sk); exact, since the ball uses the defining predicate.
/// </para>
/// </remarks>
public static class BinaryMorphology
{
    /// <summary>1 on every voxel within <paramref name="radiusMm"/> of a foreground voxel.</summary>
    /// <exception cref="ArgumentException">The grid is sheared (non-orthonormal direction cosines).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The radius is negative or not finite.</exception>
    public static Volume<byte> Dilate(Volume<byte> mask, double radiusMm)
    {
        Check(mask, radiusMm);
        var result = new Volume<byte>(mask.Geometry);
        DilateCore(mask.Voxels, mask.Geometry, radiusMm, invert: false, result.Voxels);
        return result;
    }

    /// <summary>1 on every foreground voxel all of whose in-grid voxels within <paramref name="radiusMm"/> are foreground.</summary>
    /// <exception cref="ArgumentException">The grid is sheared (non-orthonormal direction cosines).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The radius is negative or not finite.</exception>
    public static Volume<byte> Erode(Volume<byte> mask, double radiusMm)
    {
        Check(mask, radiusMm);
        var result = new Volume<byte>(mask.Geometry);
        ErodeCore(mask.Voxels, mask.Geometry, radiusMm, result.Voxels);
        return result;
    }

    /// <summary>Erosion then dilation: removes foreground detail thinner than the ball.</summary>
    /// <remarks>The intermediate erosion lives in a pooled buffer (<see cref="BufferPool.Current"/>).</remarks>
    public static Volume<byte> Open(Volume<byte> mask, double radiusMm)
    {
        Check(mask, radiusMm);
        var g = mask.Geometry;
        using var eroded = new PooledVolume<byte>(g, clear: true);
        ErodeCore(mask.Voxels, g, radiusMm, eroded.Array);
        var result = new Volume<byte>(g);
        DilateCore(eroded.Array, g, radiusMm, invert: false, result.Voxels);
        return result;
    }

    /// <summary>Dilation then erosion: closes gaps narrower than the ball.</summary>
    /// <remarks>The intermediate dilation lives in a pooled buffer (<see cref="BufferPool.Current"/>).</remarks>
    public static Volume<byte> Close(Volume<byte> mask, double radiusMm)
    {
        Check(mask, radiusMm);
        var g = mask.Geometry;
        using var dilated = new PooledVolume<byte>(g, clear: true);
        DilateCore(mask.Voxels, g, radiusMm, invert: false, dilated.Array);
        var result = new Volume<byte>(g);
        ErodeCore(dilated.Array, g, radiusMm, result.Voxels);
        return result;
    }

    /// <summary>
    /// Fills holes in 3D: background voxels not connected (through background, with <paramref name="backgroundConnectivity"/>)
    /// to a background voxel on the grid's border become foreground.
    /// </summary>
    public static Volume<byte> FillHoles(Volume<byte> mask, Connectivity backgroundConnectivity = Connectivity.Six)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var g = mask.Geometry;
        var outside = new byte[mask.Voxels.Length];
        var offsets = NeighbourOffsets.For(backgroundConnectivity);
        var queue = new Queue<int>();
        for (var k = 0; k < g.SizeK; k++)
        {
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (i == 0 || j == 0 || k == 0 || i == g.SizeI - 1 || j == g.SizeJ - 1 || k == g.SizeK - 1)
                    {
                        Seed(mask.Voxels, outside, queue, g.LinearIndex(i, j, k));
                    }
                }
            }
        }

        Flood(mask, outside, queue, offsets);
        return Invert(outside, mask);
    }

    /// <summary>
    /// Fills holes slice by slice in the i–j plane (axial for an axial series): background voxels not connected
    /// within their slice to the slice's border become foreground. In-plane connectivity is 4 for
    /// <see cref="Connectivity.Six"/> and 8 otherwise.
    /// </summary>
    public static Volume<byte> FillHolesPerSlice(Volume<byte> mask, Connectivity backgroundConnectivity = Connectivity.Six)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var g = mask.Geometry;
        var outside = new byte[mask.Voxels.Length];
        var offsets = NeighbourOffsets.For(backgroundConnectivity).Where(o => o.DK == 0).ToArray();
        Parallel.For(0, g.SizeK, k =>
        {
            var queue = new Queue<int>();
            for (var j = 0; j < g.SizeJ; j++)
            {
                for (var i = 0; i < g.SizeI; i++)
                {
                    if (i == 0 || j == 0 || i == g.SizeI - 1 || j == g.SizeJ - 1)
                    {
                        Seed(mask.Voxels, outside, queue, g.LinearIndex(i, j, k));
                    }
                }
            }

            Flood(mask, outside, queue, offsets);
        });
        return Invert(outside, mask);
    }

    private static void Seed(byte[] mask, byte[] outside, Queue<int> queue, int n)
    {
        if (mask[n] == 0 && outside[n] == 0)
        {
            outside[n] = 1;
            queue.Enqueue(n);
        }
    }

    private static void Flood(Volume<byte> mask, byte[] outside, Queue<int> queue, (int DI, int DJ, int DK)[] offsets)
    {
        var g = mask.Geometry;
        var m = mask.Voxels;
        while (queue.Count > 0)
        {
            var v = g.VoxelAt(queue.Dequeue());
            foreach (var (di, dj, dk) in offsets)
            {
                int i = v.I + di, j = v.J + dj, k = v.K + dk;
                if ((uint)i < (uint)g.SizeI && (uint)j < (uint)g.SizeJ && (uint)k < (uint)g.SizeK)
                {
                    Seed(m, outside, queue, g.LinearIndex(i, j, k));
                }
            }
        }
    }

    private static Volume<byte> Invert(byte[] outside, Volume<byte> mask)
    {
        for (var n = 0; n < outside.Length; n++)
        {
            outside[n] ^= 1;
        }

        return new Volume<byte>(mask.Geometry, outside);
    }

    private static void Check(Volume<byte> mask, double radiusMm)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (!double.IsFinite(radiusMm) || radiusMm < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(radiusMm), radiusMm, "A structuring-element radius must be a non-negative, finite number of millimetres.");
        }

        if (!mask.Geometry.IsOrthonormal)
        {
            throw new ArgumentException("Morphology in millimetres needs orthonormal direction cosines; resample a sheared (gantry-tilted) volume first.", nameof(mask));
        }
    }

    /// <summary>Erosion of <paramref name="src"/> into <paramref name="dst"/> (all zero on entry): the complement of the dilated background.</summary>
    private static void ErodeCore(byte[] src, VolumeGeometry g, double radiusMm, byte[] dst)
    {
        DilateCore(src, g, radiusMm, invert: true, dst);
        var count = (int)g.VoxelCount;
        for (var n = 0; n < count; n++)
        {
            dst[n] ^= 1;
        }
    }

    /// <summary>
    /// Sets to 1 the voxels of <paramref name="dst"/> (all zero on entry) within the radius of a foreground voxel
    /// of <paramref name="src"/> (of a background voxel with <paramref name="invert"/>). Both arrays may be
    /// longer than the grid (pooled).
    /// </summary>
    private static void DilateCore(byte[] src, VolumeGeometry g, double radiusMm, bool invert, byte[] dst)
    {
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK;
        var runs = EllipsoidRuns.Build(g, radiusMm);

        // next[n]: the smallest i' ≥ i in the same row with a foreground voxel, or nx; any[row]: the row has one.
        // Both are pooled temporaries.
        using var nextBuffer = new PooledArray<int>((int)g.VoxelCount);
        using var anyBuffer = new PooledArray<bool>(ny * nz);
        var next = nextBuffer.Array;
        var any = anyBuffer.Array;
        var fg = invert ? (byte)0 : (byte)1;
        Parallel.For(0, nz, k =>
        {
            for (var j = 0; j < ny; j++)
            {
                var row = g.LinearIndex(0, j, k);
                var nearest = nx;
                for (var i = nx - 1; i >= 0; i--)
                {
                    if ((src[row + i] != 0 ? (byte)1 : (byte)0) == fg)
                    {
                        nearest = i;
                    }

                    next[row + i] = nearest;
                }

                any[j + (ny * k)] = nearest < nx;
            }
        });

        Parallel.For(0, nz, k =>
        {
            for (var j = 0; j < ny; j++)
            {
                var outRow = g.LinearIndex(0, j, k);
                foreach (var (dj, dk, h) in runs)
                {
                    int sj = j + dj, sk = k + dk;
                    if ((uint)sj >= (uint)ny || (uint)sk >= (uint)nz || !any[sj + (ny * sk)])
                    {
                        continue;
                    }

                    var srcRow = g.LinearIndex(0, sj, sk);
                    for (var i = 0; i < nx; i++)
                    {
                        // next is nx for "none", so the window's right end is clamped to the row.
                        if (dst[outRow + i] == 0 && next[srcRow + Math.Max(0, i - h)] <= Math.Min(i + h, nx - 1))
                        {
                            dst[outRow + i] = 1;
                        }
                    }
                }
            }
        });
    }
}
