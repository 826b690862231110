using System.Globalization;

namespace Seldinger.Dicom.StructuredReporting;

/// <summary>
/// Reads the content tree of a Structured Report (any SR SOP class: Basic Text, Enhanced, Comprehensive,
/// Comprehensive 3D, X-Ray Radiation Dose, …): the document's root CONTAINER and its Content Sequence,
/// recursively. By-reference relationships (Referenced Content Item Identifier) are kept as
/// <see cref="SRValueType.ByReference"/> items and resolved with <see cref="SRContentItem.Resolve"/>.
/// </summary>
public static class SRDocument
{
    private const int MaxDepth = 64;

    /// <summary>Reads the content tree of <paramref name="dataset"/>, a whole SR document.</summary>
    /// <exception cref="DicomDataException">The document has no root value type, or an item has an unknown value or relationship type.</exception>
    public static SRContentItem ReadContentTree(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        if (!dataset.Contains(DicomTags.ValueType))
        {
            throw new DicomDataException(DicomTags.ValueType, "is missing: the dataset is not a Structured Report document");
        }

        return ReadItem(dataset, SRRelationshipType.None, "1", 0);
    }

    /// <summary>Reads the content tree of the SR file at <paramref name="path"/>.</summary>
    public static SRContentItem ReadContentTree(string path) => ReadContentTree(DicomFile.Open(path).Dataset);

    private static SRContentItem ReadItem(DicomDataset item, SRRelationshipType relationship, string position, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new DicomDataException(DicomTags.ContentSequence, $"content items nested deeper than {MaxDepth} levels at {position}");
        }

        var children = new List<SRContentItem>();
        if (item.Find(DicomTags.ContentSequence)?.Sequence is { } content)
        {
            for (var n = 0; n < content.Count; n++)
            {
                var child = content[n];
                var childPosition = string.Create(CultureInfo.InvariantCulture, $"{position}.{n + 1}");
                var childRelationship = child.TryGetString(DicomTags.RelationshipType, out var r)
                    ? ParseRelationship(r, childPosition)
                    : throw new DicomDataException(DicomTags.RelationshipType, $"is missing on content item {childPosition}");
                children.Add(ReadItem(child, childRelationship, childPosition, depth + 1));
            }
        }

        if (!item.TryGetString(DicomTags.ValueType, out var valueTypeText))
        {
            if (item.Contains(DicomTags.ReferencedContentItemIdentifier))
            {
                return new SRContentItem
                {
                    ValueType = SRValueType.ByReference,
                    RelationshipType = relationship,
                    Position = position,
                    ReferencedItem = item.GetInt32s(DicomTags.ReferencedContentItemIdentifier),
                    Children = children,
                    Dataset = item,
                };
            }

            throw new DicomDataException(DicomTags.ValueType, $"is missing on content item {position}, which is not a by-reference item either");
        }

        var valueType = ParseValueType(valueTypeText, position);
        var concept = DicomCode.FromSequence(item, DicomTags.ConceptNameCodeSequence);
        return valueType switch
        {
            SRValueType.Container => new SRContentItem
            {
                ValueType = valueType,
                RelationshipType = relationship,
                ConceptName = concept,
                Position = position,
                Children = children,
                Dataset = item,
                ContinuityOfContent = Text(item, DicomTags.ContinuityOfContent),
                TemplateIdentifier = item.Find(DicomTags.ContentTemplateSequence)?.Sequence is { Count: > 0 } t ? Text(t[0], DicomTags.TemplateIdentifier) : null,
            },
            SRValueType.Text or SRValueType.DateTime or SRValueType.Date or SRValueType.Time or SRValueType.UidRef or SRValueType.PName => new SRContentItem
            {
                ValueType = valueType,
                RelationshipType = relationship,
                ConceptName = concept,
                Position = position,
                Children = children,
                Dataset = item,
                TextValue = Text(item, valueType switch
                {
                    SRValueType.Text => DicomTags.TextValue,
                    SRValueType.DateTime => DicomTags.DateTime,
                    SRValueType.Date => DicomTags.Date,
                    SRValueType.Time => DicomTags.Time,
                    SRValueType.UidRef => DicomTags.UID,
                    _ => DicomTags.PersonName,
                }),
            },
            SRValueType.Code => new SRContentItem
            {
                ValueType = valueType,
                RelationshipType = relationship,
                ConceptName = concept,
                Position = position,
                Children = children,
                Dataset = item,
                CodeValue = DicomCode.FromSequence(item, DicomTags.ConceptCodeSequence),
            },
            SRValueType.Num => new SRContentItem
            {
                ValueType = valueType,
                RelationshipType = relationship,
                ConceptName = concept,
                Position = position,
                Children = children,
                Dataset = item,
                NumericValue = Numeric(item),
            },
            SRValueType.Composite or SRValueType.Image or SRValueType.Waveform => new SRContentItem
            {
                ValueType = valueType,
                RelationshipType = relationship,
                ConceptName = concept,
                Position = position,
                Children = children,
                Dataset = item,
                Reference = Reference(item),
            },
            _ => new SRContentItem
            {
                ValueType = valueType,
                RelationshipType = relationship,
                ConceptName = concept,
                Position = position,
                Children = children,
                Dataset = item,
                Coordinates = Coordinates(item, valueType),
            },
        };
    }

    private static SRNumericValue? Numeric(DicomDataset item)
    {
        var qualifier = DicomCode.FromSequence(item, DicomTags.NumericValueQualifierCodeSequence);
        if (item.Find(DicomTags.MeasuredValueSequence)?.Sequence is not { Count: > 0 } measured)
        {
            return qualifier is null ? null : new SRNumericValue(null, "", null, qualifier);
        }

        var m = measured[0];
        var text = Text(m, DicomTags.NumericValue) ?? "";
        double? value = null;
        if (m.Contains(DicomTags.FloatingPointValue) && m.GetDoubles(DicomTags.FloatingPointValue) is [var fp, ..])
        {
            value = fp;
        }
        else if (m.Contains(DicomTags.NumericValue) && m.GetDoubles(DicomTags.NumericValue) is [var ds, ..])
        {
            value = ds;
        }

        return new SRNumericValue(value, text, DicomCode.FromSequence(m, DicomTags.MeasurementUnitsCodeSequence), qualifier);
    }

    private static SRReference? Reference(DicomDataset item)
    {
        if (item.Find(DicomTags.ReferencedSOPSequence)?.Sequence is not { Count: > 0 } refs)
        {
            return null;
        }

        var r = refs[0];
        return new SRReference(
            Text(r, DicomTags.ReferencedSOPClassUID) ?? "",
            Text(r, DicomTags.ReferencedSOPInstanceUID) ?? "",
            r.Contains(DicomTags.ReferencedFrameNumber) ? r.GetInt32s(DicomTags.ReferencedFrameNumber) : [],
            r.Contains(DicomTags.ReferencedWaveformChannels) ? r.GetInt32s(DicomTags.ReferencedWaveformChannels) : []);
    }

    private static SRCoordinates Coordinates(DicomDataset item, SRValueType valueType)
    {
        if (valueType == SRValueType.TCoord)
        {
            return new SRCoordinates
            {
                Type = Text(item, DicomTags.TemporalRangeType) ?? "",
                SamplePositions = item.Contains(DicomTags.ReferencedSamplePositions) ? item.GetDoubles(DicomTags.ReferencedSamplePositions) : [],
                TimeOffsets = item.Contains(DicomTags.ReferencedTimeOffsets) ? item.GetDoubles(DicomTags.ReferencedTimeOffsets) : [],
                DateTimes = item.Contains(DicomTags.ReferencedDateTime) ? item.GetStrings(DicomTags.ReferencedDateTime) : [],
            };
        }

        return new SRCoordinates
        {
            Type = Text(item, DicomTags.GraphicType) ?? "",
            Points = item.Contains(DicomTags.GraphicData) ? item.GetDoubles(DicomTags.GraphicData) : [],
            FrameOfReferenceUid = valueType == SRValueType.SCoord3D ? Text(item, DicomTags.ReferencedFrameOfReferenceUID) : null,
        };
    }

    private static string? Text(DicomDataset item, DicomTag tag) => item.TryGetString(tag, out var value) ? value : null;

    private static SRValueType ParseValueType(string text, string position) => text switch
    {
        "CONTAINER" => SRValueType.Container,
        "TEXT" => SRValueType.Text,
        "CODE" => SRValueType.Code,
        "NUM" => SRValueType.Num,
        "DATETIME" => SRValueType.DateTime,
        "DATE" => SRValueType.Date,
        "TIME" => SRValueType.Time,
        "UIDREF" => SRValueType.UidRef,
        "PNAME" => SRValueType.PName,
        "COMPOSITE" => SRValueType.Composite,
        "IMAGE" => SRValueType.Image,
        "WAVEFORM" => SRValueType.Waveform,
        "SCOORD" => SRValueType.SCoord,
        "SCOORD3D" => SRValueType.SCoord3D,
        "TCOORD" => SRValueType.TCoord,
        _ => throw new DicomDataException(DicomTags.ValueType, $"'{text}' on content item {position} is not an SR value type"),
    };

    private static SRRelationshipType ParseRelationship(string text, string position) => text switch
    {
        "CONTAINS" => SRRelationshipType.Contains,
        "HAS PROPERTIES" => SRRelationshipType.HasProperties,
        "HAS OBS CONTEXT" => SRRelationshipType.HasObservationContext,
        "HAS ACQ CONTEXT" => SRRelationshipType.HasAcquisitionContext,
        "INFERRED FROM" => SRRelationshipType.InferredFrom,
        "SELECTED FROM" => SRRelationshipType.SelectedFrom,
        "HAS CONCEPT MOD" => SRRelationshipType.HasConceptModifier,
        _ => throw new DicomDataException(DicomTags.RelationshipType, $"'{text}' on content item {position} is not an SR relationship type"),
    };
}
