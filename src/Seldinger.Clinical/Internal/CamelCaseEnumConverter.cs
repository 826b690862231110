using System.Text.Json;
using System.Text.Json.Serialization;

namespace Seldinger.Clinical.Internal;

// Enums travel as camelCase names ("awaitingReview"), never as numbers, in the API and data files.
internal sealed class CamelCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where T : struct, Enum;
