using System.Globalization;

namespace Seldinger.Imaging.Meshes;

/// <summary>Writes a mesh as Wavefront OBJ text with vertex normals (<c>v</c>, <c>vn</c> and <c>f v//vn</c> lines).</summary>
/// <remarks>Numbers use the invariant culture and round-trip exactly; coordinates are LPS millimetres.</remarks>
public static class ObjWriter
{
    /// <summary>Writes <paramref name="mesh"/> to <paramref name="writer"/>.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <param name="writer">The text target.</param>
    /// <param name="objectName">The name of the <c>o</c> line, or null for none.</param>
    public static void Write(TriangleMesh mesh, TextWriter writer, string? objectName = null)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(writer);
        var c = CultureInfo.InvariantCulture;
        writer.Write("# Seldinger surface, LPS mm\n");
        if (!string.IsNullOrWhiteSpace(objectName))
        {
            writer.Write(string.Create(c, $"o {objectName.ReplaceLineEndings(" ")}\n"));
        }

        foreach (var p in mesh.Positions)
        {
            writer.Write(string.Create(c, $"v {p.X:R} {p.Y:R} {p.Z:R}\n"));
        }

        foreach (var n in mesh.Normals)
        {
            writer.Write(string.Create(c, $"vn {n.X:R} {n.Y:R} {n.Z:R}\n"));
        }

        var indices = mesh.Indices;
        for (var t = 0; t < indices.Length; t += 3)
        {
            int a = indices[t] + 1, b = indices[t + 1] + 1, d = indices[t + 2] + 1;
            writer.Write(string.Create(c, $"f {a}//{a} {b}//{b} {d}//{d}\n"));
        }
    }
}
