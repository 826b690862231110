using System.Globalization;
using System.Text.Json;
using Seldinger.Imaging;
using Seldinger.Imaging.Geometry;
using Seldinger.Imaging.Phantoms;
using Seldinger.Imaging.Registration;
using Seldinger.Planning;
using Seldinger.Planning.Ablation;
using Seldinger.Planning.Ablation.Confirmation;
using Seldinger.Planning.Plans;
using Seldinger.Server.Contracts;
using Seldinger.Server.Services;

namespace Seldinger.Cli.Commands;

/// <summary>
/// <c>seldinger ablate confirm</c>: plans the ablation of a phantom library case with the defaults, then confirms it on a
/// post-ablation CT, either synthesised from the planned zone with a known patient motion (<c>--simulate</c>) or read
/// from a folder of slices (<c>--post DIR</c>), and prints the achieved margin beside the planned one.
/// Exit codes: 0 confirmed, 4 planning or confirmation not possible, 2 usage.
/// </summary>
internal static class AblateConfirmCommand
{
    private static readonly JsonSerializerOptions IndentedJson = new(Server.Endpoints.AblationEndpoints.Json) { WriteIndented = true };

    public static async Task<int> RunAsync(CommandLine line)
    {
        var libraryCase = line.Value("--case") ?? throw new UsageException("ablate confirm needs --case NAME (a phantom library case).");
        var json = line.Flag("--json");
        var simulate = line.Flag("--simulate");
        var postDirectory = line.Value("--post");
        if (simulate == (postDirectory is not null))
        {
            throw new UsageException("ablate confirm needs --simulate [--rotate x,y,z] [--shift x,y,z] [--seed N] or --post DIR, one of them.");
        }

        var rotate = Triple(line, "--rotate", AblationConfirmationService.MaxRotationDeg);
        var shift = Triple(line, "--shift", AblationConfirmationService.MaxTranslationMm);
        var seed = line.IntValue("--seed", 1, 0, int.MaxValue);
        if (!simulate && (line.Value("--rotate") ?? line.Value("--shift") ?? line.Value("--seed")) is not null)
        {
            throw new UsageException("--rotate, --shift and --seed apply to --simulate only.");
        }

        var catalogue = ProcedureCatalogue.Default;
        var procedureId = line.Value("--procedure") ?? AblateCommand.DefaultProcedure(catalogue, libraryCase)
            ?? throw new UsageException($"The case '{libraryCase}' was made for no ablation; give --procedure ID.");
        var age = line.DoubleValue("--age", LibraryCaseService.DefaultAgeYears, PediatricAnthropometry.Default.MinimumAge, PediatricAnthropometry.Default.MaximumAge);
        var size = line.IntValue("--size", LibraryCaseService.DefaultSize, LibraryCaseService.MinimumSize, LibraryCaseService.MaximumSize);
        line.RejectUnknown();
        ProcedureDefinition procedure;
        WholeBodyPhantomOptions phantomOptions;
        try
        {
            procedure = AblationPlanService.Validate(new AblationPlanRequest(procedureId), catalogue, AblationDeviceLibrary.LoadDefault());
            phantomOptions = LibraryCaseService.Validate(new CreateLibraryCaseRequest(libraryCase, age, size));
        }
        catch (RequestFieldException ex)
        {
            throw new UsageException(ex.Message);
        }

        var post = postDirectory is null ? null : ImageCommand.ReadSeries(postDirectory).Hounsfield;
        AblationConfirmationDto result;
        try
        {
            result = await Task.Run(() => Confirm(phantomOptions, procedure, catalogue, post, rotate, shift, seed));
        }
        catch (PlanningException ex)
        {
            Console.Error.WriteLine($"seldinger: confirmation is not possible: {ex.Message}");
            return PlanCommand.PlanningImpossible;
        }

        if (json)
        {
            CliApp.Say(JsonSerializer.Serialize(result, IndentedJson));
            return 0;
        }

        var inv = CultureInfo.InvariantCulture;
        var r = result.Registration;
        CliApp.Say(string.Create(inv, $"Post-ablation CT: {(post is null ? $"simulated (rotation {rotate.X:0.#}, {rotate.Y:0.#}, {rotate.Z:0.#}°; shift {shift.X:0.#}, {shift.Y:0.#}, {shift.Z:0.#} mm; seed {seed})" : postDirectory)}."));
        CliApp.Say(string.Create(inv, $"Registration: {r.Metric} {r.Value:0.####} after {r.Iterations} iterations; optimiser resolution {r.ResidualMm:0.00} mm."));
        CliApp.Say(string.Create(inv, $"Achieved minimal margin: {result.AchievedMinimalMarginMm:0.0} mm at ({result.At.X:0.0}, {result.At.Y:0.0}, {result.At.Z:0.0}) (planned {result.PlannedMinimalMarginMm:0.0} mm)."));
        CliApp.Say(string.Create(inv, $"Tumor covered: {result.CoveredFraction * 100:0.0}%; segmented zone {result.ZoneVolumeMl:0.00} mL."));
        return 0;
    }

    /// <summary>Plans with the defaults and confirms on <paramref name="post"/>, or on a CT synthesised from the planned zone.</summary>
    public static AblationConfirmationDto Confirm(
        WholeBodyPhantomOptions phantomOptions, ProcedureDefinition procedure, ProcedureCatalogue catalogue, Volume<short>? post,
        Vector3D rotateDeg, Vector3D shiftMm, int seed)
    {
        var phantom = WholeBodyPhantom.Generate(phantomOptions);
        var input = PlanningInput.FromPhantom(phantom, procedure, catalogue);
        input = input with { Target = ProcedurePlanner.UsesCaseTarget(procedure, (byte)phantom.Target.Label) ? input.Target : null };
        var outcome = AblationPlanner.Plan(input);
        if (post is null)
        {
            var motion = RigidTransform.FromEulerAngles(
                phantom.Target.Center, rotateDeg.X * Math.PI / 180, rotateDeg.Y * Math.PI / 180, rotateDeg.Z * Math.PI / 180, shiftMm);
            post = PostAblationCtSynthesis.Synthesize(phantom.Hounsfield, phantom.Labels, outcome.Zone.Lethal, motion, seed, PostAblationCtParameters.Default());
        }

        var seeds = outcome.Plan.Ablation?.Probes.Select(p => p.Tip).ToList() ?? [];
        var result = AblationConfirmation.Confirm(phantom.Hounsfield, phantom.Labels, post, seeds);
        var at = result.MinimalMarginAt;
        var registration = result.Registration;
        return new AblationConfirmationDto(
            result.MinimalMarginMm,
            new PointDto(at.X, at.Y, at.Z),
            result.TargetCoveredFraction,
            result.ZoneVolumeMl,
            outcome.Plan.Ablation?.MinimalMarginMm,
            new AblationRegistrationDto(registration.Metric.ToString(), registration.FinalMetric, registration.Levels.Sum(l => l.Iterations),
                registration.ConvergenceDisplacementMm, registration.Transform.ToMatrix4x4()),
            null);
    }

    private static Vector3D Triple(CommandLine line, string option, double limit)
    {
        if (line.Value(option) is not { } text)
        {
            return Vector3D.Zero;
        }

        var (x, y, z) = ImageCommand.ParseTriple(option, text);
        if (Math.Abs(x) > limit || Math.Abs(y) > limit || Math.Abs(z) > limit)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{option} values must be from −{limit} to {limit}, not '{text}'."));
        }

        return new Vector3D(x, y, z);
    }
}
