using System.Net;

namespace LoftsDesArts.Infrastructure.Azure.Security;

/// <summary>The key vault that holds the portal's signing keys (configuration section <c>KeyVault</c>).</summary>
public sealed class KeyVaultOptions
{
    public const string SectionName = "KeyVault";

    /// <summary>The vault, for example <c>https://kv-lda-prod.vault.azure.net/</c> (the infrastructure sets <c>KeyVault__Uri</c>).</summary>
    public Uri? Uri { get; set; }

    /// <summary>Client id of the user-assigned managed identity; empty: <c>AZURE_CLIENT_ID</c>, else the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Keys kept for verification after a rotation, besides the current one.</summary>
    public int PreviousKeysKept { get; set; } = 2;

    /// <summary>
    /// How long a key set read from the vault is reused before the versions are listed again. Short: a
    /// rotation by another instance is seen within it; <c>KeyRingCache</c> caches longer on top of it.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Why the options cannot be used, or <c>null</c> when they can.</summary>
    public string? Problem()
    {
        if (Uri is null || !Uri.IsAbsoluteUri)
        {
            return "KeyVault:Uri must be an absolute URL (the vault's https://<name>.vault.azure.net/).";
        }

        // A bearer token travels with every call: TLS, except to a loopback stub in tests.
        if (Uri.Scheme != Uri.UriSchemeHttps && !(Uri.Scheme == Uri.UriSchemeHttp && IsLoopback(Uri)))
        {
            return "KeyVault:Uri must use https.";
        }

        if (PreviousKeysKept is < 1 or > 10)
        {
            return "KeyVault:PreviousKeysKept must be between 1 and 10.";
        }

        return CacheLifetime < TimeSpan.Zero || CacheLifetime > TimeSpan.FromMinutes(5)
            ? "KeyVault:CacheLifetime must be between 0 and 5 minutes."
            : null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
