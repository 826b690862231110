using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Seldinger.Imaging.Meshes;

namespace Seldinger.Imaging.Tests.Meshes;

public class MeshExportTests
{
    private const string Python = "/usr/bin/python3";

    private static TriangleMesh Mesh() => MeshSmoothing.Taubin(MeshTestShapes.BallMesh(3.5, 17), 5);

    private static void AssertSameTriangles(TriangleMesh mesh, List<Vector3> corners)
    {
        Assert.Equal(mesh.Indices.Length, corners.Count);
        for (var n = 0; n < corners.Count; n++)
        {
            Assert.Equal(mesh.Positions[mesh.Indices[n]], corners[n]);
        }
    }

    private static Vector3 ReadVector(ReadOnlySpan<byte> s) => new(
        BinaryPrimitives.ReadSingleLittleEndian(s),
        BinaryPrimitives.ReadSingleLittleEndian(s[4..]),
        BinaryPrimitives.ReadSingleLittleEndian(s[8..]));

    [Fact]
    public void StlWriter_Ball_ReadsBackSameTrianglesAndOutwardUnitNormals()
    {
        var mesh = Mesh();
        using var stream = new MemoryStream();

        StlWriter.Write(mesh, stream);

        var bytes = stream.ToArray();
        var count = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(80));
        Assert.Equal(mesh.TriangleCount, count);
        Assert.Equal(84 + (50 * count), bytes.Length);
        Assert.False(Encoding.ASCII.GetString(bytes, 0, 5) == "solid");
        var corners = new List<Vector3>();
        for (var t = 0; t < count; t++)
        {
            var record = bytes.AsSpan(84 + (50 * t), 50);
            var normal = ReadVector(record);
            var a = ReadVector(record[12..]);
            var b = ReadVector(record[24..]);
            var c = ReadVector(record[36..]);
            corners.AddRange([a, b, c]);
            Assert.Equal(1, normal.Length(), 1e-4);
            Assert.True(Vector3.Dot(normal, Vector3.Cross(b - a, c - a)) > 0);
        }

        AssertSameTriangles(mesh, corners);
    }

    [SkippableFact]
    public void StlWriter_Ball_NumpyReadsSameCountAndBounds()
    {
        Skip.IfNot(File.Exists(Python), "python3 is not installed");
        var mesh = Mesh();
        var path = Path.Combine(Path.GetTempPath(), $"seldinger-mesh-{Guid.NewGuid():N}.stl");
        try
        {
            using (var file = File.Create(path))
            {
                StlWriter.Write(mesh, file);
            }

            const string script = """
                import sys
                try:
                    import numpy as np
                except ImportError:
                    print("NO-NUMPY"); sys.exit(0)
                d = np.dtype([('n', '<f4', (3,)), ('v', '<f4', (3, 3)), ('a', '<u2')])
                raw = open(sys.argv[1], 'rb').read()
                n = int(np.frombuffer(raw, '<u4', 1, 80)[0])
                t = np.frombuffer(raw, d, n, 84)
                v = t['v'].reshape(-1, 3)
                print(n, *map(repr, v.min(0).tolist()), *map(repr, v.max(0).tolist()))
                """;
            var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(script);
            info.ArgumentList.Add(path);
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Skip.If(output == "NO-NUMPY", "python3-numpy is not installed");

            var fields = output.Split(' ');
            Assert.Equal(mesh.TriangleCount, int.Parse(fields[0], CultureInfo.InvariantCulture));
            var (min, max) = mesh.Bounds();
            var expected = new[] { min.X, min.Y, min.Z, max.X, max.Y, max.Z };
            for (var n = 0; n < 6; n++)
            {
                Assert.Equal(expected[n], (float)double.Parse(fields[n + 1], CultureInfo.InvariantCulture));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ObjWriter_Ball_ReadsBackSamePositionsNormalsAndFaces()
    {
        var mesh = Mesh();
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        ObjWriter.Write(mesh, writer, "liver");

        var positions = new List<Vector3>();
        var normals = new List<Vector3>();
        var indices = new List<int>();
        foreach (var line in writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.Split(' ');
            switch (f[0])
            {
                case "v":
                    positions.Add(new Vector3(float.Parse(f[1], CultureInfo.InvariantCulture), float.Parse(f[2], CultureInfo.InvariantCulture), float.Parse(f[3], CultureInfo.InvariantCulture)));
                    break;
                case "vn":
                    normals.Add(new Vector3(float.Parse(f[1], CultureInfo.InvariantCulture), float.Parse(f[2], CultureInfo.InvariantCulture), float.Parse(f[3], CultureInfo.InvariantCulture)));
                    break;
                case "f":
                    foreach (var corner in f.Skip(1))
                    {
                        var parts = corner.Split("//");
                        Assert.Equal(parts[0], parts[1]);
                        indices.Add(int.Parse(parts[0], CultureInfo.InvariantCulture) - 1);
                    }

                    break;
                case "o":
                    Assert.Equal("liver", f[1]);
                    break;
                default:
                    Assert.StartsWith("#", line);
                    break;
            }
        }

        Assert.Equal(mesh.Positions, positions);
        Assert.Equal(mesh.Normals, normals);
        Assert.Equal(mesh.Indices, indices);
    }

    [Fact]
    public void GltfBinaryWriter_Ball_ValidHeaderChunksAndAccessorBounds()
    {
        var mesh = Mesh();
        using var stream = new MemoryStream();

        GltfBinaryWriter.Write(mesh, stream, "kidney");

        var bytes = stream.ToArray();
        Assert.Equal(0, bytes.Length % 4);
        Assert.Equal(GltfBinaryWriter.Magic, BinaryPrimitives.ReadUInt32LittleEndian(bytes));
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal((uint)bytes.Length, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        Assert.Equal(GltfBinaryWriter.JsonChunkType, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(0, jsonLength % 4);
        var binStart = 20 + jsonLength;
        var binLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(binStart));
        Assert.Equal(GltfBinaryWriter.BinChunkType, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(binStart + 4)));
        Assert.Equal(0, binLength % 4);
        Assert.Equal(bytes.Length, binStart + 8 + binLength);
        var bin = bytes.AsMemory(binStart + 8, binLength);

        using var json = JsonDocument.Parse(bytes.AsMemory(20, jsonLength));
        var root = json.RootElement;
        Assert.Equal("2.0", root.GetProperty("asset").GetProperty("version").GetString());
        Assert.True(root.GetProperty("buffers")[0].GetProperty("byteLength").GetInt32() <= binLength);
        var primitive = root.GetProperty("meshes")[0].GetProperty("primitives")[0];
        Assert.Equal("kidney", root.GetProperty("meshes")[0].GetProperty("name").GetString());
        Assert.Equal(4, primitive.GetProperty("mode").GetInt32());
        var accessors = root.GetProperty("accessors");
        var views = root.GetProperty("bufferViews");

        float[] Read(int accessorIndex, out JsonElement accessor)
        {
            accessor = accessors[accessorIndex];
            var view = views[accessor.GetProperty("bufferView").GetInt32()];
            var offset = view.GetProperty("byteOffset").GetInt32();
            var length = view.GetProperty("byteLength").GetInt32();
            Assert.Equal(0, offset % 4);
            Assert.True(offset + length <= binLength);
            var components = accessor.GetProperty("type").GetString() == "VEC3" ? 3 : 1;
            Assert.Equal(accessor.GetProperty("count").GetInt32() * components * 4, length);
            var values = new float[length / 4];
            var integer = accessor.GetProperty("componentType").GetInt32() == 5125;
            for (var n = 0; n < values.Length; n++)
            {
                values[n] = integer ? BinaryPrimitives.ReadUInt32LittleEndian(bin.Span[(offset + (4 * n))..]) : BinaryPrimitives.ReadSingleLittleEndian(bin.Span[(offset + (4 * n))..]);
            }

            // Accessor bounds must be exactly the component-wise extremes of the data.
            for (var c = 0; c < components; c++)
            {
                var column = Enumerable.Range(0, values.Length / components).Select(n => values[(n * components) + c]).ToArray();
                Assert.Equal(column.Min(), accessor.GetProperty("min")[c].GetSingle());
                Assert.Equal(column.Max(), accessor.GetProperty("max")[c].GetSingle());
            }

            return values;
        }

        var positions = Read(primitive.GetProperty("attributes").GetProperty("POSITION").GetInt32(), out _);
        var normals = Read(primitive.GetProperty("attributes").GetProperty("NORMAL").GetInt32(), out _);
        var indices = Read(primitive.GetProperty("indices").GetInt32(), out var indexAccessor);
        Assert.Equal(5125, indexAccessor.GetProperty("componentType").GetInt32());
        Assert.Equal(mesh.Positions.SelectMany(p => new[] { p.X, p.Y, p.Z }), positions);
        Assert.Equal(mesh.Normals.SelectMany(p => new[] { p.X, p.Y, p.Z }), normals);
        Assert.Equal(mesh.Indices, indices.Select(i => (int)i));
    }

    [Fact]
    public void GltfBinaryWriter_Scene_OneNodePerPart_MaterialsOnlyForColouredParts_PositionsReadBack()
    {
        var ball = Mesh();
        var small = MeshTestShapes.BallMesh(1.5, 9);
        using var stream = new MemoryStream();

        GltfBinaryWriter.WriteScene([new GltfMeshPart("liver", ball, 0xFF0000, 5), new GltfMeshPart("probe", small)], stream);

        var bytes = stream.ToArray();
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var binStart = 20 + jsonLength;
        using var json = JsonDocument.Parse(bytes.AsMemory(20, jsonLength));
        var root = json.RootElement;
        var nodes = root.GetProperty("nodes");
        Assert.Equal(3, nodes.GetArrayLength());
        Assert.Equal([1, 2], nodes[0].GetProperty("children").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal(5, nodes[1].GetProperty("extras").GetProperty("label").GetInt32());
        Assert.False(nodes[2].TryGetProperty("extras", out _));
        var materials = root.GetProperty("materials");
        Assert.Equal(1, materials.GetArrayLength());
        var red = materials[0].GetProperty("pbrMetallicRoughness").GetProperty("baseColorFactor");
        Assert.Equal([1.0, 0.0, 0.0, 1.0], red.EnumerateArray().Select(v => v.GetDouble()));
        var meshes = root.GetProperty("meshes");
        Assert.Equal(0, meshes[0].GetProperty("primitives")[0].GetProperty("material").GetInt32());
        Assert.False(meshes[1].GetProperty("primitives")[0].TryGetProperty("material", out _));

        // The second part's positions, read back through its accessor and buffer view.
        var accessor = root.GetProperty("accessors")[meshes[1].GetProperty("primitives")[0].GetProperty("attributes").GetProperty("POSITION").GetInt32()];
        var view = root.GetProperty("bufferViews")[accessor.GetProperty("bufferView").GetInt32()];
        var offset = binStart + 8 + view.GetProperty("byteOffset").GetInt32();
        Assert.Equal(small.VertexCount, accessor.GetProperty("count").GetInt32());
        for (var v = 0; v < small.VertexCount; v++)
        {
            Assert.Equal(small.Positions[v], ReadVector(bytes.AsSpan(offset + (12 * v))));
        }
    }

    [Fact]
    public void GltfBinaryWriter_Scene_NoPartsOrEmptyPart_Throws()
    {
        Assert.Throws<ArgumentException>(() => GltfBinaryWriter.WriteScene([], new MemoryStream()));
        Assert.Throws<ArgumentException>(() => GltfBinaryWriter.WriteScene([new GltfMeshPart("a", Mesh()), new GltfMeshPart("b", new TriangleMesh([], []))], new MemoryStream()));
    }

    [Fact]
    public void GltfBinaryWriter_EmptyMesh_Throws() =>
        Assert.Throws<ArgumentException>(() => GltfBinaryWriter.Write(new TriangleMesh([], []), new MemoryStream()));

    [Fact]
    public void StlWriter_HeaderStartingWithSolid_Throws() =>
        Assert.Throws<ArgumentException>(() => StlWriter.Write(Mesh(), new MemoryStream(), "solid ball"));
}
