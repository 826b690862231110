namespace Seldinger.Dicom.Text;

/// <summary>
/// One component group of a Person Name (alphabetic, ideographic or phonetic): the five components
/// family name, given name, middle name, prefix and suffix, separated by '^' (PS3.5 6.2.1.1).
/// </summary>
public sealed record DicomPersonNameGroup
{
    /// <summary>Creates a group from its components; null stands for an empty component.</summary>
    public DicomPersonNameGroup(string? familyName = null, string? givenName = null, string? middleName = null, string? namePrefix = null, string? nameSuffix = null)
    {
        FamilyName = familyName ?? string.Empty;
        GivenName = givenName ?? string.Empty;
        MiddleName = middleName ?? string.Empty;
        NamePrefix = namePrefix ?? string.Empty;
        NameSuffix = nameSuffix ?? string.Empty;
        foreach (var component in (ReadOnlySpan<string>)[FamilyName, GivenName, MiddleName, NamePrefix, NameSuffix])
        {
            if (component.AsSpan().IndexOfAny("^=\\") >= 0)
            {
                throw new ArgumentException($"a person name component must not contain '^', '=' or '\\': '{component}'");
            }
        }
    }

    /// <summary>An empty group.</summary>
    public static DicomPersonNameGroup Empty { get; } = new();

    /// <summary>Family name complex.</summary>
    public string FamilyName { get; }

    /// <summary>Given name complex.</summary>
    public string GivenName { get; }

    /// <summary>Middle name.</summary>
    public string MiddleName { get; }

    /// <summary>Name prefix (e.g. "Dr.").</summary>
    public string NamePrefix { get; }

    /// <summary>Name suffix (e.g. "Jr.").</summary>
    public string NameSuffix { get; }

    /// <summary>True when every component is empty.</summary>
    public bool IsEmpty => FamilyName.Length + GivenName.Length + MiddleName.Length + NamePrefix.Length + NameSuffix.Length == 0;

    /// <summary>
    /// Parses a component group ("Family^Given^Middle^Prefix^Suffix"); components beyond the fifth are
    /// kept in the suffix, joined by '^', so nothing read from a file is lost.
    /// </summary>
    public static DicomPersonNameGroup Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('^', 5);
        string Part(int i) => i < parts.Length ? parts[i] : string.Empty;
        return new DicomPersonNameGroup(Part(0), Part(1), Part(2), Part(3), Part(4).Replace('^', ' '));
    }

    /// <summary>The DICOM form, with trailing empty components (and their '^') left out.</summary>
    public override string ToString()
    {
        string[] parts = [FamilyName, GivenName, MiddleName, NamePrefix, NameSuffix];
        var count = parts.Length;
        while (count > 0 && parts[count - 1].Length == 0)
        {
            count--;
        }

        return string.Join('^', parts, 0, count);
    }
}
