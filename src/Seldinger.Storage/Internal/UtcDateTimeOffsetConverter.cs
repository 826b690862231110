using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Seldinger.Storage.Internal;

// PostgreSQL's timestamptz holds an instant, and Npgsql refuses a DateTimeOffset whose offset is not
// zero; the instant is what matters, so times are written as UTC and read back as UTC.
internal sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
