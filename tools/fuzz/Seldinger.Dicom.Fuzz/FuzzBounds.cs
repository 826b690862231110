namespace Seldinger.Dicom.Fuzz;

/// <summary>
/// The limits every input must stay within. An input that exceeds one is a finding, like a crash.
/// </summary>
/// <param name="AllocationFactor">Bytes the reader and the checks may allocate per input byte.</param>
/// <param name="AllocationConstant">Bytes allowed on top of that for fixed costs (dictionaries, builders).</param>
/// <param name="MaxInflatedBytes">The inflated-size cap passed to the reader for deflated datasets.</param>
/// <param name="TimePerInput">The longest one input may take, all checks included.</param>
internal sealed record FuzzBounds(long AllocationFactor, long AllocationConstant, long MaxInflatedBytes, TimeSpan TimePerInput)
{
    /// <summary>The bounds the harness and the bounded run in ./test use.</summary>
    public static FuzzBounds Default { get; } = new(
        AllocationFactor: 64,
        AllocationConstant: 8L << 20,
        MaxInflatedBytes: 1L << 20,
        TimePerInput: TimeSpan.FromSeconds(2));

    /// <summary>The allocation allowed for an input of <paramref name="inputLength"/> bytes.</summary>
    /// <remarks>A deflated dataset may inflate up to <see cref="MaxInflatedBytes"/>, which then counts as input.</remarks>
    public long AllocationLimit(int inputLength, bool deflated) =>
        (AllocationFactor * (inputLength + (deflated ? MaxInflatedBytes : 0))) + AllocationConstant;
}
