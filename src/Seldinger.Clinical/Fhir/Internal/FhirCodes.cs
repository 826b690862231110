using Hl7.Fhir.Model;

namespace Seldinger.Clinical.Fhir.Internal;

// Code systems and small helpers for codes and quantities.
internal static class FhirCodes
{
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string Dicom = "http://dicom.nema.org/resources/ontology/DCM";
    public const string ObservationCategory = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string IrProcedure = "urn:seldinger:fhir:CodeSystem:ir-procedure";

    public static CodeableConcept Concept(string system, string code, string? display, string? text = null) =>
        new(system, code, display, text);

    public static CodeableConcept Text(string text) => new() { Text = text };

    public static CodeableConcept Category(string code, string display) =>
        new(ObservationCategory, code, display, null);

    public static Quantity Measured(double value, string unit, string? display = null) => new()
    {
        Value = (decimal)value,
        Unit = display ?? unit,
        System = Ucum,
        Code = unit,
    };
}
