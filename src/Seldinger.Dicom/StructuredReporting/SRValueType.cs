namespace Seldinger.Dicom.StructuredReporting;

/// <summary>Value Type (0040,A040) of an SR content item (PS3.3 C.17.3.2.1).</summary>
public enum SRValueType
{
    /// <summary>CONTAINER: groups its children under a heading.</summary>
    Container,

    /// <summary>TEXT: free text.</summary>
    Text,

    /// <summary>CODE: a coded value.</summary>
    Code,

    /// <summary>NUM: a measurement with units.</summary>
    Num,

    /// <summary>DATETIME.</summary>
    DateTime,

    /// <summary>DATE.</summary>
    Date,

    /// <summary>TIME.</summary>
    Time,

    /// <summary>UIDREF: a UID.</summary>
    UidRef,

    /// <summary>PNAME: a person's name.</summary>
    PName,

    /// <summary>COMPOSITE: a reference to a composite object.</summary>
    Composite,

    /// <summary>IMAGE: a reference to an image (and frames).</summary>
    Image,

    /// <summary>WAVEFORM: a reference to a waveform (and channels).</summary>
    Waveform,

    /// <summary>SCOORD: 2-D spatial coordinates on an image.</summary>
    SCoord,

    /// <summary>SCOORD3D: 3-D spatial coordinates in a frame of reference.</summary>
    SCoord3D,

    /// <summary>TCOORD: temporal coordinates.</summary>
    TCoord,

    /// <summary>Not a DICOM value type: an item that points to another item by Referenced Content Item Identifier (a by-reference relationship).</summary>
    ByReference,
}
