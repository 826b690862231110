namespace Seldinger.Clinical.Procedures;

/// <summary>A device used in the procedure, traceable by lot and UDI.</summary>
public sealed class DeviceUse
{
    /// <summary>Description, e.g. "18 G core biopsy needle, 10 cm".</summary>
    public required string Description { get; set; }

    /// <summary>Manufacturer.</summary>
    public string Manufacturer { get; set; } = "";

    /// <summary>Lot number.</summary>
    public string Lot { get; set; } = "";

    /// <summary>Unique device identifier (the UDI-DI and production identifiers as scanned).</summary>
    public string Udi { get; set; } = "";

    /// <summary>How many were used.</summary>
    public int Quantity { get; set; } = 1;

    /// <summary>Whether it was left in the child (drain, line, port).</summary>
    public bool Implanted { get; set; }
}
