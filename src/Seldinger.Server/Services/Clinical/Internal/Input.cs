using Seldinger.Clinical;

namespace Seldinger.Server.Services.Clinical.Internal;

// Request fields that binding leaves null when a client omits them; each missing one is refused by its JSON name.
internal static class Input
{
    public static T Required<T>(T? value, string field)
        where T : struct =>
        value ?? throw new ClinicalValidationException(field, "This field is required.");

    public static string Text(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new ClinicalValidationException(field, "This field is required.") : value.Trim();

    public static int Version(int? value) =>
        value is > 0 ? value.Value : throw new ClinicalValidationException("version", "Send the version of the record the change is based on.");

    public static void ExpectVersion(IVersionedRecord record, int? version, string resourceType)
    {
        var expected = Version(version);
        if (record.Version != expected)
        {
            throw new StaleVersionException(resourceType, record.Version);
        }
    }

}
