namespace Seldinger.Server.Services.Clinical;

/// <summary>
/// The request is valid but the episode's state refuses it (a clash in the schedule, a checklist that is
/// not ready, a signed record); answered 409 with <see cref="Items"/> listed.
/// </summary>
public sealed class ClinicalConflictException : Exception
{
    /// <summary>Creates the exception with a title for the problem and the items that explain it.</summary>
    public ClinicalConflictException(string title, string message, IReadOnlyList<object>? items = null)
        : base(message)
    {
        Title = title;
        Items = items ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public ClinicalConflictException()
        : this("Conflict", "The request conflicts with the current state.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClinicalConflictException(string message)
        : this("Conflict", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClinicalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        Title = "Conflict";
        Items = [];
    }

    /// <summary>A short title, e.g. "Schedule conflict".</summary>
    public string Title { get; }

    /// <summary>What causes the conflict (schedule clashes, checklist items), serialised as the problem's <c>items</c>.</summary>
    public IReadOnlyList<object> Items { get; }
}
