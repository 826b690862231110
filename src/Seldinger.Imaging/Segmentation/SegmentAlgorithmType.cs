namespace Seldinger.Imaging.Segmentation;

/// <summary>Segment Algorithm Type (0062,0008).</summary>
public enum SegmentAlgorithmType
{
    /// <summary>AUTOMATIC: computed without user input (including synthetic ground truth).</summary>
    Automatic,

    /// <summary>SEMIAUTOMATIC: computed with user input.</summary>
    Semiautomatic,

    /// <summary>MANUAL: drawn by a person.</summary>
    Manual,
}
