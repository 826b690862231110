using System.Buffers.Binary;
using System.Numerics;
using System.Text.Json;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Server.Services;

/// <summary>
/// Writes several label surfaces as one glTF 2.0 binary (<c>.glb</c>): one mesh, node and material (the label's
/// colour) per label, under a root node whose matrix takes LPS millimetres to glTF metres (x = L, y = S, z = A).
/// Positions stay in LPS mm, so accessor bounds read as patient coordinates.
/// </summary>
public static class LabelSceneWriter
{
    private const uint Magic = 0x46546C67; // "glTF"
    private const uint JsonChunk = 0x4E4F534A; // "JSON"
    private const uint BinChunk = 0x004E4942; // "BIN\0"

    /// <summary>A labelled surface to write.</summary>
    /// <param name="Label">The label value (kept in the node's extras).</param>
    /// <param name="Name">Mesh, node and material name.</param>
    /// <param name="Colour">Display colour 0xRRGGBB (sRGB).</param>
    /// <param name="Mesh">The surface, LPS mm; at least one triangle.</param>
    public sealed record Part(byte Label, string Name, uint Colour, TriangleMesh Mesh);

    /// <summary>Writes the parts to a stream.</summary>
    /// <exception cref="ArgumentException">No part, or a part without triangles.</exception>
    public static void Write(IReadOnlyList<Part> parts, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentNullException.ThrowIfNull(stream);
        if (parts.Count == 0 || parts.Any(p => p.Mesh.TriangleCount == 0))
        {
            throw new ArgumentException("A glTF scene needs at least one part, each with at least one triangle.", nameof(parts));
        }

        using var bin = new MemoryStream();
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
                json.WriteStartObject("extras");
                json.WriteNumber("label", parts[n].Label);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("meshes");
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
                json.WriteNumber("material", n);
                json.WriteNumber("mode", 4);
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            json.WriteStartArray("materials");
            foreach (var part in parts)
            {
                json.WriteStartObject();
                json.WriteString("name", part.Name);
                json.WriteStartObject("pbrMetallicRoughness");
                json.WriteStartArray("baseColorFactor");
                json.WriteNumberValue(SrgbToLinear((part.Colour >> 16) & 0xFF));
                json.WriteNumberValue(SrgbToLinear((part.Colour >> 8) & 0xFF));
                json.WriteNumberValue(SrgbToLinear(part.Colour & 0xFF));
                json.WriteNumberValue(1.0);
                json.WriteEndArray();
                json.WriteNumber("metallicFactor", 0.0);
                json.WriteNumber("roughnessFactor", 0.6);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // Buffer views and accessors: positions, normals, indices of each part, one after the other.
            var views = new List<(long Offset, long Length, int Target)>();
            var word = new byte[4];
            foreach (var part in parts)
            {
                var mesh = part.Mesh;
                views.Add((bin.Position, mesh.VertexCount * 12L, 34962));
                WriteVectors(bin, mesh.Positions);
                views.Add((bin.Position, mesh.VertexCount * 12L, 34962));
                WriteVectors(bin, mesh.Normals);
                views.Add((bin.Position, mesh.Indices.Length * 4L, 34963));
                foreach (var i in mesh.Indices)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(word, (uint)i);
                    bin.Write(word);
                }
            }

            json.WriteStartArray("buffers");
            json.WriteStartObject();
            json.WriteNumber("byteLength", bin.Length);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("bufferViews");
            foreach (var (offset, length, target) in views)
            {
                json.WriteStartObject();
                json.WriteNumber("buffer", 0);
                json.WriteNumber("byteOffset", offset);
                json.WriteNumber("byteLength", length);
                json.WriteNumber("target", target);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("accessors");
            for (var n = 0; n < parts.Count; n++)
            {
                var mesh = parts[n].Mesh;
                var (min, max) = mesh.Bounds();
                var (nmin, nmax) = Range(mesh.Normals);
                Accessor(json, 3 * n, 5126, mesh.VertexCount, "VEC3", [min.X, min.Y, min.Z], [max.X, max.Y, max.Z]);
                Accessor(json, (3 * n) + 1, 5126, mesh.VertexCount, "VEC3", [nmin.X, nmin.Y, nmin.Z], [nmax.X, nmax.Y, nmax.Z]);
                Accessor(json, (3 * n) + 2, 5125, mesh.Indices.Length, "SCALAR", [mesh.Indices.Min()], [mesh.Indices.Max()]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var jsonLength = (int)jsonBuffer.Length;
        var jsonPadded = (jsonLength + 3) & ~3;
        var binLength = (int)bin.Length;
        var binPadded = (binLength + 3) & ~3;
        Span<byte> header = stackalloc byte[20];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt32LittleEndian(header[8..], (uint)(12 + 8 + jsonPadded + 8 + binPadded));
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], (uint)jsonPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], JsonChunk);
        stream.Write(header);
        stream.Write(jsonBuffer.GetBuffer(), 0, jsonLength);
        for (var n = jsonLength; n < jsonPadded; n++)
        {
            stream.WriteByte(0x20);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)binPadded);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], BinChunk);
        stream.Write(header[..8]);
        stream.Write(bin.GetBuffer(), 0, binLength);
        for (var n = binLength; n < binPadded; n++)
        {
            stream.WriteByte(0);
        }
    }

    private static double SrgbToLinear(uint value)
    {
        var c = value / 255.0;
        return Math.Round(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4), 5);
    }

    private static void WriteVectors(Stream stream, Vector3[] values)
    {
        var buffer = new byte[12 * Math.Min(values.Length, 4096)];
        for (var first = 0; first < values.Length; first += 4096)
        {
            var count = Math.Min(4096, values.Length - first);
            for (var n = 0; n < count; n++)
            {
                var v = values[first + n];
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(12 * n), v.X);
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan((12 * n) + 4), v.Y);
                BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan((12 * n) + 8), v.Z);
            }

            stream.Write(buffer, 0, 12 * count);
        }
    }

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
}
