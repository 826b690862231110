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
/// Positions stay in LPS millimetres, so accessor bounds read as patient coordinates; the single node carries the matrix
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
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(name);
        if (mesh.TriangleCount == 0)
        {
            throw new ArgumentException("A glTF file cannot hold an empty mesh: accessors need at least one element.", nameof(mesh));
        }

        var vertexBytes = mesh.VertexCount * 12;
        var indexBytes = mesh.Indices.Length * 4;
        var binLength = (2 * vertexBytes) + indexBytes;
        var (min, max) = mesh.Bounds();
        var (nmin, nmax) = Range(mesh.Normals);

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
            json.WriteNumber("mesh", 0);
            json.WriteStartArray("matrix");
            foreach (var m in (ReadOnlySpan<double>)[0.001, 0, 0, 0, 0, 0, -0.001, 0, 0, 0.001, 0, 0, 0, 0, 0, 1])
            {
                json.WriteNumberValue(m);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("meshes");
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteStartArray("primitives");
            json.WriteStartObject();
            json.WriteStartObject("attributes");
            json.WriteNumber("POSITION", 0);
            json.WriteNumber("NORMAL", 1);
            json.WriteEndObject();
            json.WriteNumber("indices", 2);
            json.WriteNumber("mode", Triangles);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("buffers");
            json.WriteStartObject();
            json.WriteNumber("byteLength", binLength);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartArray("bufferViews");
            BufferView(json, 0, vertexBytes, ArrayBuffer);
            BufferView(json, vertexBytes, vertexBytes, ArrayBuffer);
            BufferView(json, 2 * vertexBytes, indexBytes, ElementArrayBuffer);
            json.WriteEndArray();
            json.WriteStartArray("accessors");
            Accessor(json, 0, Float, mesh.VertexCount, "VEC3", [min.X, min.Y, min.Z], [max.X, max.Y, max.Z]);
            Accessor(json, 1, Float, mesh.VertexCount, "VEC3", [nmin.X, nmin.Y, nmin.Z], [nmax.X, nmax.Y, nmax.Z]);
            var (imin, imax) = (mesh.Indices.Min(), mesh.Indices.Max());
            Accessor(json, 2, UnsignedInt, mesh.Indices.Length, "SCALAR", [imin], [imax]);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        var jsonLength = (int)jsonBuffer.Length;
        var jsonPadded = Pad4(jsonLength);
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
        WriteFloats(stream, MemoryMarshal.Cast<Vector3, float>(mesh.Positions.AsSpan()));
        WriteFloats(stream, MemoryMarshal.Cast<Vector3, float>(mesh.Normals.AsSpan()));
        WriteInts(stream, mesh.Indices);
        Span<byte> zeros = [0, 0, 0];
        stream.Write(zeros[..(binPadded - binLength)]);
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

    private static void BufferView(Utf8JsonWriter json, int offset, int length, int target)
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
