using System.Text.Json;
using Seldinger.Imaging.Geometry;

namespace Seldinger.Storage;

/// <summary>
/// The geometry of a stored series as kept in <see cref="Entities.ImageSeries.GeometryJson"/>:
/// origin (centre of voxel 0,0,0, LPS mm), spacing (i, j, k mm) and direction (row-major 3×3,
/// column c = unit vector of index axis c).
/// </summary>
public sealed record SeriesGeometryJson(double[] Origin, double[] Spacing, double[] Direction)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Takes the geometry of a volume.</summary>
    public static SeriesGeometryJson From(VolumeGeometry g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var d = new double[9];
        for (var c = 0; c < 3; c++)
        {
            var column = g.Direction.Column(c);
            (d[c], d[3 + c], d[6 + c]) = (column.X, column.Y, column.Z);
        }

        return new SeriesGeometryJson([g.Origin.X, g.Origin.Y, g.Origin.Z], [g.SpacingI, g.SpacingJ, g.SpacingK], d);
    }

    /// <summary>Parses the stored JSON; throws <see cref="FormatException"/> when it is incomplete.</summary>
    public static SeriesGeometryJson Parse(string json)
    {
        var g = JsonSerializer.Deserialize<SeriesGeometryJson>(json, Options);
        if (g?.Origin is not { Length: 3 } || g.Spacing is not { Length: 3 } || g.Direction is not { Length: 9 })
        {
            throw new FormatException("Stored series geometry is incomplete.");
        }

        return g;
    }

    /// <summary>Serialises to the stored form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);
}
