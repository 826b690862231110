namespace Seldinger.Imaging.Geometry;

/// <summary>
/// Where a voxel grid sits in patient space: size, origin, spacing and direction cosines.
/// </summary>
/// <remarks>
/// The mapping is the DICOM one (PS3.3 C.7.6.2.1.1):
/// <c>world = Origin + Direction · diag(SpacingI, SpacingJ, SpacingK) · index</c>,
/// where <see cref="Origin"/> is the centre of voxel (0, 0, 0) and column <c>c</c> of
/// <see cref="Direction"/> is the unit vector along index axis <c>c</c>.
/// The inverse uses the exact inverse of that matrix, so oblique and even non-orthogonal
/// (gantry-tilted) grids round-trip to rounding error.
/// </remarks>
public sealed record VolumeGeometry
{
    private readonly Matrix3 _indexToWorld;
    private readonly Matrix3 _worldToIndex;

    /// <summary>Creates a grid with identity direction (axial slices, index axes along +X, +Y, +Z).</summary>
    public VolumeGeometry(int sizeI, int sizeJ, int sizeK, WorldPoint origin, double spacingI, double spacingJ, double spacingK)
        : this(sizeI, sizeJ, sizeK, origin, spacingI, spacingJ, spacingK, Matrix3.Identity)
    {
    }

    /// <summary>Creates a grid.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive, the voxel count exceeds what an array holds, or a spacing is not a positive finite number.</exception>
    /// <exception cref="ArgumentException">The direction matrix is singular or not finite.</exception>
    public VolumeGeometry(int sizeI, int sizeJ, int sizeK, WorldPoint origin, double spacingI, double spacingJ, double spacingK, Matrix3 direction)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeI);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeJ);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeK);
        var count = (long)sizeI * sizeJ * sizeK;
        if (count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeK), $"A grid of {sizeI}×{sizeJ}×{sizeK} = {count} voxels is larger than one array can hold ({Array.MaxLength}).");
        }

        CheckSpacing(spacingI, nameof(spacingI));
        CheckSpacing(spacingJ, nameof(spacingJ));
        CheckSpacing(spacingK, nameof(spacingK));
        if (!double.IsFinite(origin.X) || !double.IsFinite(origin.Y) || !double.IsFinite(origin.Z))
        {
            throw new ArgumentException($"The origin {origin} is not finite.", nameof(origin));
        }

        var det = direction.Determinant;
        if (!double.IsFinite(det) || Math.Abs(det) < 1e-12)
        {
            throw new ArgumentException($"The direction matrix {direction} is singular; its columns must be independent unit vectors.", nameof(direction));
        }

        SizeI = sizeI;
        SizeJ = sizeJ;
        SizeK = sizeK;
        Origin = origin;
        SpacingI = spacingI;
        SpacingJ = spacingJ;
        SpacingK = spacingK;
        Direction = direction;
        _indexToWorld = direction * new Matrix3(spacingI, 0, 0, 0, spacingJ, 0, 0, 0, spacingK);
        _worldToIndex = _indexToWorld.Inverse();
    }

    /// <summary>Number of voxels along the first (fastest) axis.</summary>
    public int SizeI { get; }

    /// <summary>Number of voxels along the second axis.</summary>
    public int SizeJ { get; }

    /// <summary>Number of voxels along the third (slowest, slice) axis.</summary>
    public int SizeK { get; }

    /// <summary>Centre of voxel (0, 0, 0), in patient space (mm).</summary>
    public WorldPoint Origin { get; }

    /// <summary>Distance between voxel centres along the first axis, mm.</summary>
    public double SpacingI { get; }

    /// <summary>Distance between voxel centres along the second axis, mm.</summary>
    public double SpacingJ { get; }

    /// <summary>Distance between voxel centres along the third axis, mm.</summary>
    public double SpacingK { get; }

    /// <summary>Direction cosines: column <c>c</c> is the unit vector of index axis <c>c</c> in LPS.</summary>
    public Matrix3 Direction { get; }

    /// <summary>Total number of voxels.</summary>
    public long VoxelCount => (long)SizeI * SizeJ * SizeK;

    /// <summary>The smallest of the three spacings, mm.</summary>
    public double MinimumSpacing => Math.Min(SpacingI, Math.Min(SpacingJ, SpacingK));

    /// <summary>Half the diagonal of one voxel, mm: the farthest a point inside a voxel lies from its centre.</summary>
    public double VoxelHalfDiagonal => 0.5 * Math.Sqrt((SpacingI * SpacingI) + (SpacingJ * SpacingJ) + (SpacingK * SpacingK));

    /// <summary>Whether the direction cosines are orthonormal (no shear), within 1e-6.</summary>
    public bool IsOrthonormal => Direction.IsOrthonormal();

    /// <summary>The matrix <c>Direction · diag(spacing)</c> taking index offsets to world offsets.</summary>
    public Matrix3 IndexToWorldMatrix => _indexToWorld;

    /// <summary>Patient-space position of a (possibly fractional) index.</summary>
    public WorldPoint IndexToWorld(ContinuousIndex index) =>
        Origin + (_indexToWorld * new Vector3D(index.I, index.J, index.K));

    /// <summary>Patient-space position of a voxel centre.</summary>
    public WorldPoint IndexToWorld(VoxelIndex index) => IndexToWorld(index.ToContinuous());

    /// <summary>Continuous index of a patient-space position (integers are voxel centres).</summary>
    public ContinuousIndex WorldToIndex(WorldPoint point)
    {
        var v = _worldToIndex * (point - Origin);
        return new ContinuousIndex(v.X, v.Y, v.Z);
    }

    /// <summary>Whether the index addresses a voxel of this grid.</summary>
    public bool Contains(VoxelIndex index) =>
        (uint)index.I < (uint)SizeI && (uint)index.J < (uint)SizeJ && (uint)index.K < (uint)SizeK;

    /// <summary>Whether the position lies inside the extent of the grid's voxels (each voxel reaches half a spacing beyond its centre).</summary>
    public bool Contains(ContinuousIndex index) =>
        index.I >= -0.5 && index.I < SizeI - 0.5
        && index.J >= -0.5 && index.J < SizeJ - 0.5
        && index.K >= -0.5 && index.K < SizeK - 0.5;

    /// <summary>The voxel containing a patient-space position, if any.</summary>
    public bool TryGetVoxel(WorldPoint point, out VoxelIndex voxel)
    {
        var index = WorldToIndex(point);
        if (!Contains(index))
        {
            voxel = default;
            return false;
        }

        voxel = index.Round();
        return Contains(voxel);
    }

    /// <summary>Offset of voxel (i, j, k) in a voxel array (i fastest): <c>i + SizeI·(j + SizeJ·k)</c>. No bounds check.</summary>
    public int LinearIndex(int i, int j, int k) => i + (SizeI * (j + (SizeJ * k)));

    /// <summary>Offset of a voxel in a voxel array (i fastest). No bounds check.</summary>
    public int LinearIndex(VoxelIndex index) => LinearIndex(index.I, index.J, index.K);

    /// <summary>The voxel at an array offset (the inverse of <see cref="LinearIndex(int, int, int)"/>).</summary>
    public VoxelIndex VoxelAt(int linearIndex)
    {
        var plane = SizeI * SizeJ;
        var k = linearIndex / plane;
        var rest = linearIndex - (k * plane);
        var j = rest / SizeI;
        return new VoxelIndex(rest - (j * SizeI), j, k);
    }

    private static void CheckSpacing(double spacing, string name)
    {
        if (!double.IsFinite(spacing) || spacing <= 0)
        {
            throw new ArgumentOutOfRangeException(name, spacing, "A voxel spacing must be a positive, finite number of millimetres.");
        }
    }
}
