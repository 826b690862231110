using Microsoft.AspNetCore.Mvc;

namespace Seldinger.Server.Contracts;

/// <summary>
/// Query parameters shared by the reslice, plane and overlay endpoints. Which ones apply depends on the
/// plane kind; see docs/server.md.
/// </summary>
public sealed class ViewQuery
{
    /// <summary>axial, coronal, sagittal: plane index (default: the middle plane).</summary>
    [FromQuery(Name = "index")]
    public int? Index { get; set; }

    /// <summary>oblique: centre x (LPS mm).</summary>
    [FromQuery(Name = "cx")]
    public double? Cx { get; set; }

    /// <summary>oblique: centre y (LPS mm).</summary>
    [FromQuery(Name = "cy")]
    public double? Cy { get; set; }

    /// <summary>oblique: centre z (LPS mm).</summary>
    [FromQuery(Name = "cz")]
    public double? Cz { get; set; }

    /// <summary>oblique: normal x (the direction the viewer looks).</summary>
    [FromQuery(Name = "nx")]
    public double? Nx { get; set; }

    /// <summary>oblique: normal y.</summary>
    [FromQuery(Name = "ny")]
    public double? Ny { get; set; }

    /// <summary>oblique: normal z.</summary>
    [FromQuery(Name = "nz")]
    public double? Nz { get; set; }

    /// <summary>oblique: optional screen-up x (default: anterior when the plane is within 45° of axial, else superior).</summary>
    [FromQuery(Name = "ux")]
    public double? Ux { get; set; }

    /// <summary>oblique: optional screen-up y.</summary>
    [FromQuery(Name = "uy")]
    public double? Uy { get; set; }

    /// <summary>oblique: optional screen-up z.</summary>
    [FromQuery(Name = "uz")]
    public double? Uz { get; set; }

    /// <summary>inplane, probe: the case whose latest needle plan defines the path.</summary>
    [FromQuery(Name = "case")]
    public Guid? CaseId { get; set; }

    /// <summary>probe: depth along the path from the entry, mm (default: at the target).</summary>
    [FromQuery(Name = "depth")]
    public double? Depth { get; set; }

    /// <summary>oblique, inplane, probe: width and height in pixels (default: covers the volume, at most 512).</summary>
    [FromQuery(Name = "size")]
    public int? Size { get; set; }

    /// <summary>Square pixel spacing in mm (default: the volume's spacing for standard planes, its smallest spacing otherwise).</summary>
    [FromQuery(Name = "pixel")]
    public double? Pixel { get; set; }

    /// <summary>Slab thickness in mm (default 0, a thin slice).</summary>
    [FromQuery(Name = "slab")]
    public double? Slab { get; set; }

    /// <summary>Slab projection: mip (default), minip or mean.</summary>
    [FromQuery(Name = "mode")]
    public string? Mode { get; set; }

    /// <summary>Window preset: soft (default), bone, lung or liver.</summary>
    [FromQuery(Name = "preset")]
    public string? Preset { get; set; }

    /// <summary>Window centre in HU (with width instead of a preset).</summary>
    [FromQuery(Name = "center")]
    public double? Center { get; set; }

    /// <summary>Window width in HU (≥ 1).</summary>
    [FromQuery(Name = "width")]
    public double? Width { get; set; }

    /// <summary>Overlay and meshes: comma-separated label values to include (default: all).</summary>
    [FromQuery(Name = "labels")]
    public string? Labels { get; set; }
}
