namespace Seldinger.Imaging.Geometry;

/// <summary>
/// A displacement in patient space (LPS), in millimetres: the difference of two <see cref="WorldPoint"/>s.
/// </summary>
/// <param name="X">Component along +X (towards the patient's left), mm.</param>
/// <param name="Y">Component along +Y (towards the patient's posterior), mm.</param>
/// <param name="Z">Component along +Z (towards the patient's head), mm.</param>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    /// <summary>The zero vector.</summary>
    public static Vector3D Zero => default;

    /// <summary>Unit vector along +X (patient left).</summary>
    public static Vector3D UnitX => new(1, 0, 0);

    /// <summary>Unit vector along +Y (patient posterior).</summary>
    public static Vector3D UnitY => new(0, 1, 0);

    /// <summary>Unit vector along +Z (patient superior).</summary>
    public static Vector3D UnitZ => new(0, 0, 1);

    /// <summary>Euclidean length, mm.</summary>
    public double Length => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    /// <summary>Squared Euclidean length, mm².</summary>
    public double LengthSquared => (X * X) + (Y * Y) + (Z * Z);

    /// <summary>This vector scaled to unit length.</summary>
    /// <exception cref="InvalidOperationException">The vector has zero length.</exception>
    public Vector3D Normalized
    {
        get
        {
            var length = Length;
            if (length == 0 || !double.IsFinite(length))
            {
                throw new InvalidOperationException("Cannot normalize a zero-length or non-finite vector.");
            }

            return new Vector3D(X / length, Y / length, Z / length);
        }
    }

    /// <summary>Dot product.</summary>
    public double Dot(Vector3D other) => (X * other.X) + (Y * other.Y) + (Z * other.Z);

    /// <summary>Cross product (right-handed).</summary>
    public Vector3D Cross(Vector3D other) => new(
        (Y * other.Z) - (Z * other.Y),
        (Z * other.X) - (X * other.Z),
        (X * other.Y) - (Y * other.X));

    /// <summary>Adds two vectors.</summary>
    public static Vector3D operator +(Vector3D left, Vector3D right) => new(left.X + right.X, left.Y + right.Y, left.Z + right.Z);

    /// <summary>Subtracts two vectors.</summary>
    public static Vector3D operator -(Vector3D left, Vector3D right) => new(left.X - right.X, left.Y - right.Y, left.Z - right.Z);

    /// <summary>Negates a vector.</summary>
    public static Vector3D operator -(Vector3D value) => new(-value.X, -value.Y, -value.Z);

    /// <summary>Scales a vector.</summary>
    public static Vector3D operator *(Vector3D vector, double scale) => new(vector.X * scale, vector.Y * scale, vector.Z * scale);

    /// <summary>Scales a vector.</summary>
    public static Vector3D operator *(double scale, Vector3D vector) => new(vector.X * scale, vector.Y * scale, vector.Z * scale);

    /// <summary>Divides a vector by a scalar.</summary>
    public static Vector3D operator /(Vector3D vector, double divisor) => new(vector.X / divisor, vector.Y / divisor, vector.Z / divisor);

    /// <summary>Adds two vectors (named alternative to the operator).</summary>
    public static Vector3D Add(Vector3D left, Vector3D right) => left + right;

    /// <summary>Subtracts two vectors (named alternative to the operator).</summary>
    public static Vector3D Subtract(Vector3D left, Vector3D right) => left - right;

    /// <summary>Negates a vector (named alternative to the operator).</summary>
    public static Vector3D Negate(Vector3D value) => -value;

    /// <summary>Scales a vector (named alternative to the operator).</summary>
    public static Vector3D Multiply(Vector3D vector, double scale) => vector * scale;

    /// <summary>Divides a vector by a scalar (named alternative to the operator).</summary>
    public static Vector3D Divide(Vector3D vector, double divisor) => vector / divisor;

    /// <summary>The components in millimetres, e.g. <c>(1.5, -2, 0) mm</c>.</summary>
    public override string ToString() => FormattableString.Invariant($"({X:G6}, {Y:G6}, {Z:G6}) mm");
}
