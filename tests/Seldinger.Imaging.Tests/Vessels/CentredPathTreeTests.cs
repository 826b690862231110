using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Vessels;

namespace Seldinger.Imaging.Tests.Vessels;

public class CentredPathTreeTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void Build_RandomMasks_CostsAndLengthsMatchBellmanFord(double centring)
    {
        var random = new Random(11);
        for (var trial = 0; trial < 10; trial++)
        {
            var g = new VolumeGeometry(random.Next(3, 9), random.Next(3, 9), random.Next(2, 6), WorldPoint.Origin, 0.5 + random.NextDouble(), 0.5 + random.NextDouble(), 0.5 + random.NextDouble());
            var mask = new Volume<byte>(g);
            for (var n = 0; n < mask.Voxels.Length; n++)
            {
                mask.Voxels[n] = random.NextDouble() < 0.6 ? (byte)1 : (byte)0;
            }

            var source = Enumerable.Range(0, mask.Voxels.Length).First(n => mask.Voxels[n] != 0);
            var wall = VesselLumen.WallDistance(mask);
            var tree = CentredPathTree.Build(mask, wall, g.VoxelAt(source), centring);

            // Brute force: relax every edge until nothing changes; ties in cost may pick other paths, so compare costs,
            // and lengths only where the cheapest path is unique enough to matter (C = 0: cost is the length).
            var cost = Enumerable.Repeat(double.PositiveInfinity, mask.Voxels.Length).ToArray();
            cost[source] = 0;
            for (var changed = true; changed;)
            {
                changed = false;
                for (var v = 0; v < cost.Length; v++)
                {
                    if (double.IsPositiveInfinity(cost[v]))
                    {
                        continue;
                    }

                    var p = g.VoxelAt(v);
                    for (var dk = -1; dk <= 1; dk++)
                    {
                        for (var dj = -1; dj <= 1; dj++)
                        {
                            for (var di = -1; di <= 1; di++)
                            {
                                var q = new VoxelIndex(p.I + di, p.J + dj, p.K + dk);
                                if (q == p || !g.Contains(q) || mask[q] == 0)
                                {
                                    continue;
                                }

                                var w = g.LinearIndex(q);
                                var step = g.IndexToWorld(p).DistanceTo(g.IndexToWorld(q));
                                var r = 0.5 * (wall.Voxels[v] + wall.Voxels[w]);
                                var c = cost[v] + (step * (1 + (centring / (r * r))));
                                if (c < cost[w] - 1e-9)
                                {
                                    cost[w] = c;
                                    changed = true;
                                }
                            }
                        }
                    }
                }
            }

            for (var v = 0; v < cost.Length; v++)
            {
                var voxel = g.VoxelAt(v);
                Assert.Equal(!double.IsPositiveInfinity(cost[v]), tree.Reaches(voxel));
                if (tree.Reaches(voxel))
                {
                    Assert.InRange(tree.CostTo(voxel) - cost[v], -1e-5 * (1 + cost[v]), 1e-5 * (1 + cost[v]));
                    var path = tree.PathTo(voxel);
                    Assert.Equal(g.VoxelAt(source), path[0]);
                    Assert.Equal(voxel, path[^1]);
                    var pathLength = VesselPolyline.Length(VesselPolyline.ToWorld(g, path));
                    Assert.InRange(tree.LengthTo(voxel) - pathLength, -1e-5 * (1 + pathLength), 1e-5 * (1 + pathLength));
                    if (centring == 0)
                    {
                        Assert.InRange(tree.LengthTo(voxel) - cost[v], -1e-5 * (1 + cost[v]), 1e-5 * (1 + cost[v]));
                    }
                }
            }
        }
    }

    [Fact]
    public void Build_BentTube_CentredPathKeepsToTheMiddleAndTheGeodesicCutsTheCorner()
    {
        var g = VesselTestShapes.Cube(30, 0.5);
        WorldPoint a = new(5, 5, 15), corner = new(25, 5, 15), b = new(25, 25, 15);
        var radius = 3.0;
        var leg1 = VesselTestShapes.Tube(a, corner, radius, radius);
        var leg2 = VesselTestShapes.Tube(corner, b, radius, radius);
        var mask = VesselTestShapes.Draw(g, p => leg1(p) || leg2(p));
        var wall = VesselLumen.WallDistance(mask);
        Assert.True(g.TryGetVoxel(a, out var from));
        Assert.True(g.TryGetVoxel(b, out var to));
        var centred = VesselPolyline.ToWorld(g, CentredPathTree.Build(mask, wall, from).PathTo(to));
        var geodesic = VesselPolyline.ToWorld(g, CentredPathTree.Build(mask, wall, from, 0).PathTo(to));
        var axisDistance = centred.Select(p => Math.Min(VesselTestShapes.ToSegment(p, a, corner).Distance, VesselTestShapes.ToSegment(p, corner, b).Distance)).ToList();
        Assert.True(axisDistance.Max() < 1.6, $"the centred path strays {axisDistance.Max():0.00} mm from the axis");
        var smoothedLength = VesselPolyline.Length(VesselPolyline.Smooth(centred, 1.5));
        Assert.InRange(smoothedLength, 40 - 3, 40 + 1);
        Assert.True(VesselPolyline.Length(geodesic) < smoothedLength);
    }

    [Fact]
    public void Build_SourceOutsideTheLumen_Throws()
    {
        var g = VesselTestShapes.Cube(4, 1);
        var mask = new Volume<byte>(g);
        Assert.Throws<ArgumentException>(() => CentredPathTree.Build(mask, VesselLumen.WallDistance(mask), new VoxelIndex(1, 1, 1)));
    }
}
