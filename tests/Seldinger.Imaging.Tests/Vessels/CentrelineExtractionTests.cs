using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class CentrelineExtractionTests
{
    [Fact]
    public void Extract_TubeWithSideBranch_TwoBranchesJoinedAtTheBifurcationInsideTheLumen()
    {
        var g = VesselTestShapes.Cube(32, 0.4);
        WorldPoint bottom = new(10, 16, 2), top = new(10, 16, 30), fork = new(10, 16, 16), side = new(28, 16, 22);
        var trunk = VesselTestShapes.Tube(bottom, top, 2.5, 2.5);
        var branch = VesselTestShapes.Tube(fork, side, 1.2, 1.2);
        var mask = VesselTestShapes.Draw(g, p => trunk(p) || branch(p));
        var wall = VesselLumen.WallDistance(mask);
        Assert.True(g.TryGetVoxel(bottom + new Vector3D(0, 0, 0.5), out var root));

        var tree = CentrelineExtraction.Extract(mask, wall, root);

        Assert.Equal(2, tree.Branches.Count);
        Assert.Equal(-1, tree.Branches[0].Parent);
        var child = tree.Branches[1];
        Assert.Equal(0, child.Parent);
        var junction = tree.Branches[0].Points[child.ParentIndex];
        Assert.InRange(junction.DistanceTo(fork), 0, 3);
        Assert.All(tree.Branches.SelectMany(b => b.Voxels), v => Assert.Equal(1, mask[v]));

        // The two ends: the top of the trunk and the end of the side branch, each within a radius of the true end.
        var ends = tree.Branches.Select(b => b.Points[^1]).ToList();
        Assert.Contains(ends, e => e.DistanceTo(top) < 2.5 + 0.5);
        Assert.Contains(ends, e => e.DistanceTo(side) < 1.2 + 0.5);
        Assert.Equal([child.ParentIndex], tree.JunctionsOn(0));
    }

    [Fact]
    public void Extract_StraightTube_OneBranchAlongTheAxis()
    {
        var g = VesselTestShapes.Cube(24, 0.5);
        WorldPoint a = new(4, 6, 5), b = new(20, 18, 19);
        var mask = VesselTestShapes.Draw(g, VesselTestShapes.Tube(a, b, 2, 2));
        var wall = VesselLumen.WallDistance(mask);
        Assert.True(g.TryGetVoxel(a, out var root));
        var tree = CentrelineExtraction.Extract(mask, wall, root);
        var only = Assert.Single(tree.Branches);
        // Away from the rounded ends (where the farthest voxel may sit off the axis on the cap) the branch is on the axis.
        Assert.All(
            only.Points.Where(p => p.DistanceTo(a) > 3 && p.DistanceTo(b) > 3),
            p => Assert.InRange(VesselTestShapes.ToSegment(p, a, b).Distance, 0, 0.5));
        Assert.InRange(VesselPolyline.Length(VesselPolyline.Smooth(only.Points, 1.5)), a.DistanceTo(b) - 2, a.DistanceTo(b) + 2.5);
    }
}
