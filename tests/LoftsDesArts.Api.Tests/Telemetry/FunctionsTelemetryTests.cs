extern alias functions;

using System.Diagnostics;
using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using functions::LoftsDesArts.Functions.Telemetry;
using LoftsDesArts.Core.Events;
using LoftsDesArts.Http.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LoftsDesArts.Api.Tests.Telemetry;

/// <summary>
/// <c>AddPortalTelemetry</c> of the Functions app, without the Functions host and without network: the Azure
/// Monitor exporter's options carry the connection string and the managed-identity credential (Application
/// Insights accepts only Entra tokens), and the providers export the portal's own sources and meters.
/// </summary>
public sealed class FunctionsTelemetryTests
{
    // Loopback endpoints: nothing could leave the machine even if something were sent.
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-0000000000aa;IngestionEndpoint=https://127.0.0.1:9/;LiveEndpoint=https://127.0.0.1:9/";

    [Fact]
    public void AddPortalTelemetry_ConnectionStringSet_ExporterOptionsCarryItAndTheInjectedCredential()
    {
        var credential = new UnusedCredential();
        var services = Services(new() { [FunctionsTelemetry.ConnectionStringKey] = ConnectionString });
        services.AddKeyedSingleton<TokenCredential>(FunctionsTelemetry.CredentialKey, credential);
        services.AddPortalTelemetry(Configuration(new() { [FunctionsTelemetry.ConnectionStringKey] = ConnectionString }));

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

        Assert.Equal(ConnectionString, options.ConnectionString);
        Assert.Same(credential, options.Credential);
        Assert.Equal(0, credential.Calls);
    }

    [Fact]
    public void AddPortalTelemetry_InfrastructureSettings_CredentialIsTheUserAssignedManagedIdentity()
    {
        var settings = new Dictionary<string, string?>
        {
            [FunctionsTelemetry.ConnectionStringKey] = ConnectionString,
            ["AZURE_CLIENT_ID"] = "00000000-0000-0000-0000-000000000001",
        };
        var services = Services(settings);
        services.AddPortalTelemetry(Configuration(settings));

        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var options = provider.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);

        Assert.IsType<ManagedIdentityCredential>(options.Credential);
        Assert.Same(provider.GetRequiredKeyedService<TokenCredential>(FunctionsTelemetry.CredentialKey), options.Credential);
    }

    [Fact]
    public void AddPortalTelemetry_NoConnectionString_NoAzureMonitorExporterRegistered()
    {
        var services = Services([]);
        services.AddPortalTelemetry(Configuration([]));

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IConfigureOptions<AzureMonitorExporterOptions>));
        Assert.DoesNotContain(services, d => d.IsKeyedService && Equals(d.ServiceKey, FunctionsTelemetry.CredentialKey));
    }

    [Fact]
    public void AddPortalTelemetry_Providers_ExportThePipelineSourceAndThePumpMeter()
    {
        var activities = new List<Activity>();
        var metrics = new List<Metric>();
        var services = Services([]);
        services.AddPortalTelemetry(Configuration([]));
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(activities));
        services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        using var provider = services.BuildServiceProvider();
        var tracerProvider = provider.GetRequiredService<TracerProvider>();
        var meterProvider = provider.GetRequiredService<MeterProvider>();
        var name = "route-" + Guid.NewGuid().ToString("N");

        using (ApiPipeline.ActivitySource.StartActivity(name))
        {
        }

        using var pump = new PumpMetrics();
        pump.Handled("functions-test", "package.arrived", TimeSpan.FromSeconds(2));
        Assert.True(meterProvider.ForceFlush());

        Assert.Contains(activities, a => a.DisplayName == name);
        Assert.Contains(metrics, m => m.Name == "lda.pump.lag" && m.MeterName == PumpMetrics.MeterName);
        Assert.NotNull(tracerProvider);
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(Configuration(settings));
        return services;
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    /// <summary>A credential that counts calls; building the registrations must not ask for a token.</summary>
    private sealed class UnusedCredential : TokenCredential
    {
        private int _calls;

        public int Calls => _calls;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return new AccessToken("unused", DateTimeOffset.MaxValue);
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
