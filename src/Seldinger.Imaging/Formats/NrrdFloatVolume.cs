using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Seldinger.Imaging.Formats.Internal;

namespace Seldinger.Imaging.Formats;

/// <summary>
/// Float volumes (distance maps, probabilities) as NRRD files: 32-bit float, little endian, raw encoding, geometry in
/// <c>left-posterior-superior</c> space, readable by 3D Slicer, ITK and numpy (the data is the file's tail).
/// </summary>
public static class NrrdFloatVolume
{
    /// <summary>Refuse volumes larger than this many voxels (1 Gi) before allocating.</summary>
    public const long MaxVoxels = 1L << 30;

    /// <summary>Writes the volume atomically (temporary file, then rename).</summary>
    /// <param name="volume">The volume.</param>
    /// <param name="path">The target file.</param>
    /// <param name="comment">An optional one-line comment for the header (what the values are).</param>
    public static void Write(Volume<float> volume, string path, string? comment = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(path);
        var header = NrrdHeader.Compose(volume.Geometry, "float", "raw", comment);
        NrrdHeader.WriteAtomically(path, header, stream =>
        {
            if (BitConverter.IsLittleEndian)
            {
                stream.Write(MemoryMarshal.AsBytes(volume.Voxels.AsSpan()));
                return;
            }

            var buffer = new byte[4];
            foreach (var v in volume.Voxels)
            {
                BinaryPrimitives.WriteSingleLittleEndian(buffer, v);
                stream.Write(buffer);
            }
        });
    }

    /// <summary>
    /// Reads a 3D raw little-endian float NRRD (as written by <see cref="Write"/>; LPS or RAS space, converted to LPS).
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a NRRD; the message names the file and the problem.</exception>
    public static Volume<float> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        try
        {
            return Read(stream);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: {ex.Message}", ex);
        }
    }

    private static Volume<float> Read(FileStream stream)
    {
        var fields = NrrdHeader.Read(stream);
        if (NrrdHeader.Field(fields, "type") is not ("float" or "float32") || NrrdHeader.Field(fields, "encoding") != "raw"
            || (fields.TryGetValue("endian", out var endian) && endian != "little"))
        {
            throw new InvalidDataException("only 3D little-endian raw float NRRD is read");
        }

        var geometry = NrrdHeader.Geometry(fields, MaxVoxels);
        var count = geometry.VoxelCount;
        var dataBytes = stream.Length - stream.Position;
        if (dataBytes != count * 4)
        {
            throw new InvalidDataException($"{dataBytes} data bytes for {count} floats");
        }

        var voxels = new float[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(voxels.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            for (var n = 0; n < voxels.Length; n++)
            {
                voxels[n] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(voxels[n])));
            }
        }

        return new Volume<float>(geometry, voxels);
    }
}
