using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Seldinger.Imaging;

namespace Seldinger.Server.Services;

/// <summary>
/// SHA-256 of a label map: its geometry (sizes, origin, spacing, direction, written as round-trip
/// decimal text) and then its voxels. Stored with a plan so that a re-run can tell the labels changed.
/// </summary>
public static class LabelMapDigest
{
    /// <summary>The digest as lower-case hex.</summary>
    public static string Compute(Volume<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var g = labels.Geometry;
        var d = g.Direction;
        var header = string.Join(' ', new[]
        {
            g.SizeI, g.SizeJ, g.SizeK,
        }.Select(v => v.ToString(CultureInfo.InvariantCulture)).Concat(new[]
        {
            g.Origin.X, g.Origin.Y, g.Origin.Z, g.SpacingI, g.SpacingJ, g.SpacingK,
            d.M00, d.M01, d.M02, d.M10, d.M11, d.M12, d.M20, d.M21, d.M22,
        }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(header + "\n"));
        hash.AppendData(labels.Voxels);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
