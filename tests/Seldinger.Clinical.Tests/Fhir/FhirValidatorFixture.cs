using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Seldinger.Clinical.Tests.Fhir;

// The Firely validator over the base R4 StructureDefinitions of specification.zip. Building it and
// warming its cache takes seconds, so the test classes share one.
public sealed class FhirValidatorFixture
{
    private readonly Validator _validator;
    private readonly Lock _gate = new();

    public FhirValidatorFixture()
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        _validator = new Validator(resolver, LocalTerminologyService.CreateDefaultForCore(resolver));
    }

    public IReadOnlyList<OperationOutcome.IssueComponent> Validate(Resource resource)
    {
        OperationOutcome outcome;
        lock (_gate)
        {
            outcome = _validator.Validate(resource);
        }

        return outcome.Issue;
    }

    public static IEnumerable<string> Errors(IEnumerable<OperationOutcome.IssueComponent> issues) =>
        issues.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{i.Details?.Text ?? i.Diagnostics} @ {string.Join(",", i.Expression ?? [])}");
}
