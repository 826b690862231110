using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Seldinger.Imaging.Meshes;

/// <summary>Writes a mesh as binary STL: an 80-byte header, the triangle count, then 50 bytes per triangle.</summary>
/// <remarks>Coordinates are written as they are, LPS millimetres; STL carries no units.</remarks>
public static class StlWriter
{
    private const int HeaderLength = 80;
    private const int TriangleLength = 50;

    /// <summary>Writes <paramref name="mesh"/> to <paramref name="stream"/>.</summary>
    /// <param name="mesh">The mesh.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="header">ASCII text for the header (at most 80 bytes, must not start with "solid", which marks ASCII STL).</param>
    /// <exception cref="ArgumentException">The header is too long, not ASCII, or starts with "solid".</exception>
    public static void Write(TriangleMesh mesh, Stream stream, string header = "Seldinger surface, LPS mm")
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(header);
        if (header.Length > HeaderLength || !Ascii.IsValid(header) || header.StartsWith("solid", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("A binary STL header is at most 80 ASCII characters and must not start with \"solid\".", nameof(header));
        }

        Span<byte> head = stackalloc byte[HeaderLength + 4];
        head.Clear();
        Encoding.ASCII.GetBytes(header, head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[HeaderLength..], (uint)mesh.TriangleCount);
        stream.Write(head);

        const int batch = 1024;
        var buffer = new byte[batch * TriangleLength];
        var positions = mesh.Positions;
        var indices = mesh.Indices;
        for (var first = 0; first < mesh.TriangleCount; first += batch)
        {
            var count = Math.Min(batch, mesh.TriangleCount - first);
            for (var n = 0; n < count; n++)
            {
                var t = 3 * (first + n);
                var a = positions[indices[t]];
                var b = positions[indices[t + 1]];
                var c = positions[indices[t + 2]];
                var normal = Vector3.Cross(b - a, c - a);
                var length = normal.Length();
                normal = length > 0 ? normal / length : Vector3.Zero;
                var record = buffer.AsSpan(n * TriangleLength, TriangleLength);
                WriteVector(record, normal);
                WriteVector(record[12..], a);
                WriteVector(record[24..], b);
                WriteVector(record[36..], c);
                BinaryPrimitives.WriteUInt16LittleEndian(record[48..], 0);
            }

            stream.Write(buffer, 0, count * TriangleLength);
        }
    }

    private static void WriteVector(Span<byte> target, Vector3 v)
    {
        BinaryPrimitives.WriteSingleLittleEndian(target, v.X);
        BinaryPrimitives.WriteSingleLittleEndian(target[4..], v.Y);
        BinaryPrimitives.WriteSingleLittleEndian(target[8..], v.Z);
    }
}
