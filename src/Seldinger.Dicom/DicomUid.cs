using System.Buffers.Binary;
using System.Globalization;

namespace Seldinger.Dicom;

/// <summary>Creates and checks DICOM unique identifiers (PS3.5 section 9).</summary>
public static class DicomUid
{
    /// <summary>
    /// A new UID under the "2.25" root: "2.25." followed by a random (version 4) UUID written as an
    /// unsigned decimal integer (ISO/IEC 9834-8, PS3.5 B.2). At most 44 characters.
    /// </summary>
    public static string Generate() => FromGuid(Guid.NewGuid());

    /// <summary>The "2.25." UID of a given UUID.</summary>
    public static string FromGuid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return "2.25." + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// True when <paramref name="uid"/> is a valid UID: 1–64 characters, numeric components
    /// separated by single dots, no leading zero in a multi-digit component.
    /// </summary>
    public static bool IsValid(string? uid)
    {
        if (string.IsNullOrEmpty(uid) || uid.Length > 64)
        {
            return false;
        }

        var componentStart = 0;
        for (var i = 0; i <= uid.Length; i++)
        {
            if (i == uid.Length || uid[i] == '.')
            {
                var length = i - componentStart;
                if (length == 0 || (length > 1 && uid[componentStart] == '0'))
                {
                    return false;
                }

                componentStart = i + 1;
            }
            else if (uid[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
