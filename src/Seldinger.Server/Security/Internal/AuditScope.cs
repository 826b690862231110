using System.Globalization;

namespace Seldinger.Server.Security.Internal;

/// <summary>One thing a service or handler says about the request it serves: what it did to which record of which child.</summary>
internal sealed record AuditFact(string Action, string ResourceType, string? ResourceId, Guid? PatientId, string Detail);

/// <summary>
/// The audit of one request to an audited endpoint or page. Services and handlers add what they know
/// (<see cref="Note"/>), authorization adds a refusal (<see cref="Deny"/>), and <see cref="AuditRequestMiddleware"/>
/// writes one row from all of it when the answer starts (<see cref="Compose"/>).
/// </summary>
internal sealed class AuditScope(AuditedResource endpoint)
{
    private readonly Lock _gate = new();
    private readonly List<AuditFact> _facts = [];
    private int _written;

    /// <summary>What the endpoint's metadata says: the resource type and where the child is found.</summary>
    public AuditedResource Endpoint { get; } = endpoint;

    /// <summary>The refusal, when authorization refused the request: 401 or 403 and why.</summary>
    public (int Status, string Detail)? Denial { get; private set; }

    /// <summary>What services and handlers said, in order.</summary>
    public IReadOnlyList<AuditFact> Facts
    {
        get
        {
            lock (_gate)
            {
                return [.. _facts];
            }
        }
    }

    /// <summary>Adds what a service or handler did.</summary>
    public void Note(AuditFact fact)
    {
        lock (_gate)
        {
            _facts.Add(fact);
        }
    }

    /// <summary>Records a refusal (401 or 403); the first one, which says most, is kept.</summary>
    public void Deny(int status, string detail)
    {
        lock (_gate)
        {
            Denial ??= (status, detail);
        }
    }

    /// <summary>True once: the caller writes the row.</summary>
    public bool TryClaim() => Interlocked.Exchange(ref _written, 1) == 0;

    /// <summary>
    /// The request's one row: a refusal is "denied" with its 401/403; otherwise the main fact (the first change of the
    /// endpoint's resource type, else the first change, else the first fact) gives action, type and id, and without
    /// facts the method and the route do. The child is the one all facts name; when they name several (a list), the
    /// row names none and its detail lists them.
    /// </summary>
    public AuditFact Compose(string method, int status, string? routeResourceId, Guid? routePatientId)
    {
        var facts = Facts;
        var patients = facts.Select(f => f.PatientId).OfType<Guid>().Distinct().ToList();
        var patient = patients.Count switch
        {
            0 => routePatientId,
            1 => patients[0],
            _ => null,
        };

        if (Denial is { } denied || status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden)
        {
            var first = facts.Count > 0 ? facts[0] : null;
            return new AuditFact(
                "denied", first?.ResourceType ?? Endpoint.ResourceType, first?.ResourceId ?? routeResourceId, patient, Denial?.Detail ?? first?.Detail ?? "");
        }

        if (facts.Count == 0)
        {
            return new AuditFact(Endpoint.Action ?? AuditedResource.ActionOf(method, status), Endpoint.ResourceType, routeResourceId, patient, "");
        }

        var main = facts.FirstOrDefault(f => IsChange(f) && f.ResourceType == Endpoint.ResourceType)
            ?? facts.FirstOrDefault(IsChange)
            ?? facts.FirstOrDefault(f => f.ResourceType == Endpoint.ResourceType)
            ?? facts[0];
        var others = facts.Where(f => !ReferenceEquals(f, main) && !SameRecord(f, main)).ToList();
        if (others.Count > 0 && others.All(f => f.Action == main.Action && f.ResourceType == main.ResourceType))
        {
            // A list: as many records of one kind, each shown to the user.
            var detail = string.Create(CultureInfo.InvariantCulture, $"{facts.Count} {main.ResourceType} listed")
                + (main.Detail.Length > 0 ? $" ({main.Detail})" : "")
                + (patients.Count > 1 ? "; " + PatientList(patients) : "");
            return new AuditFact(main.Action, main.ResourceType, routeResourceId, patient, detail);
        }

        var text = main.Detail;
        if (others.Count > 0)
        {
            text = (text.Length > 0 ? text + "; " : "") + "with " + string.Join(", ", others.Select(f => $"{f.Action} {f.ResourceType} {f.ResourceId}".TrimEnd()));
            if (patients.Count > 1)
            {
                text += "; " + PatientList(patients);
            }
        }

        return new AuditFact(main.Action, main.ResourceType, main.ResourceId ?? routeResourceId, patient, text);
    }

    /// <summary>"patients id id …", as many as the row's detail holds, then how many more there were.</summary>
    private static string PatientList(List<Guid> patients)
    {
        const int room = 900;
        var text = new System.Text.StringBuilder("patients");
        var shown = 0;
        foreach (var id in patients)
        {
            if (text.Length + 37 > room)
            {
                break;
            }

            text.Append(' ').Append(id.ToString());
            shown++;
        }

        if (shown < patients.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $" and {patients.Count - shown} more");
        }

        return text.ToString();
    }

    private static bool IsChange(AuditFact f) => f.Action is not "read";

    private static bool SameRecord(AuditFact a, AuditFact b) =>
        a.ResourceType == b.ResourceType && a.ResourceId == b.ResourceId && a.PatientId == b.PatientId;
}
