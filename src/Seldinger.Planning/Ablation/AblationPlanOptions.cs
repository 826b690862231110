namespace Seldinger.Planning.Ablation;

/// <summary>How to plan an ablation; every field is optional.</summary>
public sealed record AblationPlanOptions
{
    /// <summary>Device id; null picks the library's default device for the procedure's modality.</summary>
    public string? DeviceId { get; init; }

    /// <summary>Setting id; null lets the layout planner choose the setting.</summary>
    public string? SettingId { get; init; }

    /// <summary>Number of probes; null lets the planner choose the fewest that cover tumor + margin.</summary>
    public int? ProbeCount { get; init; }

    /// <summary>Most probes the planner may use when it chooses.</summary>
    public int MaxProbes { get; init; } = 4;

    /// <summary>The model the chosen layout is evaluated with.</summary>
    public AblationZoneModelKind Model { get; init; } = AblationZoneModelKind.Table;

    /// <summary>Margin to cover around the tumor (mm); null takes the catalogue's <c>ablationMarginMm</c>.</summary>
    public double? MarginMm { get; init; }

    /// <summary>Margins to report coverage for (mm), besides the tumor itself.</summary>
    public IReadOnlyList<double> ReportMarginsMm { get; init; } = [5, 10];

    /// <summary>The operator's own probes: evaluated as given, no search.</summary>
    public IReadOnlyList<AblationProbe>? ManualProbes { get; init; }

    /// <summary>Device library; null loads the embedded default.</summary>
    public AblationDeviceLibrary? Devices { get; init; }

    /// <summary>The bioheat model to use for <see cref="AblationZoneModelKind.Bioheat"/> (e.g. with a GPU engine); null uses the CPU engine.</summary>
    public IAblationZoneModel? BioheatModel { get; init; }
}
