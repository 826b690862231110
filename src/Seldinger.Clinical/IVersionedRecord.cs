namespace Seldinger.Clinical;

/// <summary>
/// A record edited by more than one person. The store increments <see cref="Version"/> on every
/// change and refuses a change made from an older version, so nobody silently overwrites another.
/// </summary>
public interface IVersionedRecord
{
    /// <summary>Optimistic-concurrency version, 1 when created.</summary>
    int Version { get; set; }
}
