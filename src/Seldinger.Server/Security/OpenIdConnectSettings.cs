using Seldinger.Clinical.Security;

namespace Seldinger.Server.Security;

/// <summary>
/// Hospital sign-on, from <c>Seldinger:Authentication:OpenIdConnect</c>: Authority, ClientId,
/// ClientSecret, RoleClaim (default "roles"), RoleMap (claim value → role) and AutoProvision.
/// </summary>
public sealed record OpenIdConnectSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Seldinger:Authentication:OpenIdConnect";

    /// <summary>The authentication scheme name.</summary>
    public const string Scheme = "OpenIdConnect";

    /// <summary>The identity provider's issuer URL (its discovery document is under /.well-known/openid-configuration).</summary>
    public string? Authority { get; init; }

    /// <summary>This server's client id at the provider.</summary>
    public string? ClientId { get; init; }

    /// <summary>This server's client secret.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The claim that carries the user's groups or roles.</summary>
    public string RoleClaim { get; init; } = "roles";

    /// <summary>Which role a claim value gives.</summary>
    public IReadOnlyDictionary<string, StaffRole> RoleMap { get; init; } = new Dictionary<string, StaffRole>();

    /// <summary>Whether a user with a mapped role but no account gets one at first sign-on.</summary>
    public bool AutoProvision { get; init; }

    /// <summary>Whether hospital sign-on is set up (authority and client id).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>Reads the section; an unknown role in RoleMap is an error.</summary>
    public static OpenIdConnectSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var map = new Dictionary<string, StaffRole>(StringComparer.Ordinal);
        foreach (var entry in section.GetSection("RoleMap").GetChildren())
        {
            if (!Enum.TryParse<StaffRole>(entry.Value, ignoreCase: true, out var role) || !Enum.IsDefined(role))
            {
                throw new InvalidOperationException(
                    $"{Section}:RoleMap:{entry.Key} is '{entry.Value}', not a role ({string.Join(", ", Enum.GetNames<StaffRole>())}).");
            }

            map[entry.Key] = role;
        }

        return new OpenIdConnectSettings
        {
            Authority = section["Authority"],
            ClientId = section["ClientId"],
            ClientSecret = section["ClientSecret"],
            RoleClaim = section["RoleClaim"] is { Length: > 0 } claim ? claim : "roles",
            RoleMap = map,
            AutoProvision = section.GetValue<bool>("AutoProvision"),
        };
    }
}
