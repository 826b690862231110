namespace Seldinger.Dicom.StructuredReporting;

/// <summary>
/// One node of an SR content tree (PS3.3 C.17.3): its value type, its relationship to the parent,
/// its concept name as a coded entry, its value and its children.
/// </summary>
public sealed class SRContentItem
{
    /// <summary>Value Type; <see cref="SRValueType.ByReference"/> for an item that points to another one.</summary>
    public required SRValueType ValueType { get; init; }

    /// <summary>Relationship to the parent; <see cref="SRRelationshipType.None"/> for the root.</summary>
    public required SRRelationshipType RelationshipType { get; init; }

    /// <summary>Concept Name Code Sequence, when present (always for the root and for containers with a heading).</summary>
    public DicomCode? ConceptName { get; init; }

    /// <summary>Where the item sits: "1" for the root, "1.2.3" for the third child of the second child (the numbering of Referenced Content Item Identifier).</summary>
    public required string Position { get; init; }

    /// <summary>The children, in document order.</summary>
    public IReadOnlyList<SRContentItem> Children { get; init; } = [];

    /// <summary>The value of a TEXT, DATETIME, DATE, TIME, UIDREF or PNAME item, as written.</summary>
    public string? TextValue { get; init; }

    /// <summary>The value of a CODE item.</summary>
    public DicomCode? CodeValue { get; init; }

    /// <summary>The value of a NUM item.</summary>
    public SRNumericValue? NumericValue { get; init; }

    /// <summary>The value of a COMPOSITE, IMAGE or WAVEFORM item.</summary>
    public SRReference? Reference { get; init; }

    /// <summary>The value of an SCOORD, SCOORD3D or TCOORD item.</summary>
    public SRCoordinates? Coordinates { get; init; }

    /// <summary>Continuity of Content of a CONTAINER (SEPARATE or CONTINUOUS).</summary>
    public string? ContinuityOfContent { get; init; }

    /// <summary>Template Identifier of a CONTAINER's Content Template Sequence (e.g. "10001"), when present.</summary>
    public string? TemplateIdentifier { get; init; }

    /// <summary>Referenced Content Item Identifier of a by-reference item: the target's position, e.g. [1, 2, 3].</summary>
    public IReadOnlyList<int> ReferencedItem { get; init; } = [];

    /// <summary>The content item's own elements.</summary>
    public required DicomDataset Dataset { get; init; }

    /// <summary>This item and every descendant, depth first, parents before children, in document order.</summary>
    public IEnumerable<SRContentItem> Walk()
    {
        var stack = new Stack<SRContentItem>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            yield return item;
            for (var n = item.Children.Count - 1; n >= 0; n--)
            {
                stack.Push(item.Children[n]);
            }
        }
    }

    /// <summary>Every item in this subtree (this one included) whose concept name is <paramref name="concept"/> (by code value and scheme).</summary>
    public IEnumerable<SRContentItem> FindAll(DicomCode concept)
    {
        ArgumentNullException.ThrowIfNull(concept);
        return Walk().Where(item => concept.Equals(item.ConceptName));
    }

    /// <summary>The first item in this subtree whose concept name is <paramref name="concept"/>, or null.</summary>
    public SRContentItem? Find(DicomCode concept) => FindAll(concept).FirstOrDefault();

    /// <summary>The item that a by-reference item points to, searched from this item as the document root; null when there is none.</summary>
    public SRContentItem? Resolve(SRContentItem byReference)
    {
        ArgumentNullException.ThrowIfNull(byReference);
        var path = byReference.ReferencedItem;
        if (path.Count == 0 || path[0] != 1)
        {
            return null;
        }

        var item = this;
        for (var n = 1; n < path.Count; n++)
        {
            if (path[n] < 1 || path[n] > item.Children.Count)
            {
                return null;
            }

            item = item.Children[path[n] - 1];
        }

        return item;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Position} {RelationshipType} {ValueType} {ConceptName?.Meaning}";
}
