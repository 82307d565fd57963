using System.Net;
using System.Text.RegularExpressions;

namespace LoftsDesArts.Infrastructure.Azure.Realtime;

/// <summary>Azure SignalR Service (serverless mode, local auth disabled), section <c>SignalR</c>.</summary>
public sealed partial class SignalROptions
{
    public const string SectionName = "SignalR";

    /// <summary>Key of the <c>TokenCredential</c> the SignalR adapters use (a keyed singleton).</summary>
    public const string CredentialKey = "SignalR";

    /// <summary>Entra scope of the SignalR Service data plane.</summary>
    public const string Scope = "https://signalr.azure.com/.default";

    /// <summary>The service endpoint, for example <c>https://lda-prod.service.signalr.net</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The hub name: letters, digits and underscores, starting with a letter.</summary>
    public string Hub { get; set; } = "portal";

    /// <summary>Client id of the user-assigned managed identity; empty: <c>AZURE_CLIENT_ID</c>, else the default credential chain.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Data-plane REST API version (every call the adapters make exists in it).</summary>
    public string ApiVersion { get; set; } = "2024-12-01";

    /// <summary>Life of the client tokens negotiate hands out, in whole minutes (1 to 5).</summary>
    public int ClientTokenMinutes { get; set; } = 5;

    /// <summary>Why the options cannot be used, or <c>null</c> when they can.</summary>
    public string? Problem()
    {
        if (Endpoint is null || !Endpoint.IsAbsoluteUri)
        {
            return "SignalR:Endpoint must be an absolute URL.";
        }

        // A bearer token travels with every call: TLS, except to a loopback stub in tests.
        if (Endpoint.Scheme != Uri.UriSchemeHttps && !(Endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(Endpoint)))
        {
            return "SignalR:Endpoint must use https.";
        }

        if (!HubPattern().IsMatch(Hub))
        {
            return "SignalR:Hub must start with a letter and hold only letters, digits and underscores.";
        }

        return ClientTokenMinutes is < 1 or > 5 ? "SignalR:ClientTokenMinutes must be between 1 and 5." : null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex HubPattern();
}
