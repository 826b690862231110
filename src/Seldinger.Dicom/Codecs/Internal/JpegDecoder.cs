using System.Buffers.Binary;

namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>
/// A JPEG decoder for the processes DICOM uses (ITU T.81): baseline and extended sequential DCT with
/// Huffman coding (8- and 12-bit, any sampling factors, interleaved or not, restart intervals) and
/// lossless process 14 (predictors 1–7, point transform). Output is interleaved samples at full
/// resolution (chroma replicated), with no colour conversion.
/// </summary>
internal sealed class JpegDecoder
{
    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    private static readonly double[] Cosines = BuildCosines();

    private readonly JpegHuffmanTable?[] _dc = new JpegHuffmanTable?[4];
    private readonly JpegHuffmanTable?[] _ac = new JpegHuffmanTable?[4];
    private readonly int[][] _quant = new int[4][];
    private Component[] _components = [];
    private int _restartInterval;
    private int _hMax = 1;
    private int _vMax = 1;

    /// <summary>The SOF marker type: 0xC0 baseline, 0xC1 extended, 0xC3 lossless.</summary>
    public int FrameType { get; private set; } = -1;

    public int Precision { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int ComponentCount => _components.Length;

    /// <summary>True when an Adobe APP14 segment says the components are YCbCr (transform 1) or a JFIF header is present.</summary>
    public bool? AdobeTransform { get; private set; }

    /// <summary>Decodes <paramref name="data"/> (one JPEG image) into 32-bit samples, interleaved.</summary>
    public int[] Decode(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        while (pos + 1 < data.Length && !(data[pos] == 0xFF && data[pos + 1] == 0xD8))
        {
            pos++;
        }

        if (pos + 1 >= data.Length)
        {
            throw Corrupt("no JPEG start-of-image marker (FF D8)");
        }

        pos += 2;
        while (pos < data.Length)
        {
            if (data[pos] != 0xFF)
            {
                pos++;
                continue;
            }

            var marker = data[pos + 1 < data.Length ? pos + 1 : pos];
            pos += 2;
            if (marker is 0xFF or 0x00 || marker is >= 0xD0 and <= 0xD7)
            {
                pos -= marker == 0xFF ? 1 : 0;
                continue;
            }

            if (marker == 0xD9)
            {
                break;
            }

            if (pos + 2 > data.Length)
            {
                throw Corrupt($"JPEG marker FF {marker:X2} is cut short");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            if (length < 2 || pos + length > data.Length)
            {
                throw Corrupt($"JPEG segment FF {marker:X2} of {length} bytes runs past the data");
            }

            var segment = data.Slice(pos + 2, length - 2);
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC3:
                    ReadFrame(marker, segment);
                    break;
                case 0xC2 or 0xC5 or 0xC6 or 0xC7 or >= 0xC9 and <= 0xCF and not 0xCC:
                    throw new DicomNotSupportedException($"JPEG process with SOF marker FF {marker:X2} (progressive, hierarchical or arithmetic) is not supported");
                case 0xC4:
                    ReadHuffman(segment);
                    break;
                case 0xDB:
                    ReadQuantization(segment);
                    break;
                case 0xDD:
                    _restartInterval = BinaryPrimitives.ReadUInt16BigEndian(segment);
                    break;
                case 0xEE when segment.Length >= 12 && segment[..5].SequenceEqual("Adobe"u8):
                    AdobeTransform = segment[11] != 0;
                    break;
                case 0xDA:
                    pos = ReadScan(data, pos + length, segment);
                    continue;
            }

            pos += length;
        }

        if (FrameType < 0 || _output is null)
        {
            throw Corrupt("JPEG data has no frame or no scan");
        }

        return _output;
    }

    private int[]? _output;

    private void ReadFrame(int marker, ReadOnlySpan<byte> s)
    {
        FrameType = marker;
        Precision = s[0];
        Height = BinaryPrimitives.ReadUInt16BigEndian(s[1..]);
        Width = BinaryPrimitives.ReadUInt16BigEndian(s[3..]);
        var n = s[5];
        if (Height == 0 || Width == 0 || n == 0 || s.Length < 6 + (3 * n))
        {
            throw Corrupt($"JPEG frame header is invalid ({Width}x{Height}, {n} components)");
        }

        _components = new Component[n];
        for (var i = 0; i < n; i++)
        {
            var c = s.Slice(6 + (i * 3), 3);
            _components[i] = new Component { Id = c[0], H = Math.Max(1, c[1] >> 4), V = Math.Max(1, c[1] & 15), Tq = c[2] & 3 };
        }

        _hMax = _components.Max(c => c.H);
        _vMax = _components.Max(c => c.V);
        foreach (var c in _components)
        {
            c.Width = ((Width * c.H) + _hMax - 1) / _hMax;
            c.Height = ((Height * c.V) + _vMax - 1) / _vMax;
            if (marker == 0xC3)
            {
                c.Stride = c.Width;
                c.Samples = new int[c.Width * c.Height];
            }
            else
            {
                c.BlocksWide = (Width + (8 * _hMax) - 1) / (8 * _hMax) * c.H;
                c.BlocksHigh = (Height + (8 * _vMax) - 1) / (8 * _vMax) * c.V;
                c.Stride = c.BlocksWide * 8;
                c.Samples = new int[c.Stride * c.BlocksHigh * 8];
            }
        }
    }

    private void ReadHuffman(ReadOnlySpan<byte> s)
    {
        while (s.Length >= 17)
        {
            var tc = s[0] >> 4;
            var th = s[0] & 3;
            var total = 0;
            for (var i = 1; i <= 16; i++)
            {
                total += s[i];
            }

            if (s.Length < 17 + total)
            {
                throw Corrupt("JPEG Huffman table is cut short");
            }

            var table = new JpegHuffmanTable(s.Slice(1, 16), s.Slice(17, total));
            (tc == 0 ? _dc : _ac)[th] = table;
            s = s[(17 + total)..];
        }
    }

    private void ReadQuantization(ReadOnlySpan<byte> s)
    {
        while (s.Length >= 65)
        {
            var pq = s[0] >> 4;
            var tq = s[0] & 3;
            var table = new int[64];
            for (var k = 0; k < 64; k++)
            {
                table[k] = pq == 0 ? s[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(s[(1 + (2 * k))..]);
            }

            _quant[tq] = table;
            s = s[(1 + (pq == 0 ? 64 : 128))..];
        }
    }

    private int ReadScan(ReadOnlySpan<byte> data, int entropyStart, ReadOnlySpan<byte> s)
    {
        if (FrameType < 0)
        {
            throw Corrupt("JPEG scan comes before the frame header");
        }

        var ns = s[0];
        var scan = new Component[ns];
        for (var i = 0; i < ns; i++)
        {
            var id = s[1 + (i * 2)];
            var tables = s[2 + (i * 2)];
            scan[i] = _components.FirstOrDefault(c => c.Id == id) ?? throw Corrupt($"JPEG scan names component {id}, not in the frame");
            scan[i].Td = tables >> 4;
            scan[i].Ta = tables & 15;
        }

        var ss = s[1 + (ns * 2)];
        var al = s[3 + (ns * 2)] & 15;
        var reader = new JpegBitReader(data, entropyStart);
        if (FrameType == 0xC3)
        {
            DecodeLosslessScan(ref reader, scan, ss, al);
        }
        else
        {
            DecodeDctScan(ref reader, scan);
        }

        _output = Interleave();
        var pos = reader.Position;
        while (pos + 1 < data.Length && !(data[pos] == 0xFF && data[pos + 1] != 0x00 && data[pos + 1] is < 0xD0 or > 0xD7))
        {
            pos++;
        }

        return pos;
    }

    private void DecodeLosslessScan(ref JpegBitReader reader, Component[] scan, int predictor, int pointTransform)
    {
        foreach (var c in scan)
        {
            if (c.H != 1 || c.V != 1)
            {
                throw new DicomNotSupportedException("lossless JPEG with subsampled components is not supported");
            }

            _ = _dc[c.Td] ?? throw Corrupt($"JPEG scan uses Huffman table {c.Td}, which is not defined");
        }

        var mask = (1 << Precision) - 1;
        var initial = 1 << (Precision - pointTransform - 1);
        var restart = _restartInterval;
        var mcu = 0;
        var lineStart = true;
        var first = true;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (restart > 0 && mcu > 0 && mcu % restart == 0)
                {
                    reader.Restart();
                    lineStart = true;
                    first = true;
                }

                foreach (var c in scan)
                {
                    var row = y * c.Stride;
                    int prediction;
                    if (first)
                    {
                        prediction = initial;
                    }
                    else if (lineStart)
                    {
                        prediction = c.Samples![row + x - 1];
                    }
                    else if (x == 0)
                    {
                        prediction = c.Samples![row - c.Stride];
                    }
                    else
                    {
                        var ra = c.Samples![row + x - 1];
                        var rb = c.Samples[row - c.Stride + x];
                        var rc = c.Samples[row - c.Stride + x - 1];
                        prediction = predictor switch
                        {
                            1 => ra,
                            2 => rb,
                            3 => rc,
                            4 => ra + rb - rc,
                            5 => ra + ((rb - rc) >> 1),
                            6 => rb + ((ra - rc) >> 1),
                            7 => (ra + rb) >> 1,
                            _ => throw Corrupt($"lossless JPEG predictor {predictor} is not 1 to 7"),
                        };
                    }

                    var ssss = _dc[c.Td]!.Decode(ref reader);
                    var diff = ssss == 16 ? 32768 : reader.ReceiveExtend(ssss);
                    c.Samples![row + x] = (prediction + diff) & 0xFFFF;
                }

                mcu++;
                first = false;
            }

            lineStart = false;
        }

        foreach (var c in scan)
        {
            for (var i = 0; i < c.Samples!.Length; i++)
            {
                c.Samples[i] = (c.Samples[i] << pointTransform) & mask;
            }
        }
    }

    private void DecodeDctScan(ref JpegBitReader reader, Component[] scan)
    {
        foreach (var c in scan)
        {
            _ = _dc[c.Td] ?? throw Corrupt($"JPEG scan uses DC table {c.Td}, which is not defined");
            _ = _ac[c.Ta] ?? throw Corrupt($"JPEG scan uses AC table {c.Ta}, which is not defined");
            _ = _quant[c.Tq] ?? throw Corrupt($"JPEG component {c.Id} uses quantization table {c.Tq}, which is not defined");
            c.Prediction = 0;
        }

        var coefficients = new int[64];
        var work = new double[64];
        var shift = 1 << (Precision - 1);
        var max = (1 << Precision) - 1;
        var mcu = 0;
        if (scan.Length == 1)
        {
            var c = scan[0];
            var wide = (c.Width + 7) / 8;
            var high = (c.Height + 7) / 8;
            for (var by = 0; by < high; by++)
            {
                for (var bx = 0; bx < wide; bx++)
                {
                    RestartIfDue(ref reader, scan, ref mcu);
                    DecodeBlock(ref reader, c, bx, by, coefficients, work, shift, max);
                }
            }

            return;
        }

        var mcusWide = (Width + (8 * _hMax) - 1) / (8 * _hMax);
        var mcusHigh = (Height + (8 * _vMax) - 1) / (8 * _vMax);
        for (var my = 0; my < mcusHigh; my++)
        {
            for (var mx = 0; mx < mcusWide; mx++)
            {
                RestartIfDue(ref reader, scan, ref mcu);
                foreach (var c in scan)
                {
                    for (var v = 0; v < c.V; v++)
                    {
                        for (var h = 0; h < c.H; h++)
                        {
                            DecodeBlock(ref reader, c, (mx * c.H) + h, (my * c.V) + v, coefficients, work, shift, max);
                        }
                    }
                }
            }
        }
    }

    private void RestartIfDue(ref JpegBitReader reader, Component[] scan, ref int mcu)
    {
        if (_restartInterval > 0 && mcu > 0 && mcu % _restartInterval == 0)
        {
            reader.Restart();
            foreach (var c in scan)
            {
                c.Prediction = 0;
            }
        }

        mcu++;
    }

    private void DecodeBlock(ref JpegBitReader reader, Component c, int bx, int by, Span<int> coefficients, Span<double> work, int shift, int max)
    {
        coefficients.Clear();
        var q = _quant[c.Tq];
        var t = _dc[c.Td]!.Decode(ref reader);
        c.Prediction += reader.ReceiveExtend(t);
        coefficients[0] = c.Prediction * q[0];
        var ac = _ac[c.Ta]!;
        for (var k = 1; k < 64;)
        {
            var rs = ac.Decode(ref reader);
            var r = rs >> 4;
            var size = rs & 15;
            if (size == 0)
            {
                if (r != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += r;
            if (k > 63)
            {
                throw Corrupt("JPEG block has more than 64 coefficients");
            }

            coefficients[ZigZag[k]] = reader.ReceiveExtend(size) * q[k];
            k++;
        }

        if (bx >= c.BlocksWide || by >= c.BlocksHigh)
        {
            return;
        }

        InverseDct(coefficients, work);
        var origin = (by * 8 * c.Stride) + (bx * 8);
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                var value = (int)Math.Round(work[(y * 8) + x]) + shift;
                c.Samples![origin + (y * c.Stride) + x] = Math.Clamp(value, 0, max);
            }
        }
    }

    /// <summary>The 8x8 inverse DCT of T.81 A.3.3, separable, in double precision.</summary>
    private static void InverseDct(ReadOnlySpan<int> f, Span<double> output)
    {
        Span<double> rows = stackalloc double[64];
        for (var v = 0; v < 8; v++)
        {
            for (var x = 0; x < 8; x++)
            {
                double sum = 0;
                for (var u = 0; u < 8; u++)
                {
                    sum += Cosines[(x * 8) + u] * f[(v * 8) + u];
                }

                rows[(v * 8) + x] = sum;
            }
        }

        for (var x = 0; x < 8; x++)
        {
            for (var y = 0; y < 8; y++)
            {
                double sum = 0;
                for (var v = 0; v < 8; v++)
                {
                    sum += Cosines[(y * 8) + v] * rows[(v * 8) + x];
                }

                output[(y * 8) + x] = sum;
            }
        }
    }

    private static double[] BuildCosines()
    {
        var table = new double[64];
        for (var x = 0; x < 8; x++)
        {
            for (var u = 0; u < 8; u++)
            {
                var cu = u == 0 ? 1 / Math.Sqrt(2) : 1.0;
                table[(x * 8) + u] = 0.5 * cu * Math.Cos((((2 * x) + 1) * u * Math.PI) / 16);
            }
        }

        return table;
    }

    private int[] Interleave()
    {
        var n = _components.Length;
        var output = new int[Width * Height * n];
        for (var ci = 0; ci < n; ci++)
        {
            var c = _components[ci];
            if (c.Samples is null)
            {
                continue;
            }

            var fancy = FrameType != 0xC3 && _hMax == 2 * c.H && (_vMax == c.V || _vMax == 2 * c.V) && c.Width > 1;
            for (var y = 0; y < Height; y++)
            {
                if (fancy)
                {
                    UpsampleRow(c, y, _vMax == 2 * c.V, output, y * Width * n, n, ci);
                    continue;
                }

                var sy = y * c.V / _vMax;
                for (var x = 0; x < Width; x++)
                {
                    var sx = x * c.H / _hMax;
                    output[(((y * Width) + x) * n) + ci] = c.Samples[(sy * c.Stride) + sx];
                }
            }
        }

        return output;
    }

    // Triangle-filter ("fancy") upsampling of 2:1 horizontal and 2:1 both-ways chroma, as common JPEG
    // libraries do by default: each output sample weighs its nearest input 3/4 and the next nearest 1/4
    // (horizontally, and for 2:1 vertical also vertically), replicating samples at the edges.
    private void UpsampleRow(Component c, int y, bool vertical, int[] output, int rowStart, int n, int ci)
    {
        var w = c.Width;
        var samples = c.Samples!;
        Span<int> column = w <= 1024 ? stackalloc int[w] : new int[w];
        int round0, round1, scale;
        if (vertical)
        {
            var row = Math.Min(y / 2, c.Height - 1);
            var neighbour = Math.Clamp((y & 1) == 0 ? row - 1 : row + 1, 0, c.Height - 1);
            for (var i = 0; i < w; i++)
            {
                column[i] = (3 * samples[(row * c.Stride) + i]) + samples[(neighbour * c.Stride) + i];
            }

            (round0, round1, scale) = (8, 7, 4);
        }
        else
        {
            var row = Math.Min(y, c.Height - 1);
            for (var i = 0; i < w; i++)
            {
                column[i] = samples[(row * c.Stride) + i];
            }

            (round0, round1, scale) = (1, 2, 2);
        }

        for (var x = 0; x < Width; x++)
        {
            var i = x >> 1;
            int value;
            if ((x & 1) == 0)
            {
                value = i == 0 ? ((column[0] * 4) + round0) >> scale : ((3 * column[i]) + column[i - 1] + round0) >> scale;
                if (!vertical && i == 0)
                {
                    value = column[0];
                }
            }
            else
            {
                value = i == w - 1 ? ((column[i] * 4) + round1) >> scale : ((3 * column[i]) + column[i + 1] + round1) >> scale;
                if (!vertical && i == w - 1)
                {
                    value = column[i];
                }
            }

            output[rowStart + (x * n) + ci] = value;
        }
    }

    private static DicomDataException Corrupt(string detail) => new(DicomTags.PixelData, detail);

    private sealed class Component
    {
        public int Id;
        public int H;
        public int V;
        public int Tq;
        public int Td;
        public int Ta;
        public int Width;
        public int Height;
        public int BlocksWide;
        public int BlocksHigh;
        public int Stride;
        public int Prediction;
        public int[]? Samples;
    }
}
