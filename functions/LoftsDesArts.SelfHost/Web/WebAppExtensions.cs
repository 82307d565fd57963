using System.Text;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace LoftsDesArts.SelfHost.Web;

/// <summary>
/// Serves the built web app (web/dist): hashed assets with a year-long immutable cache, index.html
/// with no-cache and a fresh CSP nonce per response, and the SPA fallback for every path that is not
/// the API, the hub or the OpenAPI document.
/// </summary>
public static class WebAppExtensions
{
    /// <summary>Paths the app never answers with index.html: they belong to the API surface.</summary>
    private static readonly string[] ReservedPrefixes = ["/api", "/hubs", "/openapi"];

    public static IServiceCollection AddPortalWebApp(this IServiceCollection services)
    {
        services.AddOptions<WebAppOptions>().BindConfiguration(WebAppOptions.Section);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<WebAppOptions>>().Value;
            var environment = sp.GetRequiredService<IWebHostEnvironment>();
            var dist = WebAppFiles.Locate(options.DistPath, environment.ContentRootPath, AppContext.BaseDirectory);
            return new WebAppFiles(dist, sp.GetRequiredService<ILogger<WebAppFiles>>());
        });
        return services;
    }

    /// <summary>
    /// Static files and index.html. Call before the API endpoints are mapped; the SPA fallback is an
    /// endpoint with the lowest priority, so every API route wins over it.
    /// </summary>
    public static WebApplication UsePortalWebApp(this WebApplication app)
    {
        var files = app.Services.GetRequiredService<WebAppFiles>();

        // "/" and "/index.html" always go through the nonce: never serve the template as a static file.
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && (path == "/" || path.Equals("/index.html", StringComparison.OrdinalIgnoreCase)))
            {
                await WriteIndexAsync(context, files).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

        if (files.DistPath is not null)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(files.DistPath),
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = context =>
                {
                    var headers = context.Context.Response.Headers;
                    SecurityHeaders.Apply(headers);
                    // Vite puts content hashes in every file name under /assets: they never change.
                    headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                        ? "public, max-age=31536000, immutable"
                        : "no-cache";
                },
            });
        }

        // Client-side routes (/fr/connexion, /en/verify?token=…): index.html. Paths with a file
        // extension ({*path:nonfile}) that were not found above stay 404.
        app.MapFallback("{*path:nonfile}", async context =>
        {
            if (ReservedPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await WriteIndexAsync(context, files).ConfigureAwait(false);
        });

        return app;
    }

    private static async Task WriteIndexAsync(HttpContext context, WebAppFiles files)
    {
        var response = context.Response;
        SecurityHeaders.Apply(response.Headers);
        response.Headers[HeaderNames.CacheControl] = "no-cache, no-store";
        response.ContentType = "text/html; charset=utf-8";

        var nonce = ContentSecurityPolicy.NewNonce();
        var html = files.RenderIndex(nonce);
        if (html is null)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy.Locked;
            html = WebAppFiles.NotBuiltPage();
        }
        else
        {
            response.Headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy.For(nonce);
        }

        var bytes = Encoding.UTF8.GetBytes(html);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
