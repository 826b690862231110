namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>A Huffman table of ITU T.81 (DHT): code counts per length and the symbols, with the decoding tables of F.2.2.3 and the codes of Annex C.</summary>
internal sealed class JpegHuffmanTable
{
    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valPtr = new int[17];
    private readonly int[] _minCode = new int[17];

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> symbols)
    {
        Counts = counts[..16].ToArray();
        Symbols = symbols.ToArray();
        Codes = new int[256];
        Lengths = new int[256];
        var code = 0;
        var k = 0;
        for (var length = 1; length <= 16; length++)
        {
            _valPtr[length] = k;
            _minCode[length] = code;
            for (var i = 0; i < Counts[length - 1]; i++)
            {
                if (k >= Symbols.Length)
                {
                    throw new DicomDataException(DicomTags.PixelData, "JPEG Huffman table lists more codes than symbols");
                }

                Codes[Symbols[k]] = code;
                Lengths[Symbols[k]] = length;
                code++;
                k++;
            }

            _maxCode[length] = Counts[length - 1] == 0 ? -1 : code - 1;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    /// <summary>Number of codes of each length 1..16 (BITS).</summary>
    public byte[] Counts { get; }

    /// <summary>Symbols in code order (HUFFVAL).</summary>
    public byte[] Symbols { get; }

    /// <summary>The code of each symbol (EHUFCO).</summary>
    public int[] Codes { get; }

    /// <summary>The code length of each symbol (EHUFSI); 0 when the symbol has no code.</summary>
    public int[] Lengths { get; }

    /// <summary>Decodes one symbol (T.81 F.2.2.3).</summary>
    public int Decode(ref JpegBitReader reader)
    {
        var code = reader.ReadBit();
        for (var length = 1; length <= 16; length++)
        {
            if (code <= _maxCode[length])
            {
                return Symbols[_valPtr[length] + code - _minCode[length]];
            }

            code = (code << 1) | reader.ReadBit();
        }

        throw new DicomDataException(DicomTags.PixelData, "JPEG data holds a Huffman code that its table does not define");
    }

    /// <summary>
    /// An optimal table for symbol <paramref name="frequencies"/> with code lengths limited to 16 bits
    /// and no all-ones code (T.81 K.2).
    /// </summary>
    public static JpegHuffmanTable Optimal(ReadOnlySpan<long> frequencies)
    {
        var freq = new long[257];
        frequencies.CopyTo(freq);
        freq[256] = 1;
        var codeSize = new int[257];
        var others = new int[257];
        Array.Fill(others, -1);
        while (true)
        {
            int v1 = -1, v2 = -1;
            for (var i = 0; i < 257; i++)
            {
                if (freq[i] > 0 && (v1 < 0 || freq[i] <= freq[v1]))
                {
                    v1 = i;
                }
            }

            for (var i = 0; i < 257; i++)
            {
                if (i != v1 && freq[i] > 0 && (v2 < 0 || freq[i] <= freq[v2]))
                {
                    v2 = i;
                }
            }

            if (v2 < 0)
            {
                break;
            }

            freq[v1] += freq[v2];
            freq[v2] = 0;
            codeSize[v1]++;
            while (others[v1] >= 0)
            {
                v1 = others[v1];
                codeSize[v1]++;
            }

            others[v1] = v2;
            codeSize[v2]++;
            while (others[v2] >= 0)
            {
                v2 = others[v2];
                codeSize[v2]++;
            }
        }

        var bits = new int[33];
        for (var i = 0; i < 257; i++)
        {
            if (codeSize[i] > 0)
            {
                bits[codeSize[i]]++;
            }
        }

        for (var i = 32; i > 16; i--)
        {
            while (bits[i] > 0)
            {
                var j = i - 2;
                while (bits[j] == 0)
                {
                    j--;
                }

                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }

        var last = 16;
        while (bits[last] == 0)
        {
            last--;
        }

        bits[last]--;
        var symbols = new List<byte>();
        for (var size = 1; size <= 32; size++)
        {
            for (var i = 0; i < 256; i++)
            {
                if (codeSize[i] == size)
                {
                    symbols.Add((byte)i);
                }
            }
        }

        var counts = new byte[16];
        for (var i = 0; i < 16; i++)
        {
            counts[i] = (byte)bits[i + 1];
        }

        return new JpegHuffmanTable(counts, symbols.ToArray());
    }
}
