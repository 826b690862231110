using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Preparation;

/// <summary>A laboratory test the pre-procedure rules read.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<LabTest>))]
public enum LabTest
{
    /// <summary>International normalised ratio.</summary>
    Inr,

    /// <summary>Platelet count, ×10⁹/L.</summary>
    Platelets,

    /// <summary>Haemoglobin, g/L.</summary>
    Hemoglobin,

    /// <summary>Activated partial thromboplastin time, seconds.</summary>
    Aptt,

    /// <summary>Fibrinogen, g/L.</summary>
    Fibrinogen,

    /// <summary>Creatinine, µmol/L.</summary>
    Creatinine,

    /// <summary>Potassium, mmol/L.</summary>
    Potassium,

    /// <summary>Human chorionic gonadotropin (pregnancy test); value 1 positive, 0 negative.</summary>
    Hcg,
}
