namespace Seldinger.Dicom.Fuzz;

/// <summary>An input broke a bound (allocation, time) or an invariant (what we write reads back).</summary>
internal sealed class FuzzFindingException(string message) : Exception(message);
