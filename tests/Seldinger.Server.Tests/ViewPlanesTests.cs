using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Resampling;
using Seldinger.Imaging.Reslicing;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Server.Tests;

/// <summary>The plane rules of the view endpoints on grids other than the demo's: flipped, permuted, anisotropic.</summary>
public sealed class ViewPlanesTests
{
    [Fact]
    public void StandardPlanes_FlippedSliceOrder_PlaneNIsTheNthLayerFromInferior()
    {
        // Slices stored superior → inferior (k runs along −z), rows along −y.
        var g = new VolumeGeometry(7, 5, 6, new WorldPoint(10, 20, 30), 1.5, 2, 3, new Matrix3(1, 0, 0, 0, -1, 0, 0, 0, -1));
        var volume = new Volume<short>(g);
        var random = new Random(3);
        for (var n = 0; n < volume.Voxels.Length; n++)
        {
            volume.Voxels[n] = (short)random.Next(-1000, 1000);
        }

        var (_, first, step, count) = ViewPlanes.StandardAxis(g, "axial");
        Assert.Equal(6, count);
        Assert.Equal(3, step);
        Assert.Equal(30 - (5 * 3), first, 9);
        for (var n = 0; n < count; n++)
        {
            var (plane, index, planes) = ViewPlanes.Build("axial", new ViewQuery { Index = n }, g, null);
            Assert.Equal(n, index);
            Assert.Equal(count, planes);
            var image = Reslicer.Reslice(volume, plane, Interpolator.Nearest);
            var k = count - 1 - n;
            for (var y = 0; y < image.Height; y++)
            {
                for (var x = 0; x < image.Width; x++)
                {
                    var voxel = g.WorldToIndex(plane.PixelToWorld(new PixelPoint(x, y))).Round();
                    Assert.Equal(k, voxel.K);
                    Assert.Equal(volume[voxel.I, voxel.J, voxel.K], image[x, y]);
                }
            }
        }

        var coronal = ViewPlanes.StandardAxis(g, "coronal");
        Assert.Equal((5, 2.0, 20 - 8.0), (coronal.Count, coronal.Step, coronal.First));
        var sagittal = ViewPlanes.StandardAxis(g, "sagittal");
        Assert.Equal((7, 1.5, 10.0), (sagittal.Count, sagittal.Step, sagittal.First));
    }

    [Fact]
    public void StandardPlanes_PermutedAxes_StepIsTheSpacingAlongThatAxis()
    {
        // A sagittal acquisition: i along −y (anterior), j along −z, k along +x.
        var g = new VolumeGeometry(40, 30, 20, new WorldPoint(0, 0, 0), 0.8, 1.2, 2.5, Matrix3.FromColumns(-Vector3D.UnitY, -Vector3D.UnitZ, Vector3D.UnitX));
        Assert.Equal((20, 2.5), (ViewPlanes.StandardAxis(g, "sagittal").Count, ViewPlanes.StandardAxis(g, "sagittal").Step));
        Assert.Equal((40, 0.8), (ViewPlanes.StandardAxis(g, "coronal").Count, ViewPlanes.StandardAxis(g, "coronal").Step));
        Assert.Equal((30, 1.2), (ViewPlanes.StandardAxis(g, "axial").Count, ViewPlanes.StandardAxis(g, "axial").Step));
        var ex = Assert.Throws<ViewRequestException>(() => ViewPlanes.Build("axial", new ViewQuery { Index = 30 }, g, null));
        Assert.Contains("0 to 29", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.0, 1.0, null, null, null)]
    [InlineData(0.3, -0.2, 1.0, null, null, null)]
    [InlineData(1.0, 0.2, 0.3, null, null, null)]
    [InlineData(0.0, 1.0, 0.0, null, null, null)]
    [InlineData(0.2, 0.7, 0.1, 1.0, 0.0, 0.5)]
    public void Oblique_FrameIsRightHandedAndUpIsUp(double nx, double ny, double nz, double? ux, double? uy, double? uz)
    {
        var g = new VolumeGeometry(10, 10, 10, new WorldPoint(0, 0, 0), 1, 1, 1);
        var query = new ViewQuery { Cx = 1, Cy = 2, Cz = 3, Nx = nx, Ny = ny, Nz = nz, Ux = ux, Uy = uy, Uz = uz, Size = 21, Pixel = 0.5 };
        var (plane, _, _) = ViewPlanes.Build("oblique", query, g, null);
        var normal = new Vector3D(nx, ny, nz).Normalized;
        Assert.Equal(1, plane.Normal.Dot(normal), 9);
        Assert.Equal(0, plane.RowDirection.Dot(plane.ColumnDirection), 9);
        Assert.True(plane.Center.DistanceTo(new WorldPoint(1, 2, 3)) < 1e-9);
        var up = ux is null
            ? (Math.Abs(normal.Z) > Math.Sqrt(0.5) ? -Vector3D.UnitY : Vector3D.UnitZ)
            : new Vector3D(ux.Value, uy!.Value, uz!.Value).Normalized;
        // Screen up (−column) is the in-plane direction closest to the requested up.
        var inPlaneUp = (up - (normal * up.Dot(normal))).Normalized;
        Assert.Equal(1, (-plane.ColumnDirection).Dot(inPlaneUp), 9);
    }

    [Fact]
    public void LabelFilter_ParsesSortsAndChecks()
    {
        byte[] present = [1, 5, 8];
        Assert.Equal([1, 5, 8], ViewPlanes.LabelFilter(null, present));
        Assert.Equal([5, 8], ViewPlanes.LabelFilter(" 8, 5,8 ", present));
        Assert.Empty(ViewPlanes.LabelFilter("", present));
        Assert.Throws<ViewRequestException>(() => ViewPlanes.LabelFilter("7", present));
        Assert.Throws<ViewRequestException>(() => ViewPlanes.LabelFilter("-5", present));
        Assert.Throws<ViewRequestException>(() => ViewPlanes.LabelFilter("5;8", present));
        Assert.Throws<ViewRequestException>(() => ViewPlanes.LabelFilter("256", present));
    }

    [Fact]
    public void Slab_BoundsTheWork()
    {
        var g = new VolumeGeometry(10, 10, 10, new WorldPoint(0, 0, 0), 0.5, 0.5, 0.5);
        var plane = SlicePlane.FromCenter(new WorldPoint(0, 0, 0), Vector3D.UnitX, Vector3D.UnitY, 1024, 1024, 1, 1);
        Assert.Equal((12.0, SlabProjection.Minimum), ViewPlanes.Slab(new ViewQuery { Slab = 12, Mode = "MinIP" }, plane, g)); // 49 samples a pixel
        // 1024² pixels × (60 mm / 0.25 mm + 1) samples is over the limit.
        Assert.Throws<ViewRequestException>(() => ViewPlanes.Slab(new ViewQuery { Slab = 60 }, plane, g));
        Assert.Throws<ViewRequestException>(() => ViewPlanes.Slab(new ViewQuery { Slab = double.NaN }, plane, g));
    }
}
