namespace Seldinger.Clinical.Procedures;

/// <summary>A person in the procedure team.</summary>
public sealed class ProcedureOperator
{
    /// <summary>Name.</summary>
    public required string Name { get; set; }

    /// <summary>Role, e.g. "primary operator", "assistant", "sedation nurse", "anaesthetist", "technologist".</summary>
    public required string Role { get; set; }
}
