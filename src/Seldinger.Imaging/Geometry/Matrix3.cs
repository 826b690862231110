namespace Seldinger.Imaging.Geometry;

/// <summary>
/// A 3×3 matrix, used for the direction cosines of a volume: column <c>c</c> is the unit vector,
/// in patient space (LPS), along which index axis <c>c</c> increases.
/// Element <c>Mrc</c> is in row <c>r</c>, column <c>c</c>.
/// </summary>
/// <param name="M00">Row 0, column 0.</param>
/// <param name="M01">Row 0, column 1.</param>
/// <param name="M02">Row 0, column 2.</param>
/// <param name="M10">Row 1, column 0.</param>
/// <param name="M11">Row 1, column 1.</param>
/// <param name="M12">Row 1, column 2.</param>
/// <param name="M20">Row 2, column 0.</param>
/// <param name="M21">Row 2, column 1.</param>
/// <param name="M22">Row 2, column 2.</param>
public readonly record struct Matrix3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    /// <summary>The identity: index axes along +X, +Y, +Z (axial slices, feet to head).</summary>
    public static Matrix3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Builds a matrix from its three columns.</summary>
    public static Matrix3 FromColumns(Vector3D column0, Vector3D column1, Vector3D column2) => new(
        column0.X, column1.X, column2.X,
        column0.Y, column1.Y, column2.Y,
        column0.Z, column1.Z, column2.Z);

    /// <summary>
    /// The rotation by <paramref name="angleRadians"/> about <paramref name="axis"/> (right-handed; Rodrigues' formula).
    /// </summary>
    public static Matrix3 Rotation(Vector3D axis, double angleRadians)
    {
        var u = axis.Normalized;
        double c = Math.Cos(angleRadians), s = Math.Sin(angleRadians), t = 1 - c;
        return new Matrix3(
            (t * u.X * u.X) + c, (t * u.X * u.Y) - (s * u.Z), (t * u.X * u.Z) + (s * u.Y),
            (t * u.X * u.Y) + (s * u.Z), (t * u.Y * u.Y) + c, (t * u.Y * u.Z) - (s * u.X),
            (t * u.X * u.Z) - (s * u.Y), (t * u.Y * u.Z) + (s * u.X), (t * u.Z * u.Z) + c);
    }

    /// <summary>Column <paramref name="index"/> (0, 1 or 2).</summary>
    public Vector3D Column(int index) => index switch
    {
        0 => new Vector3D(M00, M10, M20),
        1 => new Vector3D(M01, M11, M21),
        2 => new Vector3D(M02, M12, M22),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A column index is 0, 1 or 2."),
    };

    /// <summary>Row <paramref name="index"/> (0, 1 or 2).</summary>
    public Vector3D Row(int index) => index switch
    {
        0 => new Vector3D(M00, M01, M02),
        1 => new Vector3D(M10, M11, M12),
        2 => new Vector3D(M20, M21, M22),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "A row index is 0, 1 or 2."),
    };

    /// <summary>The determinant.</summary>
    public double Determinant =>
        (M00 * ((M11 * M22) - (M12 * M21)))
        - (M01 * ((M10 * M22) - (M12 * M20)))
        + (M02 * ((M10 * M21) - (M11 * M20)));

    /// <summary>The transpose (the inverse when the matrix is orthonormal).</summary>
    public Matrix3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    /// <summary>The inverse, by the adjugate; works for any non-singular matrix, not only orthonormal ones.</summary>
    /// <exception cref="InvalidOperationException">The matrix is singular.</exception>
    public Matrix3 Inverse()
    {
        var det = Determinant;
        if (det == 0 || !double.IsFinite(det))
        {
            throw new InvalidOperationException("The matrix is singular and has no inverse.");
        }

        var inv = 1.0 / det;
        return new Matrix3(
            ((M11 * M22) - (M12 * M21)) * inv, ((M02 * M21) - (M01 * M22)) * inv, ((M01 * M12) - (M02 * M11)) * inv,
            ((M12 * M20) - (M10 * M22)) * inv, ((M00 * M22) - (M02 * M20)) * inv, ((M02 * M10) - (M00 * M12)) * inv,
            ((M10 * M21) - (M11 * M20)) * inv, ((M01 * M20) - (M00 * M21)) * inv, ((M00 * M11) - (M01 * M10)) * inv);
    }

    /// <summary>
    /// Whether the columns are unit length and mutually perpendicular within <paramref name="tolerance"/>.
    /// </summary>
    public bool IsOrthonormal(double tolerance = 1e-6)
    {
        var product = Transpose() * this;
        return Math.Abs(product.M00 - 1) <= tolerance && Math.Abs(product.M11 - 1) <= tolerance && Math.Abs(product.M22 - 1) <= tolerance
            && Math.Abs(product.M01) <= tolerance && Math.Abs(product.M02) <= tolerance && Math.Abs(product.M12) <= tolerance;
    }

    /// <summary>Matrix product.</summary>
    public static Matrix3 operator *(Matrix3 a, Matrix3 b) => new(
        (a.M00 * b.M00) + (a.M01 * b.M10) + (a.M02 * b.M20),
        (a.M00 * b.M01) + (a.M01 * b.M11) + (a.M02 * b.M21),
        (a.M00 * b.M02) + (a.M01 * b.M12) + (a.M02 * b.M22),
        (a.M10 * b.M00) + (a.M11 * b.M10) + (a.M12 * b.M20),
        (a.M10 * b.M01) + (a.M11 * b.M11) + (a.M12 * b.M21),
        (a.M10 * b.M02) + (a.M11 * b.M12) + (a.M12 * b.M22),
        (a.M20 * b.M00) + (a.M21 * b.M10) + (a.M22 * b.M20),
        (a.M20 * b.M01) + (a.M21 * b.M11) + (a.M22 * b.M21),
        (a.M20 * b.M02) + (a.M21 * b.M12) + (a.M22 * b.M22));

    /// <summary>Matrix–vector product.</summary>
    public static Vector3D operator *(Matrix3 m, Vector3D v) => new(
        (m.M00 * v.X) + (m.M01 * v.Y) + (m.M02 * v.Z),
        (m.M10 * v.X) + (m.M11 * v.Y) + (m.M12 * v.Z),
        (m.M20 * v.X) + (m.M21 * v.Y) + (m.M22 * v.Z));

    /// <summary>Matrix product (named alternative to the operator).</summary>
    public static Matrix3 Multiply(Matrix3 a, Matrix3 b) => a * b;

    /// <summary>Matrix–vector product (named alternative to the operator).</summary>
    public static Vector3D Multiply(Matrix3 m, Vector3D v) => m * v;

    /// <summary>The rows, e.g. <c>[[1, 0, 0], [0, 1, 0], [0, 0, 1]]</c>.</summary>
    public override string ToString() => FormattableString.Invariant(
        $"[[{M00:G6}, {M01:G6}, {M02:G6}], [{M10:G6}, {M11:G6}, {M12:G6}], [{M20:G6}, {M21:G6}, {M22:G6}]]");
}
