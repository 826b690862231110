using Seldinger.Planning;

namespace Seldinger.Server.Services;

/// <summary>
/// The procedure catalogue plans are made under: the shipped one, or the file a setting names
/// (<c>Seldinger:ProcedureCatalogue</c> in the server, <c>--catalogue</c> on the command line).
/// The file is read on every call, so an edited catalogue takes effect at once and a re-run sees it.
/// </summary>
/// <param name="path">Returns the catalogue file, or null or empty for the shipped catalogue.</param>
public sealed class ProcedureCatalogueSource(Func<string?> path)
{
    /// <summary>The catalogue file in use, or null for the shipped one.</summary>
    public string? Path => path() is { Length: > 0 } p && !string.IsNullOrWhiteSpace(p) ? p : null;

    /// <summary>Reads and validates the catalogue.</summary>
    /// <exception cref="ProcedureCatalogueException">The file cannot be read or is not a valid catalogue.</exception>
    public ProcedureCatalogue Load()
    {
        if (Path is not { } file)
        {
            return ProcedureCatalogue.Default;
        }

        try
        {
            return ProcedureCatalogue.Load(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProcedureCatalogueException($"The procedure catalogue {file} cannot be read: {ex.Message}", ex);
        }
    }
}
