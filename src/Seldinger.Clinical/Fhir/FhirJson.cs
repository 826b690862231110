using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Seldinger.Clinical.Fhir;

/// <summary>FHIR R4 JSON in and out through the SDK's own serializer, so the JSON is the standard's.</summary>
public static class FhirJson
{
    /// <summary>Writes a resource as indented FHIR JSON.</summary>
    public static string Serialize(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return new FhirJsonSerializer().SerializeToString(resource, pretty: true);
    }

    /// <summary>
    /// Reads a bundle. Malformed JSON or JSON that is not a FHIR R4 Bundle is refused with a
    /// <see cref="ClinicalValidationException"/> on field "bundle".
    /// </summary>
    public static Bundle Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return new FhirJsonDeserializer(new DeserializerSettings()).Deserialize<Bundle>(json);
        }
        catch (Exception ex) when (ex is DeserializationFailedException or System.Text.Json.JsonException or FormatException)
        {
            throw new ClinicalValidationException(
                new Dictionary<string, string[]> { ["bundle"] = [$"Not a FHIR R4 Bundle: {ex.Message}"] });
        }
    }
}
