using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Infrastructure.Local.Realtime;
using LoftsDesArts.Infrastructure.Local.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LoftsDesArts.SelfHost.Realtime;

public static class SelfHostRealtimeExtensions
{
    /// <summary>Category of ASP.NET Core's "Request starting/finished" lines, which print the full URL with its query.</summary>
    public const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// The in-process hub, its token authentication, the publisher and the negotiator. Signing keys live
    /// under <paramref name="keysFolder"/> (created with owner-only permissions).
    /// </summary>
    public static IServiceCollection AddSelfHostRealtime(this IServiceCollection services, string keysFolder)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISigningKeySource>(sp => new FileSigningKeySource(keysFolder, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<RealtimeTokenService>();
        services.AddSingleton<RealtimeConnectionTracker>();
        services.AddSingleton<IRealtimePublisher, HubRealtimePublisher>();
        services.AddSingleton<IRealtimeNegotiator, HubRealtimeNegotiator>();
        services.AddHttpContextAccessor();

        services.AddSignalR().AddHubOptions<PortalHub>(options =>
        {
            // Clients only listen: the handshake, pings and close messages are all they may send.
            options.MaximumReceiveMessageSize = 4 * 1024;
            options.EnableDetailedErrors = false;
        });

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, RealtimeTokenAuthentication>(RealtimeTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(RealtimeTokenAuthentication.PolicyName, policy => policy
                .AddAuthenticationSchemes(RealtimeTokenAuthentication.SchemeName)
                .RequireAuthenticatedUser());

        KeepTokensOutOfLogs(services);
        return services;
    }

    public static IEndpointRouteBuilder MapPortalHub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<PortalHub>(PortalHub.Path);
        return endpoints;
    }

    /// <summary>
    /// Browsers send the hub token in the query string of the WebSocket request (<c>?access_token=</c>),
    /// and ASP.NET Core's hosting diagnostics log the full URL, query included, at Information
    /// ("Request starting ..." / "Request finished ..."). Routing, SignalR and Kestrel log paths and
    /// connection ids only. So that category is held at Warning for every logging provider: a generic
    /// rule plus, after all configuration (and on every reload), a rule per provider that has any rule
    /// of its own, because a provider-specific rule would otherwise win over the generic one.
    /// </summary>
    private static void KeepTokensOutOfLogs(IServiceCollection services) =>
        services.PostConfigure<LoggerFilterOptions>(options =>
        {
            var providers = options.Rules.Select(r => r.ProviderName).Distinct().ToList();
            foreach (var provider in providers)
            {
                options.Rules.Add(new LoggerFilterRule(provider, HostingDiagnosticsCategory, LogLevel.Warning, null));
            }

            if (!providers.Contains(null))
            {
                options.Rules.Add(new LoggerFilterRule(null, HostingDiagnosticsCategory, LogLevel.Warning, null));
            }
        });
}
