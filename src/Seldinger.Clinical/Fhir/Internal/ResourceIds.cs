using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;

namespace Seldinger.Clinical.Fhir.Internal;

// Ids of exported resources. A record with a Guid of its own keeps it; a resource derived from a record
// (the weight and the height of one measurement, the report of a procedure) gets a name-based UUID
// (RFC 9562 version 5) of the record's Guid and a tag, so every export of an episode has the same ids.
internal static class ResourceIds
{
    public static string Of(Guid id) => id.ToString("D");

    public static string Derived(Guid source, string tag)
    {
        Span<byte> name = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(tag.Length)];
        source.TryWriteBytes(name, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(tag, name[16..]);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 prescribes for version 5 UUIDs; no security rests on it.
        SHA1.HashData(name[..length], hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    public static string FullUrl(string id) => "urn:uuid:" + id;

    public static ResourceReference Reference(Resource resource, string? display = null) =>
        new(FullUrl(resource.Id ?? throw new InvalidOperationException("An exported resource has no id.")), display);
}
