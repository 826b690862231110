using Seldinger.Imaging;

namespace Seldinger.Planning.Internal;

/// <summary>
/// Which labels occur in each 8×8×8 block of a label volume, for skipping along a needle path.
/// </summary>
/// <remarks>
/// The block grid has one extra layer of blocks on every side; those blocks, and blocks that reach
/// past the volume's edge, hold label 0 (a point outside the grid reads as background). For a set of
/// forbidden labels, <see cref="Clearance"/> gives each block the chessboard distance, in blocks, to
/// the nearest block holding a forbidden label: every voxel whose block lies closer than that is allowed.
/// </remarks>
internal sealed class LabelBlocks
{
    /// <summary>Block edge, voxels (a power of two).</summary>
    public const int Shift = 3;

    /// <summary>Block edge, voxels.</summary>
    public const int Size = 1 << Shift;

    private readonly ulong[] _present;

    public LabelBlocks(Volume<byte> labels)
    {
        var g = labels.Geometry;
        int nx = g.SizeI, ny = g.SizeJ, nz = g.SizeK, plane = nx * ny;
        BlocksI = ((nx + Size - 1) >> Shift) + 2;
        BlocksJ = ((ny + Size - 1) >> Shift) + 2;
        BlocksK = ((nz + Size - 1) >> Shift) + 2;
        var present = new ulong[BlocksI * BlocksJ * BlocksK * 4];
        var voxels = labels.Voxels;
        int bi = BlocksI, bj = BlocksJ;
        Parallel.For(0, BlocksK, kb =>
        {
            // Each thread owns one layer of blocks, so the writes never collide.
            for (var jb = 0; jb < bj; jb++)
            {
                for (var ib = 0; ib < bi; ib++)
                {
                    int i0 = (ib - 1) << Shift, j0 = (jb - 1) << Shift, k0 = (kb - 1) << Shift;
                    var b = (ib + (bi * (jb + (bj * kb)))) * 4;
                    if (ib == 0 || jb == 0 || kb == 0 || i0 + Size > nx || j0 + Size > ny || k0 + Size > nz)
                    {
                        present[b] |= 1; // padding, or a block reaching past the edge: label 0 outside
                    }

                    if (i0 < 0 || j0 < 0 || k0 < 0 || i0 >= nx || j0 >= ny || k0 >= nz)
                    {
                        continue;
                    }

                    int i1 = Math.Min(i0 + Size, nx), j1 = Math.Min(j0 + Size, ny), k1 = Math.Min(k0 + Size, nz);
                    ulong w0 = 0, w1 = 0, w2 = 0, w3 = 0;
                    for (var k = k0; k < k1; k++)
                    {
                        for (var j = j0; j < j1; j++)
                        {
                            var row = voxels.AsSpan((k * plane) + (j * nx) + i0, i1 - i0);
                            var previous = -1;
                            foreach (var label in row)
                            {
                                if (label == previous)
                                {
                                    continue;
                                }

                                previous = label;
                                var bit = 1UL << (label & 63);
                                switch (label >> 6)
                                {
                                    case 0: w0 |= bit; break;
                                    case 1: w1 |= bit; break;
                                    case 2: w2 |= bit; break;
                                    default: w3 |= bit; break;
                                }
                            }
                        }
                    }

                    present[b] |= w0;
                    present[b + 1] |= w1;
                    present[b + 2] |= w2;
                    present[b + 3] |= w3;
                }
            }
        });
        _present = present;
    }

    /// <summary>Blocks along i, padding included.</summary>
    public int BlocksI { get; }

    /// <summary>Blocks along j, padding included.</summary>
    public int BlocksJ { get; }

    /// <summary>Blocks along k, padding included.</summary>
    public int BlocksK { get; }

    /// <summary>
    /// Per block (padded grid, i fastest): the chessboard distance in blocks to the nearest block holding
    /// a label whose <paramref name="allowed"/> entry is false, capped at 255 (0 = this block holds one).
    /// </summary>
    public byte[] Clearance(bool[] allowed)
    {
        ulong f0 = 0, f1 = 0, f2 = 0, f3 = 0;
        for (var label = 0; label < 256; label++)
        {
            if (!allowed[label])
            {
                var bit = 1UL << (label & 63);
                switch (label >> 6)
                {
                    case 0: f0 |= bit; break;
                    case 1: f1 |= bit; break;
                    case 2: f2 |= bit; break;
                    default: f3 |= bit; break;
                }
            }
        }

        int bi = BlocksI, bj = BlocksJ, bk = BlocksK;
        var d = new byte[bi * bj * bk];
        for (var b = 0; b < d.Length; b++)
        {
            var p = b * 4;
            var forbidden = ((_present[p] & f0) | (_present[p + 1] & f1) | (_present[p + 2] & f2) | (_present[p + 3] & f3)) != 0;
            d[b] = forbidden ? (byte)0 : byte.MaxValue;
        }

        // Two raster passes with the 26-neighbourhood and unit steps give the exact chessboard distance.
        for (var k = 0; k < bk; k++)
        {
            for (var j = 0; j < bj; j++)
            {
                for (var i = 0; i < bi; i++)
                {
                    var n = i + (bi * (j + (bj * k)));
                    int best = d[n];
                    for (var dk = -1; dk <= 0 && best > 0; dk++)
                    {
                        for (var dj = -1; dj <= 1; dj++)
                        {
                            for (var di = -1; di <= 1; di++)
                            {
                                if ((dk == 0 && (dj > 0 || (dj == 0 && di >= 0))) || !Inside(i + di, j + dj, k + dk))
                                {
                                    continue;
                                }

                                best = Math.Min(best, d[n + di + (bi * (dj + (bj * dk)))] + 1);
                            }
                        }
                    }

                    d[n] = (byte)best;
                }
            }
        }

        for (var k = bk - 1; k >= 0; k--)
        {
            for (var j = bj - 1; j >= 0; j--)
            {
                for (var i = bi - 1; i >= 0; i--)
                {
                    var n = i + (bi * (j + (bj * k)));
                    int best = d[n];
                    for (var dk = 0; dk <= 1 && best > 0; dk++)
                    {
                        for (var dj = -1; dj <= 1; dj++)
                        {
                            for (var di = -1; di <= 1; di++)
                            {
                                if ((dk == 0 && (dj < 0 || (dj == 0 && di <= 0))) || !Inside(i + di, j + dj, k + dk))
                                {
                                    continue;
                                }

                                best = Math.Min(best, d[n + di + (bi * (dj + (bj * dk)))] + 1);
                            }
                        }
                    }

                    d[n] = (byte)best;
                }
            }
        }

        return d;

        bool Inside(int i, int j, int k) => (uint)i < (uint)bi && (uint)j < (uint)bj && (uint)k < (uint)bk;
    }
}
