using System.Collections.Concurrent;
using Seldinger.Imaging.Buffers;
using Seldinger.Imaging.Filters;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Morphology;

namespace Seldinger.Imaging.Tests.Buffers;

/// <summary>
/// A pool that counts rentals, hands out arrays longer than asked for and filled with garbage, and fails
/// on a return of an array it did not hand out (or a second return).
/// </summary>
internal sealed class CountingPool : BufferPool
{
    private readonly ConcurrentDictionary<object, int> _outstanding = new(ReferenceEqualityComparer.Instance);
    private int _rents;
    private int _badReturns;

    public int Rents => _rents;

    public int Outstanding => _outstanding.Count;

    public int BadReturns => _badReturns;

    protected override T[] RentCore<T>(int minimumLength)
    {
        var array = new T[minimumLength + 7];
        Poison(array);
        Interlocked.Increment(ref _rents);
        _outstanding[array] = 0;
        return array;
    }

    protected override void ReturnCore<T>(T[] array)
    {
        if (!_outstanding.TryRemove(array, out _))
        {
            Interlocked.Increment(ref _badReturns);
        }
    }

    private static void Poison<T>(T[] array)
    {
        switch (array)
        {
            case float[] f:
                f.AsSpan().Fill(float.NaN);
                break;
            case double[] d:
                d.AsSpan().Fill(double.NaN);
                break;
            case int[] i:
                i.AsSpan().Fill(int.MinValue);
                break;
            case byte[] b:
                b.AsSpan().Fill(0xCD);
                break;
            case bool[] t:
                t.AsSpan().Fill(true);
                break;
            default:
                break;
        }
    }
}

public class BufferPoolTests
{
    private static Volume<byte> RandomMask(int seed, VolumeGeometry g, double density)
    {
        var random = new Random(seed);
        var mask = new Volume<byte>(g);
        for (var n = 0; n < mask.Voxels.Length; n++)
        {
            mask.Voxels[n] = random.NextDouble() < density ? (byte)1 : (byte)0;
        }

        return mask;
    }

    [Fact]
    public void DistanceTransform_ReturnsEveryRentedBuffer_AndIgnoresStaleContents()
    {
        var g = new VolumeGeometry(37, 29, 23, WorldPoint.Origin, 0.7, 1.1, 2.3);
        var mask = RandomMask(91, g, 0.01);
        var expected = EuclideanDistanceTransform.Compute(mask, 1).Voxels;
        var expectedSigned = EuclideanDistanceTransform.ComputeSigned(mask, 1).Voxels;
        var pool = new CountingPool();
        float[] actual, actualSigned;
        using (BufferPool.Use(pool))
        {
            Assert.Same(pool, BufferPool.Current);
            actual = EuclideanDistanceTransform.Compute(mask, 1).Voxels;
            actualSigned = EuclideanDistanceTransform.ComputeSigned(mask, 1).Voxels;
        }

        Assert.NotSame(pool, BufferPool.Current);
        Assert.True(pool.Rents > 0, "the distance transform rented nothing from the current pool");
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.BadReturns);
        Assert.Equal(expected, actual);
        Assert.Equal(expectedSigned, actualSigned);
    }

    [Fact]
    public void Morphology_ReturnsEveryRentedBuffer_AndIgnoresStaleContents()
    {
        var g = new VolumeGeometry(21, 17, 13, WorldPoint.Origin, 0.8, 1.0, 1.7);
        var mask = RandomMask(92, g, 0.3);
        var operations = new Func<Volume<byte>, Volume<byte>>[]
        {
            m => BinaryMorphology.Dilate(m, 2.1),
            m => BinaryMorphology.Erode(m, 2.1),
            m => BinaryMorphology.Open(m, 1.6),
            m => BinaryMorphology.Close(m, 1.6),
        };
        var expected = operations.Select(op => op(mask).Voxels).ToArray();
        var pool = new CountingPool();
        byte[][] actual;
        using (BufferPool.Use(pool))
        {
            actual = operations.Select(op => op(mask).Voxels).ToArray();
        }

        // Dilate and erode rent two buffers each; open and close rent their intermediate volume too.
        Assert.True(pool.Rents >= 10, $"only {pool.Rents} rentals");
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.BadReturns);
        for (var n = 0; n < expected.Length; n++)
        {
            Assert.Equal(expected[n], actual[n]);
        }
    }

    [Fact]
    public void Use_Nested_RestoresThePreviousPool()
    {
        var outer = new CountingPool();
        var inner = new CountingPool();
        using (BufferPool.Use(outer))
        {
            using (BufferPool.Use(inner))
            {
                Assert.Same(inner, BufferPool.Current);
            }

            Assert.Same(outer, BufferPool.Current);
        }

        Assert.Same(BufferPool.Shared, BufferPool.Current);
    }

    [Fact]
    public void PooledVolume_DisposeTwice_ReturnsOnce_AndClearMeansZero()
    {
        var pool = new CountingPool();
        using (BufferPool.Use(pool))
        {
            var volume = new PooledVolume<float>(new VolumeGeometry(4, 3, 2, WorldPoint.Origin, 1, 1, 1), clear: true);
            Assert.Equal(24, volume.Length);
            Assert.All(volume.Voxels.ToArray(), v => Assert.Equal(0f, v));
            volume.Dispose();
            volume.Dispose();
            Assert.Throws<ObjectDisposedException>(() => volume.Array);
        }

        Assert.Equal(1, pool.Rents);
        Assert.Equal(0, pool.Outstanding);
        Assert.Equal(0, pool.BadReturns);
    }

    [Fact]
    public void Rent_NegativeLength_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BufferPool.Shared.Rent<int>(-1));
}
