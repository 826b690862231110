using System.Globalization;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Internal;
using Seldinger.Imaging.Phantoms.Internal;

namespace Seldinger.Imaging.Phantoms;

/// <summary>
/// A synthetic contrast-enhanced CT of a child's upper abdomen at the level of the liver, with
/// ground-truth labels and a liver lesion to biopsy: test data for planning, rendering and the viewer
/// that needs no patient data.
/// </summary>
/// <remarks>
/// <para>
/// Geometry: axial slices with identity direction (LPS: +X patient left, +Y posterior, +Z superior),
/// slices ordered inferior to superior, the body axis at X = Y = 0 and the slab centred on Z = 0.
/// </para>
/// <para>
/// Anatomy (drawn for a 6-year-old and scaled with the body size for other ages): skin, subcutaneous
/// fat, abdominal wall and paraspinal muscles, vertebra with posterior elements, the lower ribs, lung
/// bases and heart above a two-domed diaphragm, liver with portal and hepatic veins, a hypodense lesion
/// deep in the right lobe, aorta and inferior vena cava, stomach, spleen, kidneys, colon and small-bowel
/// loops with gas and fluid. Two intrahepatic branches lie across the straight lateral and straight
/// anterior routes to the lesion, so a naive path hits a vessel.
/// </para>
/// <para>
/// Values are assigned per voxel centre (no partial-volume blurring) and Gaussian noise of
/// <see cref="AbdomenPhantomOptions.NoiseSigmaHu"/> is added from a xoshiro256** stream per slice,
/// so the output depends only on the options, not on the runtime or the thread schedule.
/// </para>
/// </remarks>
public static class AbdomenPhantom
{
    /// <summary>Generates a case.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static PhantomCase Generate(AbdomenPhantomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);

        var age = options.AgeYears;
        var width = PediatricBodySize.Width(age);
        var depth = PediatricBodySize.Depth(age);
        var scaleX = width / (2 * AbdomenAnatomy.BodyHalfWidth);
        var scaleY = depth / (2 * AbdomenAnatomy.BodyHalfDepth);
        var scaleZ = PediatricBodySize.Stature(age) / PediatricBodySize.Stature(PediatricBodySize.ReferenceAgeYears);

        var spacing = options.PixelSpacingMm ?? AutomaticPixelSpacing(width, depth, options.Columns, options.Rows);
        var thickness = options.SliceThicknessMm;
        var origin = new WorldPoint(
            -(options.Columns - 1) * spacing / 2,
            -(options.Rows - 1) * spacing / 2,
            -(options.SliceCount - 1) * thickness / 2);
        var geometry = new VolumeGeometry(options.Columns, options.Rows, options.SliceCount, origin, spacing, spacing, thickness);

        var lesionCenter = new WorldPoint(AbdomenAnatomy.LesionX * scaleX, AbdomenAnatomy.LesionY * scaleY, AbdomenAnatomy.LesionZ * scaleZ);
        var lesionRadius = options.LesionDiameterMm / 2;

        var hounsfield = new Volume<short>(geometry);
        var labels = new Volume<byte>(geometry);
        var columns = options.Columns;
        var rows = options.Rows;
        var sigma = options.NoiseSigmaHu;
        var seed = options.Seed;

        Parallel.For(0, options.SliceCount, k =>
        {
            var zWorld = origin.Z + (k * thickness);
            var shapes = new AbdomenAnatomy.SliceShapes(zWorld / scaleZ);
            var hu = hounsfield.SliceK(k);
            var lab = labels.SliceK(k);
            var random = new Xoshiro256StarStar(Xoshiro256StarStar.StreamSeed(seed, k));
            var dzLesion = zWorld - lesionCenter.Z;
            for (var j = 0; j < rows; j++)
            {
                var yWorld = origin.Y + (j * spacing);
                var dyLesion = yWorld - lesionCenter.Y;
                for (var i = 0; i < columns; i++)
                {
                    var xWorld = origin.X + (i * spacing);
                    var dxLesion = xWorld - lesionCenter.X;
                    var inLesion = (dxLesion * dxLesion) + (dyLesion * dyLesion) + (dzLesion * dzLesion) <= lesionRadius * lesionRadius;
                    var label = AbdomenAnatomy.Classify(xWorld / scaleX, yWorld / scaleY, shapes, inLesion, out var value);
                    if (sigma > 0)
                    {
                        value += sigma * random.NextGaussian();
                    }

                    var n = i + (j * columns);
                    lab[n] = (byte)label;
                    hu[n] = (short)Math.Clamp(Math.Round(value), -1024, 3071);
                }
            }
        });

        var description = string.Create(CultureInfo.InvariantCulture,
            $"Synthetic upper-abdominal CT, age {age:0.#} y (body {width:0} × {depth:0} mm), {lesionRadius * 2:0.#} mm lesion in the right liver lobe at {lesionCenter}; {options.Columns}×{options.Rows}×{options.SliceCount} voxels of {spacing:0.###}×{spacing:0.###}×{thickness:0.###} mm; noise σ {sigma:0.#} HU, seed {seed}.");
        return new PhantomCase(hounsfield, labels, lesionCenter, lesionRadius, description);
    }

    private static double AutomaticPixelSpacing(double width, double depth, int columns, int rows)
    {
        // Body fills about 83 % of the field of view; rounded up to 0.05 mm.
        var needed = Math.Max(width / (0.83 * columns), depth / (0.83 * rows));
        return Math.Ceiling((needed / 0.05) - 1e-9) * 0.05;
    }

    private static void Validate(AbdomenPhantomOptions options)
    {
        if (!(options.AgeYears is >= 0 and <= 18))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.AgeYears, "AgeYears must be between 0 and 18.");
        }

        if (!(options.NoiseSigmaHu >= 0) || !double.IsFinite(options.NoiseSigmaHu))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.NoiseSigmaHu, "NoiseSigmaHu must be a finite number ≥ 0.");
        }

        if (options.Columns < 8 || options.Rows < 8 || options.SliceCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"{options.Columns}×{options.Rows}×{options.SliceCount}", "The grid needs at least 8 columns, 8 rows and 1 slice.");
        }

        if (options.PixelSpacingMm is { } spacing && (!(spacing > 0) || !double.IsFinite(spacing)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), spacing, "PixelSpacingMm must be a positive number of millimetres.");
        }

        if (!(options.SliceThicknessMm > 0) || !double.IsFinite(options.SliceThicknessMm))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.SliceThicknessMm, "SliceThicknessMm must be a positive number of millimetres.");
        }

        if (!(options.LesionDiameterMm >= 0) || !double.IsFinite(options.LesionDiameterMm))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LesionDiameterMm, "LesionDiameterMm must be a finite number ≥ 0.");
        }
    }
}
