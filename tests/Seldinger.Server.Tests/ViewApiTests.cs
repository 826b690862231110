using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Seldinger.Clinical.Security;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Labels;
using Seldinger.Imaging.Rendering;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;
using Seldinger.Imaging.Tests.Rendering;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Server.Tests;

/// <summary>
/// The view API against the demo case: resliced PNGs equal the Reslicer's output computed here, overlays carry
/// the label colours of the voxels under them, label statistics equal LabelStatistics, meshes are valid glTF
/// inside the volume, and bad requests are problem details.
/// </summary>
public sealed class ViewApiTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Interpolator CtSampling = Interpolator.Linear.WithOutside(-1024);

    [Fact]
    public async Task Reslice_StandardPlanes_EqualReslicerAtThePlanePosition()
    {
        var (client, detail, volume, _) = await DemoAsync();
        var g = volume.Geometry;
        var target = detail.Target!;
        var k = (int)Math.Round((target.Z - g.Origin.Z) / g.SpacingK);
        var j = (int)Math.Round((target.Y - g.Origin.Y) / g.SpacingJ);
        var i = (int)Math.Round((target.X - g.Origin.X) / g.SpacingI);
        var cases = new (string Kind, int Index, SlicePlane Plane)[]
        {
            ("axial", k, Reslicer.AxialPlane(g, g.Origin.Z + (k * g.SpacingK))),
            ("coronal", j, Reslicer.CoronalPlane(g, g.Origin.Y + (j * g.SpacingJ))),
            ("sagittal", i, Reslicer.SagittalPlane(g, g.Origin.X + (i * g.SpacingI))),
        };
        foreach (var (kind, index, plane) in cases)
        {
            var response = await client.GetAsync($"{SeriesUrl(detail)}/reslice/{kind}.png?index={index}&preset=soft");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
            var expected = Reslicer.Reslice(volume, plane, CtSampling).ToGray8(WindowLevel.SoftTissue);
            Assert.Equal(plane.Width, png.Width);
            Assert.Equal(plane.Height, png.Height);
            Assert.Equal(expected, png.Pixels);

            var header = JsonSerializer.Deserialize<ViewPlaneDto>(response.Headers.GetValues("X-Slice-Plane").Single(), Json)!;
            AssertPlane(plane, header);
            Assert.Equal(index, header.Index);
            var json = await client.GetFromJsonAsync<ViewPlaneDto>($"{SeriesUrl(detail)}/reslice/{kind}.json?index={index}", Json);
            AssertPlane(plane, json!);
        }

        // The axial plane of an axis-aligned series is the stored slice: equal to the slice endpoint.
        var slice = PngTestDecoder.Decode(await client.GetByteArrayAsync($"{SeriesUrl(detail)}/slices/{k}.png?preset=bone"));
        var axial = PngTestDecoder.Decode(await client.GetByteArrayAsync($"{SeriesUrl(detail)}/reslice/axial.png?index={k}&preset=bone"));
        Assert.Equal(slice.Pixels, axial.Pixels);

        // The middle plane is the default, and the count covers the volume.
        var middle = await client.GetFromJsonAsync<ViewPlaneDto>($"{SeriesUrl(detail)}/reslice/coronal.json", Json);
        Assert.Equal(g.SizeJ, middle!.Count);
        Assert.Equal(g.SizeJ / 2, middle.Index);
    }

    [Fact]
    public async Task Reslice_ObliquePathProbeAndSlab_EqualReslicer()
    {
        var (client, detail, volume, _) = await DemoAsync();
        var g = volume.Geometry;
        var plan = detail.Plan!;
        var entry = new WorldPoint(plan.Entry.X, plan.Entry.Y, plan.Entry.Z);
        var target = new WorldPoint(plan.Target.X, plan.Target.Y, plan.Target.Z);
        var url = SeriesUrl(detail);

        // Oblique: the normal tilted from coronal; screen up is superior made perpendicular to the normal.
        var normal = new Vector3D(0.3, 1, 0.4).Normalized;
        var down = -(Vector3D.UnitZ - (normal * Vector3D.UnitZ.Dot(normal))).Normalized;
        var row = down.Cross(normal);
        Assert.True(row.Cross(down).Dot(normal) > 0.999); // viewer looks along the normal
        var oblique = SlicePlane.FromCenter(target, row, down, 160, 160, 1.25, 1.25);
        await AssertImageAsync(client, $"{url}/reslice/oblique.png?cx={F(target.X)}&cy={F(target.Y)}&cz={F(target.Z)}&nx=0.3&ny=1&nz=0.4&size=160&pixel=1.25",
            Reslicer.Reslice(volume, oblique, CtSampling), WindowLevel.SoftTissue, oblique);

        // Within 45° of axial the default screen up is anterior: down is +Y (posterior) made perpendicular to the normal.
        var tilted = new Vector3D(0.3, 0, 1).Normalized;
        var tiltedDown = (Vector3D.UnitY - (tilted * Vector3D.UnitY.Dot(tilted))).Normalized;
        var nearAxial = SlicePlane.FromCenter(target, tiltedDown.Cross(tilted), tiltedDown, 140, 140, 1, 1);
        Assert.True(nearAxial.RowDirection.X > 0.9); // patient left to the right of the screen, as in the axial view
        await AssertImageAsync(client, $"{url}/reslice/oblique.png?cx={F(target.X)}&cy={F(target.Y)}&cz={F(target.Z)}&nx=0.3&ny=0&nz=1&size=140&pixel=1",
            Reslicer.Reslice(volume, nearAxial, CtSampling), WindowLevel.SoftTissue, nearAxial);

        // An explicit up vector: anterior up on an axial normal gives the axial view.
        var axialLike = SlicePlane.FromCenter(target, Vector3D.UnitX, Vector3D.UnitY, 100, 100, 1, 1);
        await AssertImageAsync(client, $"{url}/reslice/oblique.png?cx={F(target.X)}&cy={F(target.Y)}&cz={F(target.Z)}&nx=0&ny=0&nz=2&ux=0&uy=-1&uz=0&size=100&pixel=1&preset=liver",
            Reslicer.Reslice(volume, axialLike, CtSampling), WindowLevel.Liver, axialLike);

        var inPlane = Reslicer.PathPlane(entry, target, 200, 200, 1);
        await AssertImageAsync(client, $"{url}/reslice/inplane.png?case={detail.Id}&size=200&pixel=1",
            Reslicer.Reslice(volume, inPlane, CtSampling), WindowLevel.SoftTissue, inPlane);

        var probe = Reslicer.ProbesEyePlane(entry, target, 30, 120, 120, 1);
        await AssertImageAsync(client, $"{url}/reslice/probe.png?case={detail.Id}&depth=30&size=120&pixel=1&center=100&width=700",
            Reslicer.Reslice(volume, probe, CtSampling), new WindowLevel(100, 700), probe);

        // Probe default depth: at the target, so the plane's centre is the target.
        var atTarget = await client.GetFromJsonAsync<ViewPlaneDto>($"{url}/reslice/probe.json?case={detail.Id}&size=121&pixel=1", Json);
        var centre = new WorldPoint(atTarget!.Origin[0], atTarget.Origin[1], atTarget.Origin[2])
            + (new Vector3D(atTarget.RowDirection[0], atTarget.RowDirection[1], atTarget.RowDirection[2]) * 60)
            + (new Vector3D(atTarget.ColumnDirection[0], atTarget.ColumnDirection[1], atTarget.ColumnDirection[2]) * 60);
        Assert.True(centre.DistanceTo(target) < 1e-6, $"{centre} vs {target}");

        var j = (int)Math.Round((target.Y - g.Origin.Y) / g.SpacingJ);
        var coronal = Reslicer.CoronalPlane(g, g.Origin.Y + (j * g.SpacingJ));
        foreach (var (mode, projection) in new[] { ("mip", SlabProjection.Maximum), ("minip", SlabProjection.Minimum), ("mean", SlabProjection.Mean) })
        {
            await AssertImageAsync(client, $"{url}/reslice/coronal.png?index={j}&slab=12&mode={mode}&preset=bone",
                Reslicer.Slab(volume, coronal, CtSampling, 12, projection), WindowLevel.Bone, coronal);
        }

        // A MIP is never darker than the thin slice at the same place, and somewhere brighter.
        var thin = PngTestDecoder.Decode(await client.GetByteArrayAsync($"{url}/reslice/coronal.png?index={j}&preset=bone")).Pixels;
        var mip = PngTestDecoder.Decode(await client.GetByteArrayAsync($"{url}/reslice/coronal.png?index={j}&preset=bone&slab=20")).Pixels;
        Assert.All(Enumerable.Range(0, thin.Length), n => Assert.True(mip[n] >= thin[n]));
        Assert.Contains(Enumerable.Range(0, thin.Length), n => mip[n] > thin[n]);
    }

    [Fact]
    public async Task Overlay_AxialAndCoronal_EachPixelHasTheColourOfTheVoxelUnderIt()
    {
        var (client, detail, _, labels) = await DemoAsync();
        var g = labels.Geometry;
        var target = new WorldPoint(detail.Target!.X, detail.Target.Y, detail.Target.Z);
        Assert.Equal((byte)TissueLabel.Lesion, labels[(int)Math.Round((target.X - g.Origin.X) / g.SpacingI), (int)Math.Round((target.Y - g.Origin.Y) / g.SpacingJ), (int)Math.Round((target.Z - g.Origin.Z) / g.SpacingK)]);
        var k = (int)Math.Round((target.Z - g.Origin.Z) / g.SpacingK);
        var j = (int)Math.Round((target.Y - g.Origin.Y) / g.SpacingJ);
        foreach (var (kind, index) in new[] { ("axial", k), ("coronal", j) })
        {
            var response = await client.GetAsync($"{SeriesUrl(detail)}/overlay/{kind}.png?index={index}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var header = JsonSerializer.Deserialize<ViewPlaneDto>(response.Headers.GetValues("X-Slice-Plane").Single(), Json)!;
            var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(6, png.ColorType);
            Assert.Equal(header.Width, png.Width);

            // Brute force: the voxel nearest to each pixel centre, by the series geometry.
            var opaque = 0;
            for (var y = 0; y < png.Height; y++)
            {
                for (var x = 0; x < png.Width; x++)
                {
                    var p = PixelToWorld(header, x, y);
                    var voxel = g.WorldToIndex(p).Round();
                    var label = g.Contains(voxel) ? labels[voxel.I, voxel.J, voxel.K] : (byte)0;
                    var n = 4 * (x + (png.Width * y));
                    if (label == 0)
                    {
                        Assert.Equal(0, png.Pixels[n + 3]);
                        continue;
                    }

                    opaque++;
                    var colour = LabelColors.Of(label);
                    Assert.Equal([(byte)(colour >> 16), (byte)(colour >> 8), (byte)colour, 255], png.Pixels[n..(n + 4)]);
                }
            }

            Assert.True(opaque > png.Width * png.Height / 4);

            // The lesion centre is lesion orange; the corner (outside the body) is transparent.
            var (tx, ty) = WorldToPixel(header, target);
            var t = 4 * ((int)Math.Round(tx) + (png.Width * (int)Math.Round(ty)));
            Assert.Equal(new byte[] { 0xFF, 0x80, 0x00, 255 }, png.Pixels[t..(t + 4)]);
            Assert.Equal(0, png.Pixels[3]);

            // With a filter that leaves the lesion out, its pixel is transparent and liver pixels remain.
            var liverOnly = PngTestDecoder.Decode(await client.GetByteArrayAsync($"{SeriesUrl(detail)}/overlay/{kind}.png?index={index}&labels=5"));
            Assert.Equal(0, liverOnly.Pixels[t + 3]);
            var liverColour = LabelColors.Of((byte)TissueLabel.Liver);
            var visible = Enumerable.Range(0, liverOnly.Width * liverOnly.Height).Where(n => liverOnly.Pixels[(4 * n) + 3] == 255).ToList();
            Assert.NotEmpty(visible);
            Assert.All(visible, n => Assert.Equal((byte)(liverColour >> 16), liverOnly.Pixels[4 * n]));
        }
    }

    [Fact]
    public async Task Overlay_InPlaneView_ShowsTheLesionAtTheTarget()
    {
        var (client, detail, _, _) = await DemoAsync();
        var response = await client.GetAsync($"{SeriesUrl(detail)}/overlay/inplane.png?case={detail.Id}&labels=8,6");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = JsonSerializer.Deserialize<ViewPlaneDto>(response.Headers.GetValues("X-Slice-Plane").Single(), Json)!;
        var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        var (tx, ty) = WorldToPixel(header, new WorldPoint(detail.Plan!.Target.X, detail.Plan.Target.Y, detail.Plan.Target.Z));
        var t = 4 * ((int)Math.Round(tx) + (png.Width * (int)Math.Round(ty)));
        Assert.Equal(new byte[] { 0xFF, 0x80, 0x00, 255 }, png.Pixels[t..(t + 4)]);
    }

    [Fact]
    public async Task Labels_EqualLabelStatistics()
    {
        var (client, detail, _, labels) = await DemoAsync();
        var dtos = await client.GetFromJsonAsync<List<LabelDto>>($"{SeriesUrl(detail)}/labels", Json);
        var expected = LabelStatistics.ComputeAll(labels);
        Assert.Equal(expected.Count, dtos!.Count);
        foreach (var (e, d) in expected.Zip(dtos))
        {
            Assert.Equal(e.Label, d.Value);
            Assert.Equal($"#{LabelColors.Of(e.Label):x6}", d.Colour);
            Assert.Equal(e.VoxelCount, d.VoxelCount);
            Assert.Equal(e.VolumeMl, d.VolumeMl, 9);
            Assert.Equal(new[] { e.MinIndex.I, e.MinIndex.J, e.MinIndex.K }, d.MinIndex);
            Assert.Equal(new[] { e.MaxIndex.I, e.MaxIndex.J, e.MaxIndex.K }, d.MaxIndex);
            Assert.Equal(new PointDto(e.Centroid.X, e.Centroid.Y, e.Centroid.Z), d.Centroid);
            Assert.Equal(new PointDto(e.WorldMin.X, e.WorldMin.Y, e.WorldMin.Z), d.WorldMin);
            Assert.Equal(new PointDto(e.WorldMax.X, e.WorldMax.Y, e.WorldMax.Z), d.WorldMax);
            Assert.Equal(e.LargestDiameterMm, d.LargestDiameterMm, 9);
        }

        var lesion = Assert.Single(dtos, d => d.Name == "Lesion");
        Assert.Equal(8, lesion.Value);
        Assert.InRange(lesion.LargestDiameterMm, 22, 26); // the phantom's 24 mm lesion
        Assert.Contains(dtos, d => d.Name == "Spinal canal");
    }

    [Fact]
    public async Task Meshes_Glb_ParsesAndLiesInsideTheVolume()
    {
        var (client, detail, _, labels) = await DemoAsync();
        var g = labels.Geometry;
        var response = await client.GetAsync($"{SeriesUrl(detail)}/meshes.glb?labels=8,5");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("model/gltf-binary", response.Content.Headers.ContentType!.MediaType);
        var glb = await response.Content.ReadAsByteArrayAsync();
        var (json, bin) = ReadGlb(glb);
        var nodes = json.GetProperty("nodes");
        Assert.Equal(3, nodes.GetArrayLength());
        Assert.Equal(0.001, nodes[0].GetProperty("matrix")[0].GetDouble());
        Assert.Equal([5, 8], nodes.EnumerateArray().Skip(1).Select(n => n.GetProperty("extras").GetProperty("label").GetInt32()));
        var accessors = json.GetProperty("accessors");
        var views = json.GetProperty("bufferViews");
        Assert.Equal(bin.Length, json.GetProperty("buffers")[0].GetProperty("byteLength").GetInt32());

        // Patient-space bounds of the volume: voxel centres ± half a voxel on each axis.
        double[] lo = [double.MaxValue, double.MaxValue, double.MaxValue], hi = [double.MinValue, double.MinValue, double.MinValue];
        foreach (var ci in new[] { -0.5, g.SizeI - 0.5 })
        {
            foreach (var cj in new[] { -0.5, g.SizeJ - 0.5 })
            {
                foreach (var ck in new[] { -0.5, g.SizeK - 0.5 })
                {
                    var p = g.IndexToWorld(new ContinuousIndex(ci, cj, ck));
                    double[] c = [p.X, p.Y, p.Z];
                    for (var a = 0; a < 3; a++)
                    {
                        lo[a] = Math.Min(lo[a], c[a]);
                        hi[a] = Math.Max(hi[a], c[a]);
                    }
                }
            }
        }

        var meshes = json.GetProperty("meshes");
        Assert.Equal(2, meshes.GetArrayLength());
        var lesionBounds = (Min: new double[3], Max: new double[3]);
        for (var m = 0; m < 2; m++)
        {
            var primitive = meshes[m].GetProperty("primitives")[0];
            var position = accessors[primitive.GetProperty("attributes").GetProperty("POSITION").GetInt32()];
            var normal = accessors[primitive.GetProperty("attributes").GetProperty("NORMAL").GetInt32()];
            var indices = accessors[primitive.GetProperty("indices").GetInt32()];
            var vertexCount = position.GetProperty("count").GetInt32();
            Assert.Equal(vertexCount, normal.GetProperty("count").GetInt32());
            Assert.Equal(0, indices.GetProperty("count").GetInt32() % 3);
            Assert.InRange(indices.GetProperty("count").GetInt32() / 3, 100, LabelModels.MaxTrianglesPerLabel);
            var pv = views[position.GetProperty("bufferView").GetInt32()];
            var iv = views[indices.GetProperty("bufferView").GetInt32()];
            Assert.Equal(vertexCount * 12, pv.GetProperty("byteLength").GetInt32());
            Assert.Equal(indices.GetProperty("count").GetInt32() * 4, iv.GetProperty("byteLength").GetInt32());

            var offset = pv.GetProperty("byteOffset").GetInt32();
            double[] min = [double.MaxValue, double.MaxValue, double.MaxValue], max = [double.MinValue, double.MinValue, double.MinValue];
            for (var v = 0; v < vertexCount; v++)
            {
                for (var a = 0; a < 3; a++)
                {
                    double c = BinaryPrimitives.ReadSingleLittleEndian(bin.AsSpan(offset + (12 * v) + (4 * a)));
                    Assert.InRange(c, lo[a], hi[a]);
                    min[a] = Math.Min(min[a], c);
                    max[a] = Math.Max(max[a], c);
                }
            }

            for (var a = 0; a < 3; a++)
            {
                Assert.Equal(min[a], position.GetProperty("min")[a].GetDouble(), 3);
                Assert.Equal(max[a], position.GetProperty("max")[a].GetDouble(), 3);
            }

            var io = iv.GetProperty("byteOffset").GetInt32();
            for (var n = 0; n < indices.GetProperty("count").GetInt32(); n++)
            {
                Assert.InRange(BinaryPrimitives.ReadUInt32LittleEndian(bin.AsSpan(io + (4 * n))), 0u, (uint)(vertexCount - 1));
            }

            if (meshes[m].GetProperty("name").GetString() == "Lesion")
            {
                lesionBounds = (min, max);
            }
        }

        // The lesion surface wraps the lesion's voxels: its box is the voxel-centre box give or take a voxel.
        var stats = LabelStatistics.Compute(labels, (byte)TissueLabel.Lesion)!;
        double[] wmin = [stats.WorldMin.X, stats.WorldMin.Y, stats.WorldMin.Z], wmax = [stats.WorldMax.X, stats.WorldMax.Y, stats.WorldMax.Z];
        double[] spacing = [g.SpacingI, g.SpacingJ, g.SpacingK];
        for (var a = 0; a < 3; a++)
        {
            Assert.InRange(lesionBounds.Min[a], wmin[a] - spacing[a], wmin[a] + spacing[a]);
            Assert.InRange(lesionBounds.Max[a], wmax[a] - spacing[a], wmax[a] + spacing[a]);
        }

        // Cached: the same request gives the same bytes.
        Assert.Equal(glb, await client.GetByteArrayAsync($"{SeriesUrl(detail)}/meshes.glb?labels=5,8"));
    }

    [Theory]
    [InlineData("reslice/axial.png?index=99999", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?index=-1", HttpStatusCode.BadRequest)]
    [InlineData("reslice/sagittal.json?index=4096", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?index=x", HttpStatusCode.BadRequest)]
    [InlineData("reslice/diagonal.png", HttpStatusCode.NotFound)]
    [InlineData("reslice/axial.png?preset=rainbow", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?center=40", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?pixel=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?pixel=0.05", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=0&ny=0&nz=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=0&ny=1&nz=0&ux=0&uy=2&uz=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=0&ny=1&nz=0&ux=1", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=NaN&cy=0&cz=0&nx=0&ny=1&nz=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=0&ny=1&nz=0&size=5000", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=0&ny=1&nz=0&size=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=1e300&cy=0&cz=0&nx=0&ny=1&nz=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=1e300&ny=1e300&nz=0", HttpStatusCode.BadRequest)]
    [InlineData("reslice/probe.png?case=x", HttpStatusCode.BadRequest)]
    [InlineData("reslice/inplane.png", HttpStatusCode.BadRequest)]
    [InlineData("reslice/probe.png?case=00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound)]
    [InlineData("reslice/axial.png?slab=-1", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?slab=500", HttpStatusCode.BadRequest)]
    [InlineData("reslice/axial.png?slab=10&mode=median", HttpStatusCode.BadRequest)]
    [InlineData("reslice/oblique.png?cx=0&cy=0&cz=0&nx=0&ny=1&nz=0&size=1024&pixel=0.1&slab=100", HttpStatusCode.BadRequest)]
    [InlineData("overlay/axial.png?labels=abc", HttpStatusCode.BadRequest)]
    [InlineData("overlay/axial.png?labels=0", HttpStatusCode.BadRequest)]
    [InlineData("overlay/axial.png?labels=99", HttpStatusCode.BadRequest)]
    [InlineData("overlay/axial.png?labels=300", HttpStatusCode.BadRequest)]
    [InlineData("overlay/coronal.png?index=9999", HttpStatusCode.BadRequest)]
    [InlineData("meshes.glb?labels=8,42", HttpStatusCode.BadRequest)]
    public async Task BadRequests_ProblemDetails(string suffix, HttpStatusCode expected)
    {
        var (client, detail, _, _) = await DemoAsync();
        var response = await client.GetAsync($"{SeriesUrl(detail)}/{suffix}");
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("reslice/axial.png")]
    [InlineData("reslice/axial.json")]
    [InlineData("overlay/axial.png")]
    [InlineData("labels")]
    [InlineData("meshes.glb")]
    public async Task UnknownSeries_ProblemDetails404(string suffix)
    {
        var response = await fixture.CreateClientAs(StaffRole.IrPhysician).GetAsync($"/api/series/1.2.3.999/{suffix}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task InPlane_CaseOfAnotherSeries_400()
    {
        var (client, detail, _, _) = await DemoAsync();
        // The demo case exists, but the request names a different series.
        var response = await client.GetAsync($"/api/series/1.2.3.999/reslice/inplane.json?case={detail.Id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // the series itself is unknown first
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{SeriesUrl(detail)}/reslice/inplane.json?case={detail.Id}")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_ListsTheViewEndpointsWithSummaries()
    {
        var doc = await fixture.Factory!.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/series/{uid}/reslice/{kind}.png", "/api/series/{uid}/reslice/{kind}.json", "/api/series/{uid}/overlay/{kind}.png",
            "/api/series/{uid}/labels", "/api/series/{uid}/meshes.glb" })
        {
            Assert.True(paths.TryGetProperty(path, out var item), path);
            Assert.False(string.IsNullOrEmpty(item.GetProperty("get").GetProperty("summary").GetString()));
        }
    }

    private async Task<(HttpClient Client, CaseDetailDto Detail, Volume<short> Volume, Volume<byte> Labels)> DemoAsync()
    {
        var client = fixture.CreateClientAs(StaffRole.IrPhysician);
        var detail = (await client.GetFromJsonAsync<CaseDetailDto>($"/api/cases/{fixture.DemoCaseId}", Json))!;
        await using var scope = fixture.Factory!.Services.CreateAsyncScope();
        var cache = scope.ServiceProvider.GetRequiredService<VolumeCache>();
        var volume = (await cache.GetHounsfieldAsync(detail.Series!.SeriesInstanceUid, CancellationToken.None))!;
        var labels = (await cache.GetLabelsAsync(detail.Series.SeriesInstanceUid, CancellationToken.None))!;
        return (client, detail, volume, labels);
    }

    private static async Task AssertImageAsync(HttpClient client, string url, ReslicedImage expected, WindowLevel window, SlicePlane plane)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var png = PngTestDecoder.Decode(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected.Width, png.Width);
        Assert.Equal(expected.Height, png.Height);
        Assert.Equal(expected.ToGray8(window), png.Pixels);
        Assert.True(png.Pixels.Distinct().Count() > 20, $"{url} looks blank");
        AssertPlane(plane, JsonSerializer.Deserialize<ViewPlaneDto>(response.Headers.GetValues("X-Slice-Plane").Single(), Json)!);
    }

    private static void AssertPlane(SlicePlane expected, ViewPlaneDto actual)
    {
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.Equal(expected.PixelSpacingX, actual.PixelSpacing[0], 9);
        Assert.Equal(expected.PixelSpacingY, actual.PixelSpacing[1], 9);
        foreach (var (x, y) in new[] { (0.0, 0.0), (expected.Width - 1.0, 0.0), (3.5, expected.Height - 1.0) })
        {
            var p = expected.PixelToWorld(new PixelPoint(x, y));
            Assert.True(p.DistanceTo(PixelToWorld(actual, x, y)) < 1e-6, $"pixel ({x}, {y})");
        }

        Assert.Equal(1, new Vector3D(actual.Normal[0], actual.Normal[1], actual.Normal[2]).Dot(expected.Normal), 9);
    }

    private static WorldPoint PixelToWorld(ViewPlaneDto p, double x, double y) => new(
        p.Origin[0] + (x * p.PixelSpacing[0] * p.RowDirection[0]) + (y * p.PixelSpacing[1] * p.ColumnDirection[0]),
        p.Origin[1] + (x * p.PixelSpacing[0] * p.RowDirection[1]) + (y * p.PixelSpacing[1] * p.ColumnDirection[1]),
        p.Origin[2] + (x * p.PixelSpacing[0] * p.RowDirection[2]) + (y * p.PixelSpacing[1] * p.ColumnDirection[2]));

    private static (double X, double Y) WorldToPixel(ViewPlaneDto p, WorldPoint w)
    {
        var d = new Vector3D(w.X - p.Origin[0], w.Y - p.Origin[1], w.Z - p.Origin[2]);
        return (d.Dot(new Vector3D(p.RowDirection[0], p.RowDirection[1], p.RowDirection[2])) / p.PixelSpacing[0],
            d.Dot(new Vector3D(p.ColumnDirection[0], p.ColumnDirection[1], p.ColumnDirection[2])) / p.PixelSpacing[1]);
    }

    private static (JsonElement Json, byte[] Bin) ReadGlb(byte[] glb)
    {
        Assert.Equal(0x46546C67u, BinaryPrimitives.ReadUInt32LittleEndian(glb)); // "glTF"
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(4)));
        Assert.Equal((uint)glb.Length, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(8)));
        var jsonLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(12));
        Assert.Equal(0x4E4F534Au, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(16))); // "JSON"
        Assert.Equal(0, jsonLength % 4);
        var json = JsonDocument.Parse(Encoding.UTF8.GetString(glb, 20, jsonLength)).RootElement.Clone();
        var binStart = 20 + jsonLength;
        var binLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(binStart));
        Assert.Equal(0x004E4942u, BinaryPrimitives.ReadUInt32LittleEndian(glb.AsSpan(binStart + 4))); // "BIN\0"
        Assert.Equal(glb.Length, binStart + 8 + binLength);
        Assert.Equal("2.0", json.GetProperty("asset").GetProperty("version").GetString());
        return (json, glb[(binStart + 8)..(binStart + 8 + json.GetProperty("buffers")[0].GetProperty("byteLength").GetInt32())]);
    }

    private static string SeriesUrl(CaseDetailDto detail) => $"/api/series/{detail.Series!.SeriesInstanceUid}";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
