using LoftsDesArts.Http;
using LoftsDesArts.SelfHost.Api;
using LoftsDesArts.SelfHost.Realtime;

namespace LoftsDesArts.SelfHost;

/// <summary>Composition of the self-host: shared HTTP surface, local adapters, web app.</summary>
public static class SelfHostApp
{
    /// <summary>Where the self-host keeps its state (store, keys, files); <c>data</c> in the working directory by default.</summary>
    public const string DataFolderKey = "Storage:DataFolder";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var dataFolder = Path.GetFullPath(builder.Configuration[DataFolderKey] is { Length: > 0 } configured ? configured : "data");

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddApiSurface();
        builder.Services.AddSingleton<LoftsDesArts.Http.Pipeline.IApiAuthenticator, SessionlessAuthenticator>();
        builder.Services.AddSelfHostRealtime(Path.Combine(dataFolder, "keys"));
        builder.Services.AddOpenApi();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPortalApi();
        app.MapPortalHub();
        return app;
    }
}
