using System.Globalization;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Internal;
using Seldinger.Imaging.Phantoms.Internal;

namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// Synthetic pediatric CT volumes with ground-truth labels for the cases of <see cref="PhantomCatalogue"/>:
/// a whole-body analytic anatomy (neck to below the knees, arms at the sides) sized by age from
/// <see cref="PediatricAnthropometry"/>, the case's pathology, a contrast phase and dose-dependent noise.
/// </summary>
/// <remarks>
/// <para>
/// Geometry: axial slices, identity direction (LPS), Z is the height above the soles in millimetres,
/// slices ordered inferior to superior over the case's <see cref="BodyRegion"/>, square pixels chosen so
/// the widest part of the region fills about 92 % of the field of view.
/// </para>
/// <para>
/// Values are assigned per voxel centre from analytic shapes (no partial volume) and Gaussian noise is
/// added from a xoshiro256** stream per slice, so the output depends only on the options, not on the
/// thread schedule. A target smaller than a voxel is still drawn as the voxel that holds its centre.
/// </para>
/// </remarks>
public static class WholeBodyPhantom
{
    /// <summary>Generates a case.</summary>
    /// <exception cref="ArgumentException">Unknown case name or an option out of its range (the message lists the valid values).</exception>
    public static WholeBodyPhantomResult Generate(WholeBodyPhantomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tables = PediatricAnthropometry.Default;
        var definition = PhantomCatalogue.Find(options.Case)
            ?? throw new ArgumentException($"Unknown phantom case '{options.Case}'; valid cases: {PhantomCatalogue.Names}.", nameof(options));
        Validate(options, tables);

        var age = options.AgeYears;
        var sizing = new BodyModel(age, definition, tables);
        var phase = options.Phase ?? definition.DefaultPhase;
        var diameter = WaterEquivalentDiameter(sizing, definition.Region);
        double? dose = options.NoiseSigmaHu is null ? options.DoseMgy ?? CtNoiseModel.DefaultDoseMgy(age) : null;
        var sigma = options.NoiseSigmaHu ?? CtNoiseModel.SigmaHu(dose!.Value, diameter);
        var geometry = options.Geometry ?? RegionGeometry(sizing, definition.Region, options.Size, options.SliceCount);

        // The anatomy again, now knowing the grid, so that plates and ducts thinner than a voxel stay whole.
        var model = new BodyModel(age, definition, tables, new Point(geometry.SpacingI, geometry.SpacingJ, geometry.SpacingK));

        var hounsfield = new Volume<short>(geometry);
        var labels = new Volume<byte>(geometry);
        var hu = Materials.TableFor(phase);
        var target = model.Target!;
        var targetVoxel = geometry.TryGetVoxel(target.Center, out var tv) ? tv : new VoxelIndex(-1, -1, -1);
        var targetHu = Materials.HounsfieldOf(model.TargetMaterial, phase);
        int columns = geometry.SizeI, rows = geometry.SizeJ;
        var origin = geometry.Origin;
        double si = geometry.SpacingI, sj = geometry.SpacingJ, sk = geometry.SpacingK;
        var seed = options.Seed;

        Parallel.For(0, geometry.SizeK, k =>
        {
            var z = origin.Z + (k * sk);
            var slice = model.Slice(z);
            var huSlice = hounsfield.SliceK(k);
            var labelSlice = labels.SliceK(k);
            var random = new Xoshiro256StarStar(Xoshiro256StarStar.StreamSeed(seed, k));
            var rowShapes = new Shape[slice.Shapes.Length];
            for (var j = 0; j < rows; j++)
            {
                var y = origin.Y + (j * sj);
                var count = 0;
                foreach (var s in slice.Shapes)
                {
                    if (y >= s.MinY && y <= s.MaxY)
                    {
                        rowShapes[count++] = s;
                    }
                }

                var shapes = rowShapes.AsSpan(0, count);
                for (var i = 0; i < columns; i++)
                {
                    var x = origin.X + (i * si);
                    var label = model.ClassifyBase(x, y, slice, out var material, out var zone);
                    label = BodyModel.Paint(x, y, z, shapes, label, zone, ref material);
                    double value = hu[(int)material];
                    if (k == targetVoxel.K && j == targetVoxel.J && i == targetVoxel.I && label != target.Label)
                    {
                        (label, value) = (target.Label, targetHu);
                    }

                    if (sigma > 0)
                    {
                        value += sigma * random.NextGaussian();
                    }

                    var n = i + (j * columns);
                    labelSlice[n] = (byte)label;
                    huSlice[n] = (short)Math.Clamp(Math.Round(value), -1024, 3071);
                }
            }
        });

        var sizes = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var table in tables.Tables)
        {
            foreach (var key in table.Keys)
            {
                sizes[key] = Math.Round(tables.Value(key, age), 3);
            }
        }

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Synthetic pediatric CT '{definition.Name}', age {age:0.#} y ({model.Stature:0} mm), {definition.Region}, {phase} phase, noise σ {sigma:0.#} HU{(dose is { } d ? $" ({d:0.##} mGy CTDIvol)" : "")}, seed {seed}; {geometry.SizeI}×{geometry.SizeJ}×{geometry.SizeK} voxels of {geometry.SpacingI:0.###}×{geometry.SpacingJ:0.###}×{geometry.SpacingK:0.###} mm.");
        return new WholeBodyPhantomResult
        {
            Hounsfield = hounsfield,
            Labels = labels,
            Case = definition,
            AgeYears = age,
            Phase = phase,
            DoseMgy = dose,
            NoiseSigmaHu = sigma,
            WaterEquivalentDiameterMm = diameter,
            Seed = seed,
            Target = target,
            Landmarks = model.Landmarks,
            BodySizes = sizes,
            Description = description,
        };
    }

    /// <summary>The cranio-caudal range (mm above the soles, low to high) of a region for a child of <paramref name="ageYears"/>.</summary>
    public static (double Low, double High) RegionRange(BodyRegion region, double ageYears)
    {
        var model = new BodyModel(ageYears, PhantomCatalogue.Cases[0], PediatricAnthropometry.Default);
        return RegionRange(model, region);
    }

    private static (double Low, double High) RegionRange(BodyModel m, BodyRegion region) => region switch
    {
        BodyRegion.Chest => (m.Zt(0.42), m.Zt(-0.03)),
        BodyRegion.Abdomen => (m.Zt(0.70), m.Zt(0.22)),
        BodyRegion.AbdomenPelvis => (m.Zt(1.03), m.Zt(0.22)),
        BodyRegion.Hip => (m.ZHip - (0.25 * m.LegLength), m.Zt(0.62)),
        BodyRegion.Thigh => (m.ZKnee - (0.05 * m.LegLength), m.ZHip + (0.05 * m.T)),
        BodyRegion.Knee => (m.ZKnee - (0.3 * m.LegLength), m.ZKnee + (0.45 * m.LegLength)),
        BodyRegion.NeckChest => (m.Zt(0.32), m.ZChin),
        BodyRegion.ArmChest => (m.ZElbow - (0.06 * m.T), m.ZSternalNotch + (0.5 * (m.ZChin - m.ZSternalNotch))),
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown region."),
    };

    private static double WaterEquivalentDiameter(BodyModel m, BodyRegion region) => region switch
    {
        BodyRegion.Chest or BodyRegion.NeckChest or BodyRegion.ArmChest => Math.Sqrt(m.ChestWidth * m.ChestDepth),
        BodyRegion.Abdomen or BodyRegion.AbdomenPelvis => Math.Sqrt(m.AbdomenWidth * m.AbdomenDepth),
        BodyRegion.Hip => Math.Sqrt(m.PelvisWidth * m.PelvisDepth),
        _ => 2 * Math.Sqrt(2) * m.ThighRadius,
    };

    private static VolumeGeometry RegionGeometry(BodyModel m, BodyRegion region, int size, int? sliceCount)
    {
        var (low, high) = RegionRange(m, region);
        var halfX = 0.0;
        var halfY = 0.0;
        if (high >= m.TrunkBottom && low <= m.TrunkTop)
        {
            halfX = Math.Max(m.ChestWidth, Math.Max(m.AbdomenWidth, m.PelvisWidth)) / 2;
            halfY = Math.Max(m.ChestDepth, Math.Max(m.AbdomenDepth, m.PelvisDepth)) / 2;
        }

        if (high >= m.ZWrist && low <= m.ArmTop)
        {
            halfX = Math.Max(halfX, m.ArmX + m.ArmRadius);
        }

        if (high >= m.ZLegBottom && low <= m.LegTop)
        {
            halfX = Math.Max(halfX, m.LegX + (1.1 * m.ThighRadius));
            halfY = Math.Max(halfY, 1.05 * m.ThighRadius);
        }

        if (high >= m.NeckBottom)
        {
            halfY = Math.Max(halfY, Math.Abs(m.NeckCy) + m.NeckB);
        }

        var needed = 2 * Math.Max(halfX, halfY) / (0.92 * size);
        var spacing = Math.Ceiling((needed / 0.01) - 1e-9) * 0.01;
        var length = high - low;
        int count;
        double thickness;
        if (sliceCount is { } n)
        {
            count = n;
            thickness = length / n;
        }
        else
        {
            thickness = 2 * spacing;
            count = Math.Max(8, (int)Math.Ceiling(length / thickness));
        }

        var z0 = low + ((length - ((count - 1) * thickness)) / 2);
        var origin = new WorldPoint(-(size - 1) * spacing / 2, -(size - 1) * spacing / 2, z0);
        return new VolumeGeometry(size, size, count, origin, spacing, spacing, thickness);
    }

    private static void Validate(WholeBodyPhantomOptions o, PediatricAnthropometry tables)
    {
        if (!(o.AgeYears >= tables.MinimumAge && o.AgeYears <= tables.MaximumAge))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Age {o.AgeYears} is outside the tables; valid ages: {tables.MinimumAge}–{tables.MaximumAge} years (tables at {string.Join(", ", tables.Ages)}, interpolated in between)."), nameof(o));
        }

        if (o.DoseMgy is { } dose && (!(dose > 0) || !double.IsFinite(dose) || dose > 1000))
        {
            throw new ArgumentException($"The dose must be a CTDIvol above 0 and up to 1000 mGy, not {dose}.", nameof(o));
        }

        if (o.NoiseSigmaHu is { } sigma && (!(sigma >= 0) || !double.IsFinite(sigma) || sigma > 1000))
        {
            throw new ArgumentException($"The noise must be 0–1000 HU, not {sigma}.", nameof(o));
        }

        if (o.Geometry is { } g)
        {
            if (!g.Direction.Equals(Matrix3.Identity))
            {
                throw new ArgumentException("An explicit phantom grid must be axial with the identity direction.", nameof(o));
            }

            return;
        }

        if (o.Size is < 16 or > 2048)
        {
            throw new ArgumentException($"The size must be 16–2048 pixels, not {o.Size}.", nameof(o));
        }

        if (o.SliceCount is { } n && n is < 1 or > 4096)
        {
            throw new ArgumentException($"The slice count must be 1–4096, not {n}.", nameof(o));
        }
    }
}
