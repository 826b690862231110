using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Server.Services;

namespace Seldinger.Server.Tests;

/// <summary>The plain-words differences of two plans, and the label map digest a re-run compares.</summary>
public sealed class PlanComparisonTests
{
    private const string Before = """
        {"procedureId":"biopsy-deep","catalogueDigest":"aaa","catalogueVersion":1,"feasible":true,
         "routes":[{"lengthMm":54.95,"isSafe":true,"points":[{"x":1,"y":2,"z":3},{"x":4,"y":5,"z":6}]},{"lengthMm":60}],
         "rejections":{"too long":3},"targetReason":null}
        """;

    [Fact]
    public void Differences_SamePlan_None()
    {
        Assert.Empty(PlanComparison.Differences(Before, Before, 12));
    }

    [Fact]
    public void Differences_CatalogueFieldsOnly_NoneBecauseTheCallerWordsThem()
    {
        var after = Before.Replace("\"aaa\"", "\"bbb\"", StringComparison.Ordinal).Replace("\"catalogueVersion\":1", "\"catalogueVersion\":2", StringComparison.Ordinal);
        Assert.Empty(PlanComparison.Differences(Before, after, 12));
    }

    [Fact]
    public void Differences_ValuesCountsAndKeys_NamedByPathInDocumentOrder()
    {
        var after = """
            {"procedureId":"biopsy-deep","catalogueDigest":"aaa","catalogueVersion":1,"feasible":false,
             "routes":[{"lengthMm":56.1,"isSafe":true,"points":[{"x":1,"y":2,"z":3},{"x":4,"y":5.5,"z":6}]}],
             "rejections":{"too long":3,"crosses Bone":2},"targetReason":"deepest point"}
            """;
        Assert.Equal(
        [
            "feasible was true, now false.",
            "routes has 1 entries, was 2.",
            "routes[0].lengthMm was 54.95, now 56.1.",
            "routes[0].points[1].y was 5, now 5.5.",
            "rejections.crosses Bone is new: 2.",
            "targetReason was null, now \"deepest point\".",
        ], PlanComparison.Differences(Before, after, 12));
    }

    [Fact]
    public void Differences_MoreThanTheLimit_CountsTheRest()
    {
        var after = Before.Replace("\"x\":1", "\"x\":9", StringComparison.Ordinal).Replace("\"y\":2", "\"y\":9", StringComparison.Ordinal)
            .Replace("\"z\":3", "\"z\":9", StringComparison.Ordinal).Replace("\"x\":4", "\"x\":9", StringComparison.Ordinal);
        var differences = PlanComparison.Differences(Before, after, 2);
        Assert.Equal(3, differences.Count);
        Assert.Equal("… and 2 more difference(s).", differences[2]);
    }

    [Fact]
    public void LabelMapDigest_ChangesWithAnyVoxelOrTheGeometry_EqualForEqualMaps()
    {
        var geometry = new VolumeGeometry(7, 6, 5, new WorldPoint(-10, 20, 30.5), 0.7, 0.8, 2.5);
        var a = new Volume<byte>(geometry);
        var random = new Random(5);
        random.NextBytes(a.Voxels);
        var b = new Volume<byte>(geometry);
        a.Voxels.CopyTo(b.Voxels, 0);
        var digest = LabelMapDigest.Compute(a);
        Assert.Equal(64, digest.Length);
        Assert.Equal(digest, LabelMapDigest.Compute(b));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            [.. System.Text.Encoding.ASCII.GetBytes("7 6 5 -10 20 30.5 0.7 0.8 2.5 1 0 0 0 1 0 0 0 1\n"), .. a.Voxels])), digest);

        for (var n = 0; n < a.Voxels.Length; n += 37)
        {
            b.Voxels[n]++;
            Assert.NotEqual(digest, LabelMapDigest.Compute(b));
            b.Voxels[n]--;
        }

        var moved = new Volume<byte>(new VolumeGeometry(7, 6, 5, new WorldPoint(-10, 20, 30.5), 0.7, 0.8, 2.0));
        a.Voxels.CopyTo(moved.Voxels, 0);
        Assert.NotEqual(digest, LabelMapDigest.Compute(moved));
    }
}
