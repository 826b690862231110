namespace Seldinger.Clinical;

/// <summary>
/// Input a clinical rule refuses (an impossible weight, a time in the future, an unknown procedure,
/// a step the workflow does not allow). <see cref="Errors"/> names each field with a message a person
/// can act on; the server turns it into a 400 ProblemDetails with the same field names.
/// </summary>
public sealed class ClinicalValidationException : Exception
{
    /// <summary>Creates the exception for one field.</summary>
    public ClinicalValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    /// <summary>Creates the exception for several fields.</summary>
    public ClinicalValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base(Summarise(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message only (field "").</summary>
    public ClinicalValidationException()
        : this("", "The input is not valid.")
    {
    }

    /// <summary>Creates the exception with a message only (field "").</summary>
    public ClinicalValidationException(string message)
        : this("", message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception (field "").</summary>
    public ClinicalValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]> { [""] = [message] };
    }

    /// <summary>Messages per field (camelCase field names as in the API).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Summarise(IReadOnlyDictionary<string, string[]> errors) =>
        string.Join(" ", errors.SelectMany(e => e.Value.Select(m => e.Key.Length == 0 ? m : $"{e.Key}: {m}")));
}
