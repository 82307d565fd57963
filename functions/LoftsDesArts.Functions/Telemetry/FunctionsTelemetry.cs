using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LoftsDesArts.Core.Operations;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LoftsDesArts.Functions.Telemetry;

/// <summary>
/// OpenTelemetry in the Functions worker (<c>host.json</c>: <c>"telemetryMode": "OpenTelemetry"</c>): the
/// worker's defaults (invocation activities, Functions resource), the portal's own sources and meters
/// (<see cref="PortalTelemetry"/>), HttpClient (SignalR Service, ACS Email), and — when
/// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, as the infrastructure does — the Azure Monitor
/// exporter for traces, metrics and logs. Application Insights has local authentication disabled, so the
/// exporter authenticates with the managed identity (<see cref="CredentialKey"/>: <c>AZURE_CLIENT_ID</c>,
/// else the default credential chain). Query strings never reach a span.
/// </summary>
public static class FunctionsTelemetry
{
    public const string ConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Key of the <see cref="TokenCredential"/> the exporter uses (a keyed singleton).</summary>
    public const string CredentialKey = "Telemetry";

    public static IServiceCollection AddPortalTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource([.. PortalTelemetry.ActivitySources])
                .AddHttpClientInstrumentation(options => options.EnrichWithHttpRequestMessage = (activity, request) =>
                {
                    if (request.RequestUri is { IsAbsoluteUri: true, Query.Length: > 0 } uri)
                    {
                        activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Path));
                    }
                }))
            .WithMetrics(metrics => metrics
                .AddMeter([.. PortalTelemetry.Meters])
                .AddHttpClientInstrumentation());

        if (configuration[ConnectionStringKey] is { Length: > 0 } connectionString)
        {
            services.TryAddKeyedSingleton<TokenCredential>(CredentialKey, (_, _) =>
                configuration["AZURE_CLIENT_ID"] is { Length: > 0 } clientId
                    ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                    : new DefaultAzureCredential());
            builder.UseAzureMonitorExporter(options => options.ConnectionString = connectionString);
            services.AddOptions<AzureMonitorExporterOptions>()
                .Configure<IServiceProvider>((options, provider) => options.Credential = provider.GetRequiredKeyedService<TokenCredential>(CredentialKey));
        }

        return services;
    }
}
