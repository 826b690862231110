using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Planning.Ablation.Internal;

/// <summary>
/// A chart zone placed on a probe: an ellipsoid of revolution about the shaft, its centre
/// <c>LengthMm / 2 − DistalExtentBeyondTipMm</c> behind the tip. A voxel belongs to the zone when its centre does.
/// </summary>
internal readonly struct TableEllipsoid
{
    private readonly double _inverseA2;
    private readonly double _inverseB2;

    public TableEllipsoid(WorldPoint tip, Vector3D axis, AblationZoneShape shape)
    {
        Axis = axis;
        SemiLength = shape.LengthMm / 2;
        SemiDiameter = shape.DiameterMm / 2;
        Centre = tip - (axis * (SemiLength - shape.DistalExtentBeyondTipMm));
        _inverseA2 = 1 / (SemiLength * SemiLength);
        _inverseB2 = 1 / (SemiDiameter * SemiDiameter);
    }

    /// <summary>Centre of the ellipsoid (mm, LPS).</summary>
    public WorldPoint Centre { get; }

    /// <summary>Unit vector along the shaft, entry towards tip.</summary>
    public Vector3D Axis { get; }

    /// <summary>Half the zone length (mm).</summary>
    public double SemiLength { get; }

    /// <summary>Half the zone diameter (mm).</summary>
    public double SemiDiameter { get; }

    /// <summary>1 / SemiLength².</summary>
    public double InverseA2 => _inverseA2;

    /// <summary>1 / SemiDiameter².</summary>
    public double InverseB2 => _inverseB2;

    /// <summary>Ellipsoid volume (mm³).</summary>
    public double VolumeMm3 => 4.0 / 3.0 * Math.PI * SemiLength * SemiDiameter * SemiDiameter;

    /// <summary>Whether a point lies inside or on the ellipsoid.</summary>
    public bool Contains(WorldPoint point)
    {
        var v = point - Centre;
        var along = v.Dot(Axis);
        var across2 = Math.Max(0, v.LengthSquared - (along * along));
        return (along * along * _inverseA2) + (across2 * _inverseB2) <= 1;
    }

    /// <summary>Half-extents of the ellipsoid's world-aligned bounding box (mm).</summary>
    public Vector3D HalfExtents
    {
        get
        {
            double a2 = SemiLength * SemiLength, b2 = SemiDiameter * SemiDiameter;
            double E(double u) => Math.Sqrt((a2 * u * u) + (b2 * (1 - (u * u))));
            return new Vector3D(E(Axis.X), E(Axis.Y), E(Axis.Z));
        }
    }

    /// <summary>The voxel-index box that holds every voxel centre of the ellipsoid, clamped to the grid; false when it misses the grid.</summary>
    public bool TryIndexBox(VolumeGeometry geometry, out VoxelIndex lo, out VoxelIndex hi)
    {
        var h = HalfExtents;
        double minI = double.PositiveInfinity, minJ = double.PositiveInfinity, minK = double.PositiveInfinity;
        double maxI = double.NegativeInfinity, maxJ = double.NegativeInfinity, maxK = double.NegativeInfinity;
        for (var corner = 0; corner < 8; corner++)
        {
            var p = new WorldPoint(
                Centre.X + ((corner & 1) == 0 ? -h.X : h.X),
                Centre.Y + ((corner & 2) == 0 ? -h.Y : h.Y),
                Centre.Z + ((corner & 4) == 0 ? -h.Z : h.Z));
            var c = geometry.WorldToIndex(p);
            minI = Math.Min(minI, c.I);
            minJ = Math.Min(minJ, c.J);
            minK = Math.Min(minK, c.K);
            maxI = Math.Max(maxI, c.I);
            maxJ = Math.Max(maxJ, c.J);
            maxK = Math.Max(maxK, c.K);
        }

        lo = new VoxelIndex(
            Math.Max(0, (int)Math.Floor(minI)),
            Math.Max(0, (int)Math.Floor(minJ)),
            Math.Max(0, (int)Math.Floor(minK)));
        hi = new VoxelIndex(
            (int)Math.Min(geometry.SizeI - 1, Math.Ceiling(maxI)),
            (int)Math.Min(geometry.SizeJ - 1, Math.Ceiling(maxJ)),
            (int)Math.Min(geometry.SizeK - 1, Math.Ceiling(maxK)));
        return lo.I <= hi.I && lo.J <= hi.J && lo.K <= hi.K;
    }

    /// <summary>
    /// The voxels of row (<paramref name="j"/>, <paramref name="k"/>) between <paramref name="lo"/> and <paramref name="hi"/>
    /// that may have their centre inside: the interval where the ellipsoid's quadratic along the row is ≤ 1, widened by
    /// one voxel each side so that rounding never drops a voxel (callers still test each centre with <see cref="Contains"/>).
    /// </summary>
    public bool RowRange(VolumeGeometry geometry, int j, int k, int lo, int hi, out int first, out int last)
    {
        var p0 = geometry.IndexToWorld(new VoxelIndex(0, j, k));
        var d = geometry.IndexToWorld(new VoxelIndex(1, j, k)) - p0;
        var v0 = p0 - Centre;

        // Q(t) = (1/a² − 1/b²)·((v0 + t·d)·u)² + |v0 + t·d|²/b², with v0 the row start relative to the centre.
        var c = _inverseA2 - _inverseB2;
        double du = d.Dot(Axis), vu = v0.Dot(Axis);
        var qa = (c * du * du) + (_inverseB2 * d.LengthSquared);
        var qb = 2 * ((c * du * vu) + (_inverseB2 * v0.Dot(d)));
        var qc = (c * vu * vu) + (_inverseB2 * v0.LengthSquared) - 1;
        var disc = (qb * qb) - (4 * qa * qc);
        double t0, t1;
        if (disc >= 0)
        {
            var root = Math.Sqrt(disc);
            t0 = (-qb - root) / (2 * qa);
            t1 = (-qb + root) / (2 * qa);
        }
        else
        {
            t0 = t1 = -qb / (2 * qa);
            if (qc + (qb * t0) + (qa * t0 * t0) > 1e-6)
            {
                first = last = 0;
                return false;
            }
        }

        first = (int)Math.Max(lo, Math.Floor(t0) - 1);
        last = (int)Math.Min(hi, Math.Ceiling(t1) + 1);
        return first <= last;
    }

    /// <summary>Sets to 1 every voxel of <paramref name="mask"/> whose centre lies inside, touching only the bounding box.</summary>
    public void Rasterize(Volume<byte> mask, CancellationToken cancellationToken)
    {
        var g = mask.Geometry;
        if (!TryIndexBox(g, out var lo, out var hi))
        {
            return;
        }

        var voxels = mask.Voxels;
        for (var k = lo.K; k <= hi.K; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var j = lo.J; j <= hi.J; j++)
            {
                if (!RowRange(g, j, k, lo.I, hi.I, out var first, out var last))
                {
                    continue;
                }

                for (var i = first; i <= last; i++)
                {
                    if (Contains(g.IndexToWorld(new VoxelIndex(i, j, k))))
                    {
                        voxels[g.LinearIndex(i, j, k)] = 1;
                    }
                }
            }
        }
    }
}
