using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.SelfHost.Startup;

/// <summary>
/// <c>Portal:PublicOrigin</c> when set (behind a reverse proxy or with a public name), otherwise the
/// first address the self-host listens on, with a wildcard host shown as <c>localhost</c>.
/// </summary>
public sealed class ServerPublicOrigin(IOptions<PortalOptions> options, IServer server) : IPublicOrigin
{
    public string Origin
    {
        get
        {
            if (options.Value.PublicOrigin is { Length: > 0 } configured)
            {
                return configured.TrimEnd('/');
            }

            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            return address
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal)
                .Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .TrimEnd('/');
        }
    }
}
