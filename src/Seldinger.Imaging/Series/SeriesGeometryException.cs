namespace Seldinger.Imaging.Series;

/// <summary>
/// A set of slices that cannot form one volume without guessing (mixed series, orientations or
/// sizes, duplicated or missing positions, uneven spacing, gantry tilt). The message says which.
/// </summary>
public sealed class SeriesGeometryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SeriesGeometryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SeriesGeometryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SeriesGeometryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
