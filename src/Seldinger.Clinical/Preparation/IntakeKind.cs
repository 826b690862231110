using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Preparation;

/// <summary>Categories of last oral intake of the fasting guidelines.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<IntakeKind>))]
public enum IntakeKind
{
    /// <summary>Clear liquids (water, clear juice without pulp, oral rehydration).</summary>
    ClearLiquid,

    /// <summary>Human breast milk.</summary>
    BreastMilk,

    /// <summary>Infant formula.</summary>
    InfantFormula,

    /// <summary>Non-human milk.</summary>
    NonHumanMilk,

    /// <summary>A light meal (toast, cereal).</summary>
    LightMeal,

    /// <summary>A fatty or fried meal, or meat.</summary>
    FattyMeal,
}
