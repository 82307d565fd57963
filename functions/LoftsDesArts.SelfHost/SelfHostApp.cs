using LoftsDesArts.Http;
using LoftsDesArts.Infrastructure.Local;
using LoftsDesArts.Infrastructure.Local.Storage;
using LoftsDesArts.SelfHost.Api;

namespace LoftsDesArts.SelfHost;

/// <summary>Composition of the self-host: shared HTTP surface, local adapters, web app.</summary>
public static class SelfHostApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddApiSurface();

        // The SQLite store, initialized (tables, query indexes) before the server takes requests.
        builder.Services.AddLocalDocumentStore(builder.Configuration);
        builder.Services.AddHostedService<LocalStoreInitializer>();
        builder.Services.AddSingleton<LoftsDesArts.Http.Pipeline.IApiAuthenticator, SessionlessAuthenticator>();
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPortalApi();
        return app;
    }
}
