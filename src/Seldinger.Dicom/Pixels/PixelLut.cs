using System.Buffers.Binary;

namespace Seldinger.Dicom.Pixels;

/// <summary>
/// A lookup table (PS3.3 C.11.1, C.11.2, C.7.6.3.1.5): Modality LUT, VOI LUT or one channel of a
/// palette. Inputs below <see cref="FirstMapped"/> map to the first entry, inputs past the end to the last.
/// </summary>
public sealed class PixelLut
{
    /// <summary>Creates a table from its entries.</summary>
    public PixelLut(int firstMapped, int bitsPerEntry, IReadOnlyList<int> entries, string? explanation = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            throw new ArgumentException("a lookup table needs at least one entry", nameof(entries));
        }

        FirstMapped = firstMapped;
        BitsPerEntry = bitsPerEntry;
        Entries = entries;
        Explanation = explanation;
    }

    /// <summary>The first input value mapped (second value of the LUT Descriptor).</summary>
    public int FirstMapped { get; }

    /// <summary>Bits per entry (third value of the descriptor), normally 8 or 16.</summary>
    public int BitsPerEntry { get; }

    /// <summary>The entries.</summary>
    public IReadOnlyList<int> Entries { get; }

    /// <summary>LUT Explanation (0028,3003) when given.</summary>
    public string? Explanation { get; }

    /// <summary>The largest value an entry may hold, 2^<see cref="BitsPerEntry"/> - 1.</summary>
    public int MaxOutput => (1 << Math.Clamp(BitsPerEntry, 1, 16)) - 1;

    /// <summary>The entry for input <paramref name="value"/>, clamped to the table.</summary>
    public int Lookup(double value)
    {
        var index = (long)Math.Floor(value) - FirstMapped;
        return Entries[(int)Math.Clamp(index, 0, Entries.Count - 1)];
    }

    /// <summary>
    /// Reads a table from a descriptor (3 values, US or SS: entries with 0 meaning 65536, first mapped
    /// value, bits per entry) and its data (8- or 16-bit entries, little endian).
    /// </summary>
    /// <exception cref="DicomDataException">The descriptor or data is malformed.</exception>
    public static PixelLut Parse(DicomTag descriptorTag, ReadOnlySpan<byte> descriptor, bool descriptorSigned, ReadOnlySpan<byte> data, string? explanation = null)
    {
        if (descriptor.Length < 6)
        {
            throw new DicomDataException(descriptorTag, $"a LUT descriptor needs 3 values, found {descriptor.Length / 2}");
        }

        int count = BinaryPrimitives.ReadUInt16LittleEndian(descriptor);
        if (count == 0)
        {
            count = 65536;
        }

        int first = descriptorSigned ? BinaryPrimitives.ReadInt16LittleEndian(descriptor[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(descriptor[2..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]);
        var entries = new int[count];
        if (data.Length >= count * 2)
        {
            // Entries are stored as 16-bit words even when the descriptor says 8 bits (PS3.3 C.11.1.1.1).
            for (var i = 0; i < count; i++)
            {
                entries[i] = BinaryPrimitives.ReadUInt16LittleEndian(data[(i * 2)..]);
            }

            if (bits == 8 && entries.Max() > 255)
            {
                // Some writers pack two 8-bit entries per word; read bytes instead.
                for (var i = 0; i < count; i++)
                {
                    entries[i] = i < data.Length ? data[i] : 0;
                }
            }
        }
        else if (bits == 8 && data.Length >= count)
        {
            for (var i = 0; i < count; i++)
            {
                entries[i] = data[i];
            }
        }
        else
        {
            throw new DicomDataException(descriptorTag, $"LUT data holds {data.Length} bytes, too few for {count} entries of {bits} bits");
        }

        return new PixelLut(first, bits, entries, explanation);
    }
}
