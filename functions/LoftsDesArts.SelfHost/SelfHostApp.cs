using LoftsDesArts.Core.Security;
using LoftsDesArts.Http;
using LoftsDesArts.Infrastructure.Local;
using LoftsDesArts.Infrastructure.Local.Security;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.SelfHost.Api;
using LoftsDesArts.SelfHost.Startup;

namespace LoftsDesArts.SelfHost;

/// <summary>Composition of the self-host: shared HTTP surface, local adapters, web app.</summary>
public static class SelfHostApp
{
    public const string DemoSwitch = "--demo";

    public static WebApplication Build(string[] args)
    {
        // "--demo" is a switch without a value, which the command-line configuration provider does not take.
        var demo = args.Contains(DemoSwitch, StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder(args.Where(a => a != DemoSwitch).ToArray());
        if (demo)
        {
            builder.Configuration.AddInMemoryCollection([new($"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}", "true")]);
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddApiSurface();

        // The SQLite store, initialized (tables, query indexes) before the server takes requests.
        builder.Services.AddLocalDocumentStore(builder.Configuration);
        builder.Services.AddHostedService<LocalStoreInitializer>();
        builder.Services.AddSingleton<IKeyRingStore, FileKeyRingStore>();

        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.SectionName);
        builder.Services.AddHostedService<PortalStartup>();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPortalApi();
        return app;
    }
}
