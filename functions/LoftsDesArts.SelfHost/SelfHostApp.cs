using LoftsDesArts.Http;
using LoftsDesArts.SelfHost.Api;
using LoftsDesArts.SelfHost.Web;

namespace LoftsDesArts.SelfHost;

/// <summary>Composition of the self-host: shared HTTP surface, local adapters, web app.</summary>
public static class SelfHostApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddApiSurface();
        builder.Services.AddSingleton<LoftsDesArts.Http.Pipeline.IApiAuthenticator, SessionlessAuthenticator>();
        builder.Services.AddOpenApi();
        builder.Services.AddPortalWebApp();

        var app = builder.Build();
        app.UsePortalWebApp();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapPortalApi();
        return app;
    }
}
