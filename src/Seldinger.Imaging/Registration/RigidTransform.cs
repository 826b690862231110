using System.Globalization;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Registration;

/// <summary>
/// A rigid transform of patient space (LPS mm): <c>y = R·x + t</c> with <c>R</c> a proper rotation.
/// A registration's transform maps a point of the fixed image to the same anatomy in the moving image.
/// </summary>
public readonly record struct RigidTransform
{
    /// <summary>Creates a transform from its rotation and translation.</summary>
    /// <exception cref="ArgumentException">The matrix is not a proper rotation (orthonormal, determinant +1) or the translation is not finite.</exception>
    public RigidTransform(Matrix3 rotation, Vector3D translation)
    {
        if (!rotation.IsOrthonormal(1e-6) || rotation.Determinant < 0)
        {
            throw new ArgumentException($"The matrix {rotation} is not a rotation (orthonormal with determinant +1).", nameof(rotation));
        }

        if (!double.IsFinite(translation.X) || !double.IsFinite(translation.Y) || !double.IsFinite(translation.Z))
        {
            throw new ArgumentException($"The translation {translation} is not finite.", nameof(translation));
        }

        Rotation = rotation;
        Translation = translation;
    }

    /// <summary>The identity transform.</summary>
    public static RigidTransform Identity => new(Matrix3.Identity, Vector3D.Zero);

    /// <summary>The rotation <c>R</c>.</summary>
    public Matrix3 Rotation { get; }

    /// <summary>The translation <c>t</c> (mm).</summary>
    public Vector3D Translation { get; }

    /// <summary>
    /// The rotation by Euler angles about <paramref name="centre"/> followed by a translation:
    /// <c>y = Rz·Ry·Rx·(x − c) + c + t</c> (angles in radians about the X, Y and Z axes of patient space).
    /// </summary>
    public static RigidTransform FromEulerAngles(WorldPoint centre, double angleX, double angleY, double angleZ, Vector3D translation)
    {
        var rotation = Matrix3.Rotation(Vector3D.UnitZ, angleZ) * Matrix3.Rotation(Vector3D.UnitY, angleY) * Matrix3.Rotation(Vector3D.UnitX, angleX);
        var c = centre.ToVector();
        return new RigidTransform(rotation, c + translation - (rotation * c));
    }

    /// <summary>Applies the transform to a point.</summary>
    public WorldPoint Apply(WorldPoint point)
    {
        var v = (Rotation * point.ToVector()) + Translation;
        return new WorldPoint(v.X, v.Y, v.Z);
    }

    /// <summary>Applies the rotation only (directions and offsets do not translate).</summary>
    public Vector3D Apply(Vector3D offset) => Rotation * offset;

    /// <summary>The inverse: <c>x = Rᵀ·y − Rᵀ·t</c>.</summary>
    public RigidTransform Inverse()
    {
        var inverse = Rotation.Transpose();
        return new RigidTransform(inverse, -(inverse * Translation));
    }

    /// <summary>The transform that applies <paramref name="first"/> and then this one.</summary>
    public RigidTransform After(RigidTransform first) => new(Orthonormalize(Rotation * first.Rotation), (Rotation * first.Translation) + Translation);

    /// <summary>The transform that applies <paramref name="first"/> and then <paramref name="second"/>.</summary>
    public static RigidTransform Compose(RigidTransform first, RigidTransform second) => second.After(first);

    /// <summary>The homogeneous 4×4 matrix, row by row (16 values; the last row is 0 0 0 1).</summary>
    public double[] ToMatrix4x4() =>
    [
        Rotation.M00, Rotation.M01, Rotation.M02, Translation.X,
        Rotation.M10, Rotation.M11, Rotation.M12, Translation.Y,
        Rotation.M20, Rotation.M21, Rotation.M22, Translation.Z,
        0, 0, 0, 1,
    ];

    /// <summary>Reads a homogeneous 4×4 matrix given row by row.</summary>
    /// <exception cref="ArgumentException">Not 16 values, a last row other than 0 0 0 1, or an upper-left block that is not a rotation.</exception>
    public static RigidTransform FromMatrix4x4(ReadOnlySpan<double> rowMajor)
    {
        if (rowMajor.Length != 16)
        {
            throw new ArgumentException($"A 4×4 matrix has 16 values, not {rowMajor.Length}.", nameof(rowMajor));
        }

        if (Math.Abs(rowMajor[12]) > 1e-9 || Math.Abs(rowMajor[13]) > 1e-9 || Math.Abs(rowMajor[14]) > 1e-9 || Math.Abs(rowMajor[15] - 1) > 1e-9)
        {
            throw new ArgumentException("The last row of a rigid 4×4 matrix must be 0 0 0 1.", nameof(rowMajor));
        }

        var rotation = new Matrix3(rowMajor[0], rowMajor[1], rowMajor[2], rowMajor[4], rowMajor[5], rowMajor[6], rowMajor[8], rowMajor[9], rowMajor[10]);
        return new RigidTransform(rotation, new Vector3D(rowMajor[3], rowMajor[7], rowMajor[11]));
    }

    /// <summary>The rotation angle (radians, 0 to π) of <c>R</c>, whatever its axis.</summary>
    public double RotationAngle => Math.Acos(Math.Clamp((Rotation.M00 + Rotation.M11 + Rotation.M22 - 1) / 2, -1, 1));

    /// <summary>RMS and largest distance (mm) between where this transform and <paramref name="other"/> send each point (e.g. a target registration error).</summary>
    /// <exception cref="ArgumentException">No points.</exception>
    public TransformDifference DifferenceAt(RigidTransform other, IReadOnlyCollection<WorldPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("Comparing transforms needs at least one point.", nameof(points));
        }

        double sum = 0, max = 0;
        foreach (var p in points)
        {
            var d = Apply(p).DistanceTo(other.Apply(p));
            sum += d * d;
            max = Math.Max(max, d);
        }

        return new TransformDifference(Math.Sqrt(sum / points.Count), max);
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"rotation {RotationAngle * 180 / Math.PI:0.###}° translation {Translation}");

    // Products of rotations drift from orthonormality in the last bits; Gram–Schmidt keeps the type's invariant.
    private static Matrix3 Orthonormalize(Matrix3 m)
    {
        var c0 = m.Column(0).Normalized;
        var c1 = (m.Column(1) - (c0 * c0.Dot(m.Column(1)))).Normalized;
        return Matrix3.FromColumns(c0, c1, c0.Cross(c1));
    }
}
