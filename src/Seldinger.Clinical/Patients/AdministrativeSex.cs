using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Patients;

/// <summary>Administrative sex as recorded by the hospital (FHIR administrative-gender).</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<AdministrativeSex>))]
public enum AdministrativeSex
{
    /// <summary>Female.</summary>
    Female,

    /// <summary>Male.</summary>
    Male,

    /// <summary>Other.</summary>
    Other,

    /// <summary>Unknown or not recorded.</summary>
    Unknown,
}
