namespace Seldinger.Dicom.Codecs.Internal;

/// <summary>
/// Reads entropy-coded JPEG data bit by bit: removes stuffed zero bytes after 0xFF and stops at a
/// marker, after which it supplies zero bits (T.81 F.2.2.5).
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private uint _buffer;
    private int _count;

    public JpegBitReader(ReadOnlySpan<byte> data, int position)
    {
        _data = data;
        _position = position;
    }

    /// <summary>The position of the next unread byte.</summary>
    public readonly int Position => _position;

    public int ReadBit()
    {
        if (_count == 0)
        {
            Fill();
        }

        _count--;
        return (int)((_buffer >> _count) & 1);
    }

    public int ReadBits(int n)
    {
        var v = 0;
        for (var i = 0; i < n; i++)
        {
            v = (v << 1) | ReadBit();
        }

        return v;
    }

    /// <summary>Receives <paramref name="ssss"/> bits and extends them to a signed difference (T.81 F.2.2.1).</summary>
    public int ReceiveExtend(int ssss)
    {
        if (ssss == 0)
        {
            return 0;
        }

        var v = ReadBits(ssss);
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }

    /// <summary>Drops buffered bits and skips a restart marker (FF D0..D7) if one comes next.</summary>
    public void Restart()
    {
        _count = 0;
        _buffer = 0;
        while (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] == 0xFF)
        {
            _position++;
        }

        if (_position + 1 < _data.Length && _data[_position] == 0xFF && _data[_position + 1] is >= 0xD0 and <= 0xD7)
        {
            _position += 2;
        }
    }

    private void Fill()
    {
        var b = 0;
        if (_position < _data.Length)
        {
            b = _data[_position];
            if (b == 0xFF)
            {
                var next = _position + 1 < _data.Length ? _data[_position + 1] : 0xD9;
                if (next == 0x00)
                {
                    _position += 2;
                }
                else
                {
                    b = 0; // A marker: leave it for the caller and feed zeros.
                }
            }
            else
            {
                _position++;
            }
        }

        _buffer = (uint)b;
        _count = 8;
    }
}
