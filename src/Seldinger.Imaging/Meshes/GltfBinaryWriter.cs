using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Seldinger.Imaging.Meshes;

/// <summary>
/// Writes a mesh as glTF 2.0 binary (<c>.glb</c>): a 12-byte header, a JSON chunk and a BIN chunk holding
/// positions, normals (float32 VEC3) and triangle indices (uint32), each chunk padded to four bytes.
/// </summary>
/// <remarks>
/// Positions stay in LPS millimetres, so accessor bounds read as patient coordinates; the root node carries the matrix
/// that takes them to glTF's metres with +Y up and +Z forward (glTF x = L, y = S, z = A).
/// </remarks>
public static class GltfBinaryWriter
{
    /// <summary>"glTF" read as a little-endian uint32.</summary>
    public const uint Magic = 0x46546C67;

    /// <summary>The JSON chunk type ("JSON").</summary>
    public const uint JsonChunkType = 0x4E4F534A;

    /// <summary>The binary chunk type ("BIN\0").</summary>
    public const uint BinChunkType = 0x004E4942;

    private const int ArrayBuffer = 34962;
    private const int ElementArrayBuffer = 34963;
    private const int Float = 5126;
    private const int UnsignedInt = 5125;
    private const int Triangles = 4;

    /// <summary>Writes <paramref name="mesh"/> to <paramref name="stream"/>.</summary>
    /// <param name="mesh">The mesh; it must have at least one triangle.</param>
    /// <param name="stream">A writable stream.</param>
    /// <param name="name">The mesh name in the file.</param>
    /// <exception cref="ArgumentException">The mesh has no triangles (glTF accessors cannot be empty).</exception>
    public static void Write(TriangleMesh mesh, Stream stream, string name = "surface")
    {
        ArgumentNullException.ThrowIfNull(mesh);
        ArgumentNullException.ThrowIfNull(name);
        if (mesh.TriangleCount == 0)
        {
            throw new ArgumentException("A glTF file cannot hold an empty mesh: accessors need at least one element.", nameof(mesh));
        }

        WriteScene([new GltfMeshPart(name, mesh)], stream);
    }

    /// <summary>
    /// Writes several surfaces as one scene: one mesh and node per part under a root node that carries the
    /// LPS-mm-to-glTF matrix; a part with a colour gets its own material, a part with a label keeps it in the
    /// node's <c>extras</c>.
    /// </summary>
    /// <exception cref="ArgumentException">No part, or a part without triangles.</exception>
    public static void WriteScene(IReadOnlyList<GltfMeshPart> parts, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(stream);
        if (parts.Count == 0 || parts.Any(p => p.Mesh.TriangleCount == 0))
        {
            throw new ArgumentException("A glTF scene needs at least one part, each with at least one triangle.", nameof(parts));
        }

        // Positions, normals and indices of each part, one after the other.
        var views = new List<(long Offset, long Length, int Target)>();
        using var bin = new MemoryStream();
        foreach (var part in parts)
        {
            var mesh = part.Mesh;
            views.Add((bin.Position, mesh.VertexCount * 12L, ArrayBuffer));
            WriteFloats(bin, MemoryMarshal.Cast<Vector3, float>(mesh.Positions.AsSpan()));
            views.Add((bin.Position, mesh.VertexCount * 12L, ArrayBuffer));
            WriteFloats(bin, MemoryMarshal.Cast<Vector3, float>(mesh.Normals.AsSpan()));
            views.Add((bin.Position, mesh.Indices.Length * 4L, ElementArrayBuffer));
            WriteInts(bin, mesh.Indices);
        }

        using var jsonBuffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(jsonBuffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("asset");
            json.WriteString("version", "2.0");
            json.WriteString("generator", "Seldinger");
            json.WriteEndObject();
            json.WriteNumber("scene", 0);
            json.WriteStartArray("scenes");
            json.WriteStartObject();
            json.WriteStartArray("nodes");
            json.WriteNumberValue(0);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            WriteNodes(json, parts);
            WriteMeshes(json, parts);
            WriteMaterials(json, parts);
            json.WriteStartArray("buffers");
            json.WriteStartObject();
            json.WriteNumber("byteLength", bin.Length);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("bufferViews");
            foreach (var (offset, length, target) in views)
            {
                BufferView(json, offset, length, target);
            }

            json.WriteEndArray();
            json.WriteStartArray("accessors");
            for (var n = 0; n < parts.Count; n++)
            {
                var mesh = parts[n].Mesh;
                var (min, max) = mesh.Bounds();
                var (nmin, nmax) = Range(mesh.Normals);
                Accessor(json, 3 * n, Float, mesh.VertexCount, "VEC3", [min.X, min.Y, min.Z], [max.X, max.Y, max.Z]);
                Accessor(json, (3 * n) + 1, Float, mesh.VertexCount, "VEC3", [nmin.X, nmin.Y, nmin.Z], [nmax.X, nmax.Y, nmax.Z]);
                Accessor(json, (3 * n) + 2, UnsignedInt, mesh.Indices.Length, "SCALAR", [mesh.Indices.Min()], [mesh.Indices.Max()]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var jsonLength = (int)jsonBuffer.Length;
        var jsonPadded = Pad4(jsonLength);
        var binLength = (int)bin.Length;
        var binPadded = Pad4(binLength);
        var total = 12 + 8 + jsonPadded + 8 + binPadded;

        Span<byte> header = stackalloc byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)total);
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], JsonChunkType);
        stream.Write(header);
        stream.Write(jsonBuffer.GetBuffer(), 0, jsonLength);
        Span<byte> spaces = [0x20, 0x20, 0x20];
        stream.Write(spaces[..(jsonPadded - jsonLength)]);

        Span<byte> chunk = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(chunk, (uint)binPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk[4..], BinChunkType);
        stream.Write(chunk);
        stream.Write(bin.GetBuffer(), 0, binLength);
        Span<byte> zeros = [0, 0, 0];
        stream.Write(zeros[..(binPadded - binLength)]);
    }

    private static void WriteNodes(Utf8JsonWriter json, IReadOnlyList<GltfMeshPart> parts)
    {
        json.WriteStartArray("nodes");
        json.WriteStartObject();
        json.WriteString("name", "patient (LPS mm)");
        json.WriteStartArray("matrix");
        foreach (var m in (ReadOnlySpan<double>)[0.001, 0, 0, 0, 0, 0, -0.001, 0, 0, 0.001, 0, 0, 0, 0, 0, 1])
        {
            json.WriteNumberValue(m);
        }

        json.WriteEndArray();
        json.WriteStartArray("children");
        for (var n = 0; n < parts.Count; n++)
        {
            json.WriteNumberValue(n + 1);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        for (var n = 0; n < parts.Count; n++)
        {
            json.WriteStartObject();
            json.WriteString("name", parts[n].Name);
            json.WriteNumber("mesh", n);
            if (parts[n].Label is { } label)
            {
                json.WriteStartObject("extras");
                json.WriteNumber("label", label);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMeshes(Utf8JsonWriter json, IReadOnlyList<GltfMeshPart> parts)
    {
        json.WriteStartArray("meshes");
        var material = 0;
        for (var n = 0; n < parts.Count; n++)
        {
            json.WriteStartObject();
            json.WriteString("name", parts[n].Name);
            json.WriteStartArray("primitives");
            json.WriteStartObject();
            json.WriteStartObject("attributes");
            json.WriteNumber("POSITION", 3 * n);
            json.WriteNumber("NORMAL", (3 * n) + 1);
            json.WriteEndObject();
            json.WriteNumber("indices", (3 * n) + 2);
            if (parts[n].ColourRgb is not null)
            {
                json.WriteNumber("material", material++);
            }

            json.WriteNumber("mode", Triangles);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteMaterials(Utf8JsonWriter json, IReadOnlyList<GltfMeshPart> parts)
    {
        if (!parts.Any(p => p.ColourRgb is not null))
        {
            return;
        }

        json.WriteStartArray("materials");
        foreach (var part in parts)
        {
            if (part.ColourRgb is not { } colour)
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("name", part.Name);
            json.WriteStartObject("pbrMetallicRoughness");
            json.WriteStartArray("baseColorFactor");
            json.WriteNumberValue(SrgbToLinear((colour >> 16) & 0xFF));
            json.WriteNumberValue(SrgbToLinear((colour >> 8) & 0xFF));
            json.WriteNumberValue(SrgbToLinear(colour & 0xFF));
            json.WriteNumberValue(1.0);
            json.WriteEndArray();
            json.WriteNumber("metallicFactor", 0.0);
            json.WriteNumber("roughnessFactor", 0.6);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>glTF base colours are linear; label colours are sRGB.</summary>
    private static double SrgbToLinear(uint value)
    {
        var c = value / 255.0;
        return Math.Round(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4), 5);
    }

    private static int Pad4(int length) => (length + 3) & ~3;

    private static (Vector3 Min, Vector3 Max) Range(Vector3[] values)
    {
        var min = new Vector3(float.PositiveInfinity);
        var max = new Vector3(float.NegativeInfinity);
        foreach (var v in values)
        {
            min = Vector3.Min(min, v);
            max = Vector3.Max(max, v);
        }

        return (min, max);
    }

    private static void BufferView(Utf8JsonWriter json, long offset, long length, int target)
    {
        json.WriteStartObject();
        json.WriteNumber("buffer", 0);
        json.WriteNumber("byteOffset", offset);
        json.WriteNumber("byteLength", length);
        json.WriteNumber("target", target);
        json.WriteEndObject();
    }

    private static void Accessor(Utf8JsonWriter json, int view, int componentType, int count, string type, ReadOnlySpan<float> min, ReadOnlySpan<float> max)
    {
        json.WriteStartObject();
        json.WriteNumber("bufferView", view);
        json.WriteNumber("componentType", componentType);
        json.WriteNumber("count", count);
        json.WriteString("type", type);
        json.WriteStartArray("min");
        foreach (var v in min)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
        json.WriteStartArray("max");
        foreach (var v in max)
        {
            json.WriteNumberValue(v);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values)
    {
        var buffer = new byte[Math.Min(values.Length, 16384) * 4];
        for (var first = 0; first < values.Length; first += buffer.Length / 4)
        {
            var count = Math.Min(buffer.Length / 4, values.Length - first);
            for (var n = 0; n < count; n++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(4 * n), values[first + n]);
            }

            stream.Write(buffer, 0, 4 * count);
        }
    }

    private static void WriteInts(Stream stream, ReadOnlySpan<int> values)
    {
        var buffer = new byte[Math.Min(values.Length, 16384) * 4];
        for (var first = 0; first < values.Length; first += buffer.Length / 4)
        {
            var count = Math.Min(buffer.Length / 4, values.Length - first);
            for (var n = 0; n < count; n++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(4 * n), (uint)values[first + n]);
            }

            stream.Write(buffer, 0, 4 * count);
        }
    }
}

/// <summary>One surface of a glTF scene.</summary>
/// <param name="Name">Mesh, node and material name.</param>
/// <param name="Mesh">The surface in LPS mm; at least one triangle.</param>
/// <param name="ColourRgb">Display colour 0xRRGGBB (sRGB), or null for no material.</param>
/// <param name="Label">A label value kept in the node's extras, or null.</param>
public sealed record GltfMeshPart(string Name, TriangleMesh Mesh, uint? ColourRgb = null, int? Label = null);
