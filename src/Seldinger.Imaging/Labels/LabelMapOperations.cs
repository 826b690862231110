namespace Seldinger.Imaging.Labels;

/// <summary>Voxel-wise arithmetic on masks and label maps of the same grid.</summary>
public static class LabelMapOperations
{
    /// <summary>1 where either mask is non-zero.</summary>
    public static Volume<byte> Union(Volume<byte> a, Volume<byte> b) => Combine(a, b, static (x, y) => x != 0 || y != 0);

    /// <summary>1 where both masks are non-zero.</summary>
    public static Volume<byte> Intersection(Volume<byte> a, Volume<byte> b) => Combine(a, b, static (x, y) => x != 0 && y != 0);

    /// <summary>1 where <paramref name="a"/> is non-zero and <paramref name="b"/> is zero.</summary>
    public static Volume<byte> Difference(Volume<byte> a, Volume<byte> b) => Combine(a, b, static (x, y) => x != 0 && y == 0);

    /// <summary>1 where the mask is zero.</summary>
    public static Volume<byte> Complement(Volume<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var result = new Volume<byte>(mask.Geometry);
        var src = mask.Voxels;
        var dst = result.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            dst[n] = (byte)(src[n] == 0 ? 1 : 0);
        }

        return result;
    }

    /// <summary>Maps every label through <paramref name="mapping"/>; labels not in it keep their value.</summary>
    public static Volume<byte> Relabel(Volume<byte> labels, IReadOnlyDictionary<byte, byte> mapping)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(mapping);
        var table = new byte[256];
        for (var v = 0; v < 256; v++)
        {
            table[v] = mapping.TryGetValue((byte)v, out var to) ? to : (byte)v;
        }

        var result = new Volume<byte>(labels.Geometry);
        var src = labels.Voxels;
        var dst = result.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            dst[n] = table[src[n]];
        }

        return result;
    }

    /// <summary>1 where the label is one of <paramref name="labelSet"/>, 0 elsewhere.</summary>
    public static Volume<byte> MaskOf(Volume<byte> labels, IEnumerable<byte> labelSet)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(labelSet);
        var table = new bool[256];
        foreach (var l in labelSet)
        {
            table[l] = true;
        }

        var result = new Volume<byte>(labels.Geometry);
        var src = labels.Voxels;
        var dst = result.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            dst[n] = (byte)(table[src[n]] ? 1 : 0);
        }

        return result;
    }

    /// <summary>The labels of <paramref name="labels"/> where <paramref name="mask"/> is non-zero, 0 elsewhere.</summary>
    public static Volume<byte> ApplyMask(Volume<byte> labels, Volume<byte> mask)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(mask);
        CheckSameGrid(labels, mask);
        var result = new Volume<byte>(labels.Geometry);
        var src = labels.Voxels;
        var m = mask.Voxels;
        var dst = result.Voxels;
        for (var n = 0; n < src.Length; n++)
        {
            dst[n] = m[n] != 0 ? src[n] : (byte)0;
        }

        return result;
    }

    private static Volume<byte> Combine(Volume<byte> a, Volume<byte> b, Func<byte, byte, bool> op)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        CheckSameGrid(a, b);
        var result = new Volume<byte>(a.Geometry);
        var x = a.Voxels;
        var y = b.Voxels;
        var dst = result.Voxels;
        for (var n = 0; n < x.Length; n++)
        {
            dst[n] = (byte)(op(x[n], y[n]) ? 1 : 0);
        }

        return result;
    }

    private static void CheckSameGrid(Volume<byte> a, Volume<byte> b)
    {
        if (a.Geometry != b.Geometry)
        {
            throw new ArgumentException($"The volumes lie on different grids ({a.Geometry.SizeI}×{a.Geometry.SizeJ}×{a.Geometry.SizeK} and {b.Geometry.SizeI}×{b.Geometry.SizeJ}×{b.Geometry.SizeK}, or different origin, spacing or direction).", nameof(b));
        }
    }
}
