using LoftsDesArts.Http;
using LoftsDesArts.Infrastructure.Local;
using LoftsDesArts.Infrastructure.Local.Email;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.SelfHost.Api;
using LoftsDesArts.SelfHost.Realtime;
using LoftsDesArts.SelfHost.Startup;
using LoftsDesArts.SelfHost.Telemetry;
using LoftsDesArts.SelfHost.Web;
using Microsoft.Extensions.Configuration.Memory;

namespace LoftsDesArts.SelfHost;

/// <summary>Composition of the self-host: shared HTTP surface, local adapters, hub, web app.</summary>
public static class SelfHostApp
{
    public const string DemoSwitch = "--demo";

    /// <summary>Where the self-host keeps its state (store, keys, files); <c>data</c> in the working directory by default.</summary>
    public const string DataFolderKey = "Storage:DataFolder";

    /// <summary>What appsettings.json sets, also when it is not found.</summary>
    public static readonly IReadOnlyDictionary<string, string?> DefaultSettings = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["AllowedHosts"] = "*",
    };

    public static WebApplication Build(string[] args)
    {
        // "--demo" is a switch without a value, which the command-line configuration provider does not take.
        var demo = args.Contains(DemoSwitch, StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder([.. args.Where(a => a != DemoSwitch)]);

        // appsettings.json is read from the content root, which is the working directory: `dotnet run
        // --project` from the repository root or a service started elsewhere does not find it, and ASP.NET
        // Core would then log several lines per request to the console (a third of the throughput under
        // load, docs/benchmarks.md). The same defaults, as the lowest-priority source: appsettings.json,
        // environment variables and the command line still override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultSettings });
        if (demo)
        {
            builder.Configuration.AddInMemoryCollection([new($"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}", "true")]);
        }

        var dataFolder = Path.GetFullPath(builder.Configuration[DataFolderKey] is { Length: > 0 } configured ? configured : "data");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LoftsDesArts.Core.Common.IPublicOrigin, ServerPublicOrigin>();
        builder.Services.AddApiSurface();

        // The SQLite store, initialized (tables, query indexes) before the server takes requests.
        builder.Services.AddLocalDocumentStore(builder.Configuration);
        builder.Services.AddHostedService<LocalStoreInitializer>();
        builder.Services.AddSelfHostRealtime(Path.Combine(dataFolder, "keys"));

        // Email through SMTP when Email:Smtp:Host is set, otherwise .eml files in the data folder's outbox.
        builder.Services.AddLocalEmail(builder.Configuration);

        // The change-feed pump (woken by local commits), the scheduler and the store's purge.
        builder.Services.AddLocalEventPump();

        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.AddHostedService<PortalStartup>();
        builder.Services.AddPortalOpenApi();

        // Traces and metrics; exporters only when configured (Telemetry:Console, OTEL_EXPORTER_OTLP_ENDPOINT).
        builder.Services.AddSelfHostTelemetry(builder.Configuration);
        builder.Services.AddPortalWebApp();

        var app = builder.Build();
        app.UsePortalWebApp();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi(ApiOpenApi.DocumentPattern);
        app.MapPortalApi();
        app.MapPortalHub();
        return app;
    }
}
