namespace Seldinger.Imaging.Reslicing;

/// <summary>
/// A fractional position in a resliced image: <see cref="X"/> is the column (left to right),
/// <see cref="Y"/> the row (top to bottom); integers are pixel centres.
/// </summary>
/// <param name="X">Column, 0 at the centre of the leftmost pixel.</param>
/// <param name="Y">Row, 0 at the centre of the top pixel.</param>
public readonly record struct PixelPoint(double X, double Y)
{
    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"px ({X:G6}, {Y:G6})");
}
