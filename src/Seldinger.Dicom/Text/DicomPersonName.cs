namespace Seldinger.Dicom.Text;

/// <summary>
/// A Person Name (PN) value (PS3.5 6.2.1): up to three component groups separated by '=' —
/// alphabetic (single-byte), ideographic (e.g. kanji, hanja) and phonetic (e.g. hiragana, hangul) —
/// each with five components separated by '^'.
/// </summary>
public sealed record DicomPersonName
{
    /// <summary>Creates a name from its component groups; null stands for an empty group.</summary>
    public DicomPersonName(DicomPersonNameGroup? alphabetic, DicomPersonNameGroup? ideographic = null, DicomPersonNameGroup? phonetic = null)
    {
        Alphabetic = alphabetic ?? DicomPersonNameGroup.Empty;
        Ideographic = ideographic ?? DicomPersonNameGroup.Empty;
        Phonetic = phonetic ?? DicomPersonNameGroup.Empty;
    }

    /// <summary>The alphabetic (single-byte) representation.</summary>
    public DicomPersonNameGroup Alphabetic { get; }

    /// <summary>The ideographic representation.</summary>
    public DicomPersonNameGroup Ideographic { get; }

    /// <summary>The phonetic representation.</summary>
    public DicomPersonNameGroup Phonetic { get; }

    /// <summary>Family name of the alphabetic group.</summary>
    public string FamilyName => Alphabetic.FamilyName;

    /// <summary>Given name of the alphabetic group.</summary>
    public string GivenName => Alphabetic.GivenName;

    /// <summary>True when every group is empty.</summary>
    public bool IsEmpty => Alphabetic.IsEmpty && Ideographic.IsEmpty && Phonetic.IsEmpty;

    /// <summary>
    /// Parses one PN value as decoded text ("Yamada^Tarou=山田^太郎=やまだ^たろう"). Groups beyond the
    /// third are kept in the phonetic group's suffix, joined by spaces.
    /// </summary>
    public static DicomPersonName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = text.Split('=', 3);
        DicomPersonNameGroup Group(int i) => i < groups.Length ? DicomPersonNameGroup.Parse(groups[i].Replace('=', ' ')) : DicomPersonNameGroup.Empty;
        return new DicomPersonName(Group(0), Group(1), Group(2));
    }

    /// <summary>The DICOM form, with trailing empty groups (and their '=') left out.</summary>
    public override string ToString()
    {
        string[] groups = [Alphabetic.ToString(), Ideographic.ToString(), Phonetic.ToString()];
        var count = groups.Length;
        while (count > 0 && groups[count - 1].Length == 0)
        {
            count--;
        }

        return string.Join('=', groups, 0, count);
    }
}
