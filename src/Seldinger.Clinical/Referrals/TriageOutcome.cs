using System.Text.Json.Serialization;
using Seldinger.Clinical.Internal;

namespace Seldinger.Clinical.Referrals;

/// <summary>What an IR physician decides at triage.</summary>
[JsonConverter(typeof(CamelCaseEnumConverter<TriageOutcome>))]
public enum TriageOutcome
{
    /// <summary>Accept: a catalogue procedure, a priority and a guidance modality are chosen.</summary>
    Accept,

    /// <summary>Decline, with the reason in the note.</summary>
    Decline,

    /// <summary>Ask the referrer a question, put in the note.</summary>
    RequestInformation,
}
