namespace Seldinger.Dicom.StructuredReporting;

/// <summary>Relationship Type (0040,A010) from a content item to its parent (PS3.3 C.17.3.2.4).</summary>
public enum SRRelationshipType
{
    /// <summary>The root item, which has no parent.</summary>
    None,

    /// <summary>CONTAINS.</summary>
    Contains,

    /// <summary>HAS PROPERTIES.</summary>
    HasProperties,

    /// <summary>HAS OBS CONTEXT.</summary>
    HasObservationContext,

    /// <summary>HAS ACQ CONTEXT.</summary>
    HasAcquisitionContext,

    /// <summary>INFERRED FROM.</summary>
    InferredFrom,

    /// <summary>SELECTED FROM.</summary>
    SelectedFrom,

    /// <summary>HAS CONCEPT MOD.</summary>
    HasConceptModifier,
}
