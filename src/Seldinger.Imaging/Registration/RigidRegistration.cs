using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Internal;
using Seldinger.Imaging.Registration.Internal;

namespace Seldinger.Imaging.Registration;

/// <summary>
/// Intensity-based rigid registration (6 degrees of freedom) of two CT volumes of the same patient, and resampling of
/// the moving image onto the fixed grid.
/// </summary>
/// <remarks>
/// <para>
/// The transform is three rotations about a centre (X, then Y, then Z) and a translation, composed after the initial
/// transform. Each pyramid level block-averages both images to about its spacing, samples a bounded set of fixed
/// voxels of the region of interest (chosen with the options' seed), and runs a regular-step gradient descent: a
/// central finite-difference gradient of the similarity, a step of fixed length along it, kept when the similarity
/// improves and halved otherwise, until the step falls below a fraction of the spacing. Rotations are scaled by the
/// samples' RMS distance from the centre, so one unit of any parameter moves the region by about a millimetre.
/// </para>
/// <para>
/// Mutual information's ranges are the 0.5th to 99.5th percentiles of each image's values over the samples, so air
/// and bone do not flatten the soft-tissue bins.
/// </para>
/// </remarks>
public static class RigidRegistration
{
    private const int MinimumSamples = 64;
    private const double MinimumOverlap = 0.25;
    private const int SearchSamples = 3000;

    /// <summary>Finds the transform that maps <paramref name="fixedImage"/>'s points onto the same anatomy in <paramref name="movingImage"/>.</summary>
    /// <exception cref="ArgumentException">
    /// Options out of range, a mask on another grid or empty, an image without contrast in the region, or images that
    /// do not overlap under the initial transform.
    /// </exception>
    public static RigidRegistrationResult Register(Volume<short> fixedImage, Volume<short> movingImage, RigidRegistrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(fixedImage);
        ArgumentNullException.ThrowIfNull(movingImage);
        ArgumentNullException.ThrowIfNull(options);
        Validate(fixedImage, options);

        var fixedFull = FloatImage.From(fixedImage);
        var movingFull = FloatImage.From(movingImage);
        var maskFull = options.FixedMask is null ? null : FloatImage.From(options.FixedMask);
        var (boxLo, boxHi) = RegionBox(fixedImage.Geometry, options.FixedMask);
        var centre = options.RotationCentre ?? boxLo.Lerp(boxHi, 0.5);

        var parameters = new double[6];
        var levels = new List<RigidRegistrationLevel>();
        MetricEvaluator? last = null;
        double lastStep = 0, lastRadius = 1, lastMetric = 0;
        for (var level = 0; level < options.LevelSpacingsMm.Count; level++)
        {
            var spacing = options.LevelSpacingsMm[level];
            var fixedLevel = fixedFull.Downsample(spacing);
            var movingLevel = movingFull.Downsample(spacing);
            var maskLevel = maskFull?.Downsample(spacing);
            var (x, y, z, values) = ChooseSamples(fixedLevel, maskLevel, options.SamplesPerLevel, options.Seed + level);
            if (values.Length < MinimumSamples)
            {
                throw new ArgumentException($"The region of interest holds only {values.Length} voxels at {spacing} mm; registration needs at least {MinimumSamples}. Enlarge the mask or use finer levels.", nameof(options));
            }

            var fixedRange = PercentileRange(values, "fixed");
            var movingRange = PercentileRange(MovingValues(movingLevel, options.SamplesPerLevel), "moving");
            var evaluator = new MetricEvaluator(x, y, z, values, movingLevel, options.Metric, options.HistogramBins, fixedRange, movingRange);
            var radius = RmsRadius(x, y, z, centre);
            if (level == 0 && options.TranslationSearchMm > 0)
            {
                SearchTranslations(x, y, z, values, movingLevel, parameters, centre, options, fixedRange, movingRange, spacing);
            }

            var (iterations, start, final, step) = Optimise(evaluator, parameters, centre, options, radius, spacing, level == 0);
            levels.Add(new RigidRegistrationLevel(spacing, values.Length, iterations, start, final));
            last = evaluator;
            lastStep = step;
            lastRadius = radius;
            lastMetric = final;
        }

        var transform = ToTransform(parameters, centre, options.InitialTransform);
        var (_, overlap) = last!.Evaluate(transform);
        return new RigidRegistrationResult(
            transform,
            options.Metric,
            lastMetric,
            levels,
            last.ResidualRms(transform),
            overlap,
            ConvergenceDisplacement(parameters, centre, options.InitialTransform, lastStep, lastRadius, boxLo, boxHi));
    }

    /// <summary>
    /// The moving image on the fixed grid: each fixed voxel takes the moving image's trilinear value at the transformed
    /// point (rounded), or <paramref name="outsideValue"/> where that point lies outside the moving image.
    /// </summary>
    public static Volume<short> Resample(Volume<short> moving, RigidTransform transform, VolumeGeometry fixedGeometry, short outsideValue = -1024)
    {
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(fixedGeometry);
        var image = FloatImage.From(moving);
        var output = new Volume<short>(fixedGeometry);
        var w = image.WorldToIndex;
        var a = w * transform.Rotation * fixedGeometry.IndexToWorldMatrix;
        var b = w * ((transform.Rotation * fixedGeometry.Origin.ToVector()) + transform.Translation - moving.Geometry.Origin.ToVector());
        Parallel.For(0, fixedGeometry.SizeK, k =>
        {
            for (var j = 0; j < fixedGeometry.SizeJ; j++)
            {
                var n = fixedGeometry.LinearIndex(0, j, k);
                for (var i = 0; i < fixedGeometry.SizeI; i++)
                {
                    var p = (a * new Vector3D(i, j, k)) + b;
                    output.Voxels[n + i] = image.TrySample(p.X, p.Y, p.Z, out var v)
                        ? (short)Math.Clamp(Math.Round(v), short.MinValue, short.MaxValue)
                        : outsideValue;
                }
            }
        });
        return output;
    }

    /// <summary>A label map on the fixed grid: each fixed voxel takes the label of the moving voxel nearest the transformed point (0 outside).</summary>
    public static Volume<byte> ResampleLabels(Volume<byte> moving, RigidTransform transform, VolumeGeometry fixedGeometry)
    {
        ArgumentNullException.ThrowIfNull(moving);
        ArgumentNullException.ThrowIfNull(fixedGeometry);
        var g = moving.Geometry;
        var output = new Volume<byte>(fixedGeometry);
        var w = g.IndexToWorldMatrix.Inverse();
        var a = w * transform.Rotation * fixedGeometry.IndexToWorldMatrix;
        var b = w * ((transform.Rotation * fixedGeometry.Origin.ToVector()) + transform.Translation - g.Origin.ToVector());
        Parallel.For(0, fixedGeometry.SizeK, k =>
        {
            for (var j = 0; j < fixedGeometry.SizeJ; j++)
            {
                var n = fixedGeometry.LinearIndex(0, j, k);
                for (var i = 0; i < fixedGeometry.SizeI; i++)
                {
                    var p = (a * new Vector3D(i, j, k)) + b;
                    int vi = (int)Math.Round(p.X), vj = (int)Math.Round(p.Y), vk = (int)Math.Round(p.Z);
                    if ((uint)vi < (uint)g.SizeI && (uint)vj < (uint)g.SizeJ && (uint)vk < (uint)g.SizeK)
                    {
                        output.Voxels[n + i] = moving.Voxels[g.LinearIndex(vi, vj, vk)];
                    }
                }
            }
        });
        return output;
    }

    private static (int Iterations, double Start, double Final, double Step) Optimise(
        MetricEvaluator evaluator, double[] parameters, WorldPoint centre, RigidRegistrationOptions options, double radius, double spacing, bool firstLevel)
    {
        // Scaled parameters: rotations × radius (mm of arc at the region's RMS radius), translations in mm.
        var scale = new[] { radius, radius, radius, 1.0, 1.0, 1.0 };
        double Cost(double[] p)
        {
            var (similarity, overlap) = evaluator.Evaluate(ToTransform(p, centre, options.InitialTransform));
            return overlap < MinimumOverlap ? double.PositiveInfinity : -similarity;
        }

        var cost = Cost(parameters);
        if (double.IsPositiveInfinity(cost))
        {
            var (_, overlap) = evaluator.Evaluate(ToTransform(parameters, centre, options.InitialTransform));
            throw new ArgumentException(
                firstLevel
                    ? $"The images do not overlap: only {overlap:P0} of the fixed region's samples fall inside the moving image under the initial transform (at least {MinimumOverlap:P0} needed)."
                    : $"The registration drifted out of the moving image ({overlap:P0} overlap at {spacing} mm).",
                nameof(options));
        }

        var start = -cost;
        var step = spacing;
        var minimumStep = options.MinimumStepFraction * spacing;
        var h = 0.5 * spacing;
        var gradient = new double[6];
        var trial = new double[6];
        var needGradient = true;
        var iterations = 0;
        while (iterations < options.MaxIterationsPerLevel && step >= minimumStep)
        {
            iterations++;
            if (needGradient)
            {
                double norm = 0;
                for (var d = 0; d < 6; d++)
                {
                    Array.Copy(parameters, trial, 6);
                    trial[d] = parameters[d] + (h / scale[d]);
                    var plus = Cost(trial);
                    trial[d] = parameters[d] - (h / scale[d]);
                    var minus = Cost(trial);
                    gradient[d] = double.IsFinite(plus) && double.IsFinite(minus) ? (plus - minus) / (2 * h) : 0;
                    norm += gradient[d] * gradient[d];
                }

                norm = Math.Sqrt(norm);
                if (norm == 0)
                {
                    break;
                }

                for (var d = 0; d < 6; d++)
                {
                    gradient[d] /= norm;
                }

                needGradient = false;
            }

            for (var d = 0; d < 6; d++)
            {
                trial[d] = parameters[d] - (step * gradient[d] / scale[d]);
            }

            var trialCost = Cost(trial);
            if (trialCost < cost)
            {
                Array.Copy(trial, parameters, 6);
                cost = trialCost;
                needGradient = true;
            }
            else
            {
                step *= 0.5;
            }
        }

        return (iterations, start, -cost, step);
    }

    // The descent's capture range is a few times the coarsest spacing; a coarse grid of translations on a subset of the
    // samples finds the right basin first when the patient moved further than that.
    private static void SearchTranslations(
        double[] x, double[] y, double[] z, float[] values, FloatImage moving, double[] parameters, WorldPoint centre,
        RigidRegistrationOptions options, (double Min, double Max) fixedRange, (double Min, double Max) movingRange, double spacing)
    {
        var stride = Math.Max(1, values.Length / SearchSamples);
        var count = (values.Length + stride - 1) / stride;
        double[] sx = new double[count], sy = new double[count], sz = new double[count];
        var sv = new float[count];
        for (var s = 0; s < count; s++)
        {
            (sx[s], sy[s], sz[s], sv[s]) = (x[s * stride], y[s * stride], z[s * stride], values[s * stride]);
        }

        var evaluator = new MetricEvaluator(sx, sy, sz, sv, moving, options.Metric, options.HistogramBins, fixedRange, movingRange);
        var reach = options.TranslationSearchMm;
        var step = Math.Max(spacing, reach / 5);
        var steps = (int)Math.Floor(reach / step);
        var best = (double[])parameters.Clone();
        var (bestSimilarity, bestOverlap) = evaluator.Evaluate(ToTransform(parameters, centre, options.InitialTransform));
        var bestScore = bestOverlap < MinimumOverlap ? double.NegativeInfinity : bestSimilarity;
        var trial = (double[])parameters.Clone();
        {
            for (var a = -steps; a <= steps; a++)
            {
                for (var b = -steps; b <= steps; b++)
                {
                    for (var c = -steps; c <= steps; c++)
                    {
                        trial[3] = parameters[3] + (a * step);
                        trial[4] = parameters[4] + (b * step);
                        trial[5] = parameters[5] + (c * step);
                        var (similarity, overlap) = evaluator.Evaluate(ToTransform(trial, centre, options.InitialTransform));
                        if (overlap >= MinimumOverlap && similarity > bestScore)
                        {
                            bestScore = similarity;
                            Array.Copy(trial, best, 6);
                        }
                    }
                }
            }
        }

        if (!double.IsNegativeInfinity(bestScore))
        {
            Array.Copy(best, parameters, 6);
        }
    }

    private static RigidTransform ToTransform(double[] p, WorldPoint centre, RigidTransform initial) =>
        RigidTransform.FromEulerAngles(centre, p[0], p[1], p[2], new Vector3D(p[3], p[4], p[5])).After(initial);

    private static double ConvergenceDisplacement(double[] parameters, WorldPoint centre, RigidTransform initial, double step, double radius, WorldPoint lo, WorldPoint hi)
    {
        var corners = new List<WorldPoint>(8);
        for (var c = 0; c < 8; c++)
        {
            corners.Add(new WorldPoint((c & 1) == 0 ? lo.X : hi.X, (c & 2) == 0 ? lo.Y : hi.Y, (c & 4) == 0 ? lo.Z : hi.Z));
        }

        var final = ToTransform(parameters, centre, initial);
        var worst = 0.0;
        var perturbed = new double[6];
        for (var d = 0; d < 6; d++)
        {
            Array.Copy(parameters, perturbed, 6);
            perturbed[d] += d < 3 ? step / radius : step;
            worst = Math.Max(worst, final.DifferenceAt(ToTransform(perturbed, centre, initial), corners).MaxMm);
        }

        return worst;
    }

    private static (double[] X, double[] Y, double[] Z, float[] Values) ChooseSamples(FloatImage image, FloatImage? mask, int maxSamples, int seed)
    {
        var g = image.Geometry;
        var candidates = new List<int>();
        for (var n = 0; n < image.Values.Length; n++)
        {
            if (mask is null || InMask(mask, g.IndexToWorld(g.VoxelAt(n))))
            {
                candidates.Add(n);
            }
        }

        // Partial Fisher–Yates with a seeded stream, then sorted back into memory order for cache-friendly sampling.
        var random = new Xoshiro256StarStar(Xoshiro256StarStar.StreamSeed(seed, 0x5265_6769));
        var count = Math.Min(maxSamples, candidates.Count);
        for (var s = 0; s < count; s++)
        {
            var pick = s + (int)(random.NextDouble() * (candidates.Count - s));
            (candidates[s], candidates[pick]) = (candidates[pick], candidates[s]);
        }

        var chosen = candidates.GetRange(0, count);
        chosen.Sort();
        var x = new double[count];
        var y = new double[count];
        var z = new double[count];
        var values = new float[count];
        for (var s = 0; s < count; s++)
        {
            var p = g.IndexToWorld(g.VoxelAt(chosen[s]));
            (x[s], y[s], z[s]) = (p.X, p.Y, p.Z);
            values[s] = image.Values[chosen[s]];
        }

        return (x, y, z, values);
    }

    private static bool InMask(FloatImage mask, WorldPoint point)
    {
        var index = mask.Geometry.WorldToIndex(point).Round();
        return mask.Geometry.Contains(index) && mask.Values[mask.Geometry.LinearIndex(index)] > 0;
    }

    private static float[] MovingValues(FloatImage moving, int maxSamples)
    {
        var stride = Math.Max(1, moving.Values.Length / Math.Max(1, maxSamples));
        var values = new float[(moving.Values.Length + stride - 1) / stride];
        for (var s = 0; s < values.Length; s++)
        {
            values[s] = moving.Values[s * stride];
        }

        return values;
    }

    private static (double Min, double Max) PercentileRange(float[] values, string which)
    {
        var sorted = (float[])values.Clone();
        Array.Sort(sorted);
        double lo = sorted[(int)(0.005 * (sorted.Length - 1))], hi = sorted[(int)Math.Ceiling(0.995 * (sorted.Length - 1))];
        if (hi <= lo)
        {
            (lo, hi) = (sorted[0], sorted[^1]);
        }

        if (hi <= lo)
        {
            throw new ArgumentException($"The {which} image has no contrast in the region of interest (every sampled voxel is {lo}); there is nothing to register.");
        }

        return (lo, hi);
    }

    private static double RmsRadius(double[] x, double[] y, double[] z, WorldPoint centre)
    {
        double sum = 0;
        for (var s = 0; s < x.Length; s++)
        {
            double dx = x[s] - centre.X, dy = y[s] - centre.Y, dz = z[s] - centre.Z;
            sum += (dx * dx) + (dy * dy) + (dz * dz);
        }

        return Math.Max(1, Math.Sqrt(sum / Math.Max(1, x.Length)));
    }

    private static (WorldPoint Lo, WorldPoint Hi) RegionBox(VolumeGeometry geometry, Volume<byte>? mask)
    {
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, minZ = double.PositiveInfinity;
        double maxX = double.NegativeInfinity, maxY = double.NegativeInfinity, maxZ = double.NegativeInfinity;
        void Include(WorldPoint p)
        {
            (minX, minY, minZ) = (Math.Min(minX, p.X), Math.Min(minY, p.Y), Math.Min(minZ, p.Z));
            (maxX, maxY, maxZ) = (Math.Max(maxX, p.X), Math.Max(maxY, p.Y), Math.Max(maxZ, p.Z));
        }

        if (mask is null)
        {
            for (var c = 0; c < 8; c++)
            {
                Include(geometry.IndexToWorld(new VoxelIndex((c & 1) == 0 ? 0 : geometry.SizeI - 1, (c & 2) == 0 ? 0 : geometry.SizeJ - 1, (c & 4) == 0 ? 0 : geometry.SizeK - 1)));
            }
        }
        else
        {
            for (var n = 0; n < mask.Voxels.Length; n++)
            {
                if (mask.Voxels[n] != 0)
                {
                    Include(geometry.IndexToWorld(geometry.VoxelAt(n)));
                }
            }
        }

        return (new WorldPoint(minX, minY, minZ), new WorldPoint(maxX, maxY, maxZ));
    }

    private static void Validate(Volume<short> fixedImage, RigidRegistrationOptions options)
    {
        if (options.LevelSpacingsMm is null || options.LevelSpacingsMm.Count == 0)
        {
            throw new ArgumentException("Registration needs at least one pyramid level spacing.", nameof(options));
        }

        foreach (var s in options.LevelSpacingsMm)
        {
            if (!(s > 0 && s <= 100))
            {
                throw new ArgumentException($"A pyramid level spacing must lie in (0, 100] mm, not {s}.", nameof(options));
            }
        }

        if (options.SamplesPerLevel < MinimumSamples || options.SamplesPerLevel > 10_000_000)
        {
            throw new ArgumentException($"Samples per level must lie in [{MinimumSamples}, 10 000 000], not {options.SamplesPerLevel}.", nameof(options));
        }

        if (options.MaxIterationsPerLevel < 1 || options.MaxIterationsPerLevel > 100_000)
        {
            throw new ArgumentException($"Iterations per level must lie in [1, 100 000], not {options.MaxIterationsPerLevel}.", nameof(options));
        }

        if (options.HistogramBins < 8 || options.HistogramBins > 512)
        {
            throw new ArgumentException($"Histogram bins must lie in [8, 512], not {options.HistogramBins}.", nameof(options));
        }

        if (!(options.MinimumStepFraction > 0 && options.MinimumStepFraction < 1))
        {
            throw new ArgumentException($"The minimum step fraction must lie in (0, 1), not {options.MinimumStepFraction}.", nameof(options));
        }

        if (!(options.TranslationSearchMm >= 0 && options.TranslationSearchMm <= 100))
        {
            throw new ArgumentException($"The translation search reach must lie in [0, 100] mm, not {options.TranslationSearchMm}.", nameof(options));
        }

        if (options.FixedMask is { } mask)
        {
            if (mask.Geometry != fixedImage.Geometry)
            {
                throw new ArgumentException("The region-of-interest mask is not on the fixed image's grid.", nameof(options));
            }

            if (!mask.Voxels.AsSpan().ContainsAnyExcept((byte)0))
            {
                throw new ArgumentException("The region-of-interest mask is empty.", nameof(options));
            }
        }
    }
}
