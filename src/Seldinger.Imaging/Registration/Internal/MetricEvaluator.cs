using Seldinger.Imaging.Geometry;

namespace Seldinger.Imaging.Registration.Internal;

/// <summary>
/// Scores a transform on a fixed set of fixed-image samples: the moving image is interpolated at each transformed
/// sample and the similarity is accumulated in a fixed number of chunks merged in order, so the value does not depend
/// on the thread schedule.
/// </summary>
internal sealed class MetricEvaluator
{
    private const int Chunks = 32;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _z;
    private readonly float[] _fixed;
    private readonly FloatImage _moving;
    private readonly RegistrationMetric _metric;
    private readonly JointHistogram? _histogram;
    private readonly double[][] _chunkCounts;
    private readonly CorrelationSums[] _chunkSums = new CorrelationSums[Chunks];
    private readonly int[] _chunkValid = new int[Chunks];

    public MetricEvaluator(double[] x, double[] y, double[] z, float[] fixedValues, FloatImage moving, RegistrationMetric metric, int bins, (double Min, double Max) fixedRange, (double Min, double Max) movingRange)
    {
        _x = x;
        _y = y;
        _z = z;
        _fixed = fixedValues;
        _moving = moving;
        _metric = metric;
        if (metric == RegistrationMetric.MattesMutualInformation)
        {
            _histogram = new JointHistogram(bins, fixedRange.Min, fixedRange.Max, movingRange.Min, movingRange.Max);
            _chunkCounts = new double[Chunks][];
            for (var c = 0; c < Chunks; c++)
            {
                _chunkCounts[c] = new double[bins * bins];
            }
        }
        else
        {
            _chunkCounts = [];
        }
    }

    public int SampleCount => _fixed.Length;

    /// <summary>The similarity and the fraction of samples that landed inside the moving image.</summary>
    public (double Similarity, double Overlap) Evaluate(RigidTransform transform)
    {
        var (a, b) = IndexMapping(transform);
        var n = _fixed.Length;
        Parallel.For(0, Chunks, c =>
        {
            int start = (int)((long)n * c / Chunks), end = (int)((long)n * (c + 1) / Chunks);
            var counts = _histogram is null ? null : _chunkCounts[c];
            if (counts is not null)
            {
                Array.Clear(counts);
            }

            var sums = default(CorrelationSums);
            var valid = 0;
            for (var s = start; s < end; s++)
            {
                double px = _x[s], py = _y[s], pz = _z[s];
                var ci = (a.M00 * px) + (a.M01 * py) + (a.M02 * pz) + b.X;
                var cj = (a.M10 * px) + (a.M11 * py) + (a.M12 * pz) + b.Y;
                var ck = (a.M20 * px) + (a.M21 * py) + (a.M22 * pz) + b.Z;
                if (!_moving.TrySample(ci, cj, ck, out var m))
                {
                    continue;
                }

                valid++;
                if (counts is not null)
                {
                    _histogram!.Add(counts, _fixed[s], m);
                }
                else
                {
                    sums.Add(_fixed[s], m);
                }
            }

            _chunkSums[c] = sums;
            _chunkValid[c] = valid;
        });

        var totalValid = 0;
        foreach (var v in _chunkValid)
        {
            totalValid += v;
        }

        var overlap = n == 0 ? 0 : (double)totalValid / n;
        if (_histogram is not null)
        {
            var bins = _histogram.Bins;
            var merged = new double[bins * bins];
            foreach (var counts in _chunkCounts)
            {
                for (var k = 0; k < merged.Length; k++)
                {
                    merged[k] += counts[k];
                }
            }

            return (JointHistogram.MutualInformation(merged, bins), overlap);
        }

        var all = default(CorrelationSums);
        foreach (var s in _chunkSums)
        {
            all.Merge(s);
        }

        return (all.Correlation, overlap);
    }

    /// <summary>RMS of fixed minus moving over the samples inside the moving image.</summary>
    public double ResidualRms(RigidTransform transform)
    {
        var (a, b) = IndexMapping(transform);
        double sum = 0;
        long count = 0;
        for (var s = 0; s < _fixed.Length; s++)
        {
            double px = _x[s], py = _y[s], pz = _z[s];
            var ci = (a.M00 * px) + (a.M01 * py) + (a.M02 * pz) + b.X;
            var cj = (a.M10 * px) + (a.M11 * py) + (a.M12 * pz) + b.Y;
            var ck = (a.M20 * px) + (a.M21 * py) + (a.M22 * pz) + b.Z;
            if (_moving.TrySample(ci, cj, ck, out var m))
            {
                var d = _fixed[s] - m;
                sum += d * d;
                count++;
            }
        }

        return count == 0 ? double.NaN : Math.Sqrt(sum / count);
    }

    // Fixed world point → moving continuous index in one affine step: W⁻¹·(R·p + t − origin).
    private (Matrix3 A, Vector3D B) IndexMapping(RigidTransform transform)
    {
        var w = _moving.WorldToIndex;
        return (w * transform.Rotation, w * (transform.Translation - _moving.Geometry.Origin.ToVector()));
    }
}
