using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Series;
using Seldinger.Planning;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Services;

/// <summary>
/// Cases from the phantom library: the case's CT is generated (its default contrast phase), written as a
/// real DICOM series and imported through the image store like any other series, its label map attached,
/// and a case created with the target, landmarks, weight and age.
/// </summary>
public sealed class LibraryCaseService(
    SeldingerDbContext db, ImageStore store, StorageOptions options, ProcedureCatalogueSource catalogues, TimeProvider clock)
{
    /// <summary>Slice size used unless another is asked for.</summary>
    public const int DefaultSize = 192;

    /// <summary>Smallest slice size accepted.</summary>
    public const int MinimumSize = 32;

    /// <summary>Largest slice size accepted (a 512² phantom takes about a gigabyte while it is generated).</summary>
    public const int MaximumSize = 512;

    /// <summary>Age used unless another is given, years.</summary>
    public const double DefaultAgeYears = 5;

    /// <summary>JSON options of <see cref="PatientCase.LandmarksJson"/>: camelCase, labels by name.</summary>
    public static JsonSerializerOptions LandmarkJsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The library: every phantom case with the catalogue procedures it demonstrates.</summary>
    public IReadOnlyList<LibraryCaseDto> List()
    {
        var catalogue = catalogues.Load();
        return [.. PhantomCatalogue.Cases.Select(c => new LibraryCaseDto(
            c.Name, c.Description, ProceduresFor(catalogue, c.Name), PhantomManifest.Kebab(c.Region.ToString()),
            c.TargetLabel.ToString(), PhantomManifest.PhaseName(c.DefaultPhase)))];
    }

    /// <summary>The ids of the catalogue procedures whose phantom cases include <paramref name="libraryCase"/>.</summary>
    public static IReadOnlyList<string> ProceduresFor(ProcedureCatalogue catalogue, string libraryCase)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        return [.. catalogue.Procedures.Where(p => p.PhantomCases.Contains(libraryCase, StringComparer.Ordinal)).Select(p => p.Id)];
    }

    /// <summary>Checks a request and returns the phantom options it asks for.</summary>
    /// <exception cref="RequestFieldException">A field is missing or out of range; the message names it.</exception>
    public static WholeBodyPhantomOptions Validate(CreateLibraryCaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Case))
        {
            throw new RequestFieldException("case", $"case is required: the name of a library case ({PhantomCatalogue.Names}).");
        }

        var definition = PhantomCatalogue.Find(request.Case)
            ?? throw new RequestFieldException("case", $"case '{request.Case}' is not a library case; valid cases: {PhantomCatalogue.Names}.");
        var tables = PediatricAnthropometry.Default;
        var age = request.AgeYears ?? DefaultAgeYears;
        if (!(age >= tables.MinimumAge && age <= tables.MaximumAge))
        {
            throw new RequestFieldException("ageYears", string.Create(CultureInfo.InvariantCulture,
                $"ageYears must be from {tables.MinimumAge} to {tables.MaximumAge} years (tables at {string.Join(", ", tables.Ages)}, interpolated between), not {age}."));
        }

        var size = request.Size ?? DefaultSize;
        if (size is < MinimumSize or > MaximumSize)
        {
            throw new RequestFieldException("size", $"size must be from {MinimumSize} to {MaximumSize} pixels, not {size}.");
        }

        return new WholeBodyPhantomOptions { Case = definition.Name, AgeYears = age, Size = size };
    }

    /// <summary>Generates, imports and records a library case.</summary>
    /// <exception cref="RequestFieldException">The request names no valid case, age or size.</exception>
    public async Task<LibraryCaseCreatedDto> CreateAsync(
        CreateLibraryCaseRequest request, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var phantomOptions = Validate(request);
        var catalogue = catalogues.Load();
        var definition = PhantomCatalogue.Find(phantomOptions.Case)!;
        progress?.Report(string.Create(CultureInfo.InvariantCulture,
            $"Generating the '{definition.Name}' phantom of a {phantomOptions.AgeYears:0.#}-year-old ({phantomOptions.Size}² slices)…"));
        var phantom = await Task.Run(() => WholeBodyPhantom.Generate(phantomOptions), cancellationToken);
        var weight = phantom.BodySizes.TryGetValue("weightKg", out var w) ? Math.Round(w, 1) : (double?)null;

        var incoming = Path.Combine(options.DataDirectory, "incoming", Guid.NewGuid().ToString("N"));
        try
        {
            var description = new CtSeriesDescription
            {
                PatientName = $"PHANTOM^{definition.Name}",
                PatientId = $"SLD-LIB-{definition.Name}",
                PatientAgeYears = phantomOptions.AgeYears,
                PatientWeightKg = weight,
                StudyDescription = $"CT {PhantomManifest.Kebab(definition.Region.ToString())} (phantom {definition.Name})",
                SeriesDescription = string.Create(CultureInfo.InvariantCulture,
                    $"Axial {phantom.Hounsfield.Geometry.SpacingK:0.##} mm {PhantomManifest.PhaseName(phantom.Phase)} (phantom)"),
            };
            progress?.Report("Writing it as a DICOM CT series…");
            var files = await Task.Run(() => CtSeriesWriter.Write(phantom.Hounsfield, description, incoming), cancellationToken);
            progress?.Report($"Importing {files.Count} slices into the image store…");
            var imported = await store.ImportSeriesAsync(files, cancellationToken);
            await store.AttachLabelMapAsync(imported.Series.SeriesInstanceUid, phantom.Labels, cancellationToken);

            var target = phantom.Target;
            var landmarks = PlanningInput.LandmarksOf(phantom);
            var procedures = ProceduresFor(catalogue, definition.Name);
            var patientCase = new PatientCase
            {
                Id = Guid.NewGuid(),
                PatientId = description.PatientId,
                PatientName = description.PatientName,
                AgeYears = phantomOptions.AgeYears,
                WeightKg = weight,
                Procedure = procedures.Count > 0 ? string.Join(", ", procedures.Select(id => catalogue.Find(id)!.Name)) : string.Join(", ", definition.Procedures),
                Indication = Truncate(target.Description, 2000),
                Status = "awaiting plan",
                CreatedAt = clock.GetUtcNow(),
                SeriesInstanceUid = imported.Series.SeriesInstanceUid,
                TargetX = target.Center.X,
                TargetY = target.Center.Y,
                TargetZ = target.Center.Z,
                LandmarksJson = JsonSerializer.Serialize(landmarks, LandmarkJsonOptions),
                LibraryCase = definition.Name,
            };
            patientCase.Procedure = Truncate(patientCase.Procedure, 200);
            db.Cases.Add(patientCase);
            await db.SaveChangesAsync(cancellationToken);
            return new LibraryCaseCreatedDto(
                patientCase.Id, definition.Name, patientCase.PatientName, phantomOptions.AgeYears, weight,
                imported.Series.SeriesInstanceUid, imported.Series.SliceCount,
                new PointDto(target.Center.X, target.Center.Y, target.Center.Z), target.Description, landmarks.Count, procedures);
        }
        finally
        {
            if (Directory.Exists(incoming))
            {
                Directory.Delete(incoming, recursive: true);
            }
        }
    }

    /// <summary>The landmarks stored with a case (none when it has none).</summary>
    public static IReadOnlyList<PlanLandmark> LandmarksOf(PatientCase patientCase)
    {
        ArgumentNullException.ThrowIfNull(patientCase);
        return patientCase.LandmarksJson is { Length: > 0 } json
            ? JsonSerializer.Deserialize<List<PlanLandmark>>(json, LandmarkJsonOptions) ?? []
            : [];
    }

    private static string Truncate(string s, int length) => s.Length <= length ? s : s[..length];
}
