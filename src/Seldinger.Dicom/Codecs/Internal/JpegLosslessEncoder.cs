using System.Buffers.Binary;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>
/// Encodes JPEG Lossless, process 14, selection value 1 (ITU T.81 Annex H): predictor Ra, no point
/// transform, one interleaved scan, an optimal Huffman table (T.81 K.2) shared by all components.
/// </summary>
internal static class JpegLosslessEncoder
{
    /// <summary>Encodes <paramref name="samples"/> (interleaved, values in [0, 2^precision)).</summary>
    public static byte[] Encode(ReadOnlySpan<int> samples, int width, int height, int components, int precision)
    {
        if (precision is < 2 or > 16)
        {
            throw new DicomNotSupportedException($"JPEG Lossless encodes 2 to 16 bits per sample, not {precision}");
        }

        var count = width * height * components;
        var categories = new byte[count];
        var differences = new int[count];
        var frequencies = new long[256];
        var initial = 1 << (precision - 1);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var c = 0; c < components; c++)
                {
                    var i = (((y * width) + x) * components) + c;
                    var prediction = x > 0 ? samples[i - components] : y > 0 ? samples[i - (width * components)] : initial;
                    var diff = (samples[i] - prediction) & 0xFFFF;
                    if (diff >= 32768)
                    {
                        diff -= 65536;
                    }

                    var ssss = diff == -32768 ? 16 : BitLength(Math.Abs(diff));
                    categories[i] = (byte)ssss;
                    differences[i] = diff;
                    frequencies[ssss]++;
                }
            }
        }

        var table = JpegHuffmanTable.Optimal(frequencies);
        var output = new MemoryStream(count + 1024);
        output.Write([0xFF, 0xD8]);

        // SOF3: precision, lines, samples per line, components (id, H=V=1, Tq=0).
        var sof = new byte[10 + (3 * components)];
        BinaryPrimitives.WriteUInt16BigEndian(sof, 0xFFC3);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(2), (ushort)(8 + (3 * components)));
        sof[4] = (byte)precision;
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(7), (ushort)width);
        sof[9] = (byte)components;
        for (var c = 0; c < components; c++)
        {
            sof[10 + (c * 3)] = (byte)(c + 1);
            sof[11 + (c * 3)] = 0x11;
            sof[12 + (c * 3)] = 0;
        }

        output.Write(sof);

        // DHT: class 0, table 0.
        var dht = new byte[5 + 16 + table.Symbols.Length];
        BinaryPrimitives.WriteUInt16BigEndian(dht, 0xFFC4);
        BinaryPrimitives.WriteUInt16BigEndian(dht.AsSpan(2), (ushort)(dht.Length - 2));
        dht[4] = 0x00;
        table.Counts.CopyTo(dht, 5);
        table.Symbols.CopyTo(dht, 21);
        output.Write(dht);

        // SOS: components with table 0, Ss = 1 (predictor), Se = 0, Ah/Al = 0.
        var sos = new byte[8 + (2 * components)];
        BinaryPrimitives.WriteUInt16BigEndian(sos, 0xFFDA);
        BinaryPrimitives.WriteUInt16BigEndian(sos.AsSpan(2), (ushort)(sos.Length - 2));
        sos[4] = (byte)components;
        for (var c = 0; c < components; c++)
        {
            sos[5 + (c * 2)] = (byte)(c + 1);
            sos[6 + (c * 2)] = 0x00;
        }

        sos[5 + (2 * components)] = 1;
        sos[6 + (2 * components)] = 0;
        sos[7 + (2 * components)] = 0;
        output.Write(sos);

        var writer = new BitWriter(output);
        for (var i = 0; i < count; i++)
        {
            var ssss = categories[i];
            writer.Write(table.Codes[ssss], table.Lengths[ssss]);
            if (ssss is > 0 and < 16)
            {
                var diff = differences[i];
                writer.Write(diff < 0 ? diff - 1 : diff, ssss);
            }
        }

        writer.Flush();
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    private static int BitLength(int value)
    {
        var n = 0;
        while (value > 0)
        {
            n++;
            value >>= 1;
        }

        return n;
    }

    private sealed class BitWriter(Stream output)
    {
        private uint _buffer;
        private int _count;

        public void Write(int bits, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                _buffer = (_buffer << 1) | (uint)((bits >> i) & 1);
                _count++;
                if (_count == 8)
                {
                    Emit();
                }
            }
        }

        public void Flush()
        {
            while (_count != 0)
            {
                _buffer = (_buffer << 1) | 1;
                _count++;
                if (_count == 8)
                {
                    Emit();
                }
            }
        }

        private void Emit()
        {
            var b = (byte)_buffer;
            output.WriteByte(b);
            if (b == 0xFF)
            {
                output.WriteByte(0);
            }

            _buffer = 0;
            _count = 0;
        }
    }
}
