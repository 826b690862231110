using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Instructions;

/// <summary>Which family sheet: getting ready for the procedure, or going home after it.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<InstructionPhase>))]
public enum InstructionPhase
{
    /// <summary>Before the procedure: fasting, what to bring, what to expect.</summary>
    Before,

    /// <summary>After the procedure: care at home, pain relief, when to call.</summary>
    After,
}
