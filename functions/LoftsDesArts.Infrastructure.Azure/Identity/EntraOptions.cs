namespace LoftsDesArts.Infrastructure.Azure.Identity;

/// <summary>
/// Staff sign-in through Entra ID (section <c>Entra</c>). The app registration is a confidential
/// client without a secret or certificate: its credential is a federated identity credential that
/// trusts the Function App's user-assigned managed identity (docs/azure.md).
/// </summary>
public sealed class EntraOptions
{
    public const string SectionName = "Entra";

    /// <summary>The cloud's sign-in host; <c>https://login.microsoftonline.com/</c> for the public cloud.</summary>
    public Uri Instance { get; set; } = new("https://login.microsoftonline.com/");

    /// <summary>The directory (tenant) id, a GUID: staff are keyed by (tenant id, object id), and the ID token's issuer names it.</summary>
    public string? TenantId { get; set; }

    /// <summary>The app registration's application (client) id, a GUID: the ID token's audience.</summary>
    public string? ClientId { get; set; }

    /// <summary>Client id of the user-assigned managed identity whose token is the client assertion; empty: <c>AZURE_CLIENT_ID</c>.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Audience of the managed identity's token that the federated credential expects (public cloud value by default).</summary>
    public string AssertionAudience { get; set; } = "api://AzureADTokenExchange";

    /// <summary>The authority's base: <c>{Instance}{TenantId}/</c>.</summary>
    public Uri Authority => new(Instance, TenantId + "/");

    /// <summary>What Entra ID writes in a v2.0 ID token's <c>iss</c> for this tenant.</summary>
    public string Issuer => new Uri(Instance, TenantId + "/v2.0").ToString();

    /// <summary>The tenant's OpenID Connect metadata (issuer, signing keys).</summary>
    public Uri MetadataAddress => new(Instance, TenantId + "/v2.0/.well-known/openid-configuration");

    /// <summary>Why the options cannot be used, or <c>null</c> when they can.</summary>
    public string? Problem()
    {
        if (!Instance.IsAbsoluteUri || Instance.Scheme != Uri.UriSchemeHttps || !Instance.AbsolutePath.EndsWith('/'))
        {
            return "Entra:Instance must be an https URL ending with '/'.";
        }

        if (!Guid.TryParse(TenantId, out _))
        {
            return "Entra:TenantId must be the directory (tenant) id, a GUID.";
        }

        return Guid.TryParse(ClientId, out _) ? null : "Entra:ClientId must be the application (client) id, a GUID.";
    }
}
