using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Seldinger.Storage.Internal;

// SQLite has no instant type. EF's DateTimeOffsetToBinaryConverter packs the local clock time with
// the offset, so 09:30-04:00 sorts before 14:00+01:00 although it is later. Clinical times are
// compared and sorted as instants (fasting intervals, recovery observations, period filters), so
// they are stored as UTC ticks and read back as UTC, as PostgreSQL does.
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero))
{
    public static UtcTicksConverter Instance { get; } = new();
}
