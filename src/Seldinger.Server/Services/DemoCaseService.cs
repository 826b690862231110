using Microsoft.EntityFrameworkCore;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Series;
using Seldinger.Storage;
using Seldinger.Storage.Entities;

namespace Seldinger.Server.Services;

/// <summary>
/// The demonstration case: a synthetic CT of a child's abdomen with a liver lesion, written as a real
/// DICOM series, imported through the image store like any other series, and planned.
/// </summary>
public sealed class DemoCaseService(
    SeldingerDbContext db, ImageStore store, CasePlanningService planner, StorageOptions options, TimeProvider clock)
{
    /// <summary>Patient ID of the demo case; the demo is imported once per store.</summary>
    public const string DemoPatientId = "SLD-PHANTOM-0001";

    /// <summary>Creates the demo case unless the store has it; returns its id.</summary>
    public async Task<Guid> EnsureAsync(IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var existing = await db.Cases.Where(c => c.PatientId == DemoPatientId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            progress?.Report("The demo case is already in the store.");
            return id;
        }

        var phantomOptions = new AbdomenPhantomOptions();
        progress?.Report($"Generating a CT phantom of a {phantomOptions.AgeYears:0}-year-old's abdomen with a liver lesion…");
        var phantom = await Task.Run(() => AbdomenPhantom.Generate(phantomOptions), cancellationToken);

        var incoming = Path.Combine(options.DataDirectory, "incoming", Guid.NewGuid().ToString("N"));
        try
        {
            progress?.Report("Writing it as a DICOM CT series…");
            var description = new CtSeriesDescription
            {
                PatientName = "PHANTOM^Liver lesion",
                PatientId = DemoPatientId,
                PatientSex = "F",
                PatientAgeYears = phantomOptions.AgeYears,
                PatientWeightKg = 21,
                StudyDescription = "CT abdomen with contrast",
                SeriesDescription = "Axial 2.5 mm portal venous (phantom)",
            };
            var files = await Task.Run(() => CtSeriesWriter.Write(phantom.Hounsfield, description, incoming), cancellationToken);

            progress?.Report($"Importing {files.Count} slices into the image store…");
            var imported = await store.ImportSeriesAsync(files, cancellationToken);
            await store.AttachLabelMapAsync(imported.Series.SeriesInstanceUid, phantom.Labels, cancellationToken);

            var patientCase = new PatientCase
            {
                Id = Guid.NewGuid(),
                PatientId = DemoPatientId,
                PatientName = description.PatientName,
                AgeYears = phantomOptions.AgeYears,
                WeightKg = description.PatientWeightKg,
                Procedure = "CT-guided liver biopsy",
                Indication = $"{2 * phantom.LesionRadiusMm / 10:0.0} cm mass in the right liver lobe",
                Status = "awaiting plan",
                CreatedAt = clock.GetUtcNow(),
                SeriesInstanceUid = imported.Series.SeriesInstanceUid,
                TargetX = phantom.LesionCenter.X,
                TargetY = phantom.LesionCenter.Y,
                TargetZ = phantom.LesionCenter.Z,
            };
            db.Cases.Add(patientCase);
            await db.SaveChangesAsync(cancellationToken);

            progress?.Report("Planning a biopsy path that avoids vessels, bone and bowel…");
            await planner.PlanAsync(patientCase.Id, null, null, cancellationToken);
            return patientCase.Id;
        }
        finally
        {
            if (Directory.Exists(incoming))
            {
                Directory.Delete(incoming, recursive: true);
            }
        }
    }
}
