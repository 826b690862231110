namespace Seldinger.Clinical.Instructions;

/// <summary>Site settings a family sheet needs: the local time zone and how to reach the service.</summary>
public sealed record InstructionOptions
{
    /// <summary>The time zone the family lives in; every time on the sheet is local to it. Default UTC.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The IR service's telephone number, printed wherever the sheet says to call.</summary>
    public string ServicePhone { get; init; } = "";

    /// <summary>The service's name as families know it; when empty the language file's default is used.</summary>
    public string ServiceName { get; init; } = "";

    /// <summary>Minutes before the start to arrive; when null the data file's value is used.</summary>
    public int? ArrivalMinutesBefore { get; init; }
}
