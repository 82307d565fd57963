using System.Text;
using LoftsDesArts.Core.Common;

namespace LoftsDesArts.SelfHost.Web;

/// <summary>
/// The built web app on disk: its folder, and index.html as a template whose nonce placeholder is
/// replaced per request. The template is re-read when the file changes (a rebuild while running).
/// </summary>
public sealed class WebAppFiles
{
    private readonly Lock _gate = new();
    private readonly ILogger<WebAppFiles> _logger;
    private string? _template;
    private DateTime _templateWrittenAt;

    public WebAppFiles(string? distPath, ILogger<WebAppFiles> logger)
    {
        DistPath = distPath;
        _logger = logger;
        if (distPath is null)
        {
            WebAppLog.NotBuilt(logger);
        }
        else
        {
            WebAppLog.Serving(logger, distPath);
        }
    }

    /// <summary>Null when no built app was found.</summary>
    public string? DistPath { get; }

    public string? IndexPath => DistPath is null ? null : Path.Combine(DistPath, "index.html");

    /// <summary>index.html with every placeholder replaced by <paramref name="nonce"/>, or null if it is missing.</summary>
    public string? RenderIndex(string nonce)
    {
        var template = ReadTemplate();
        return template?.Replace(ContentSecurityPolicy.NoncePlaceholder, nonce, StringComparison.Ordinal);
    }

    private string? ReadTemplate()
    {
        var path = IndexPath;
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        var writtenAt = File.GetLastWriteTimeUtc(path);
        lock (_gate)
        {
            if (_template is null || writtenAt != _templateWrittenAt)
            {
                _template = File.ReadAllText(path, Encoding.UTF8);
                _templateWrittenAt = writtenAt;
                if (!_template.Contains(ContentSecurityPolicy.NoncePlaceholder, StringComparison.Ordinal))
                {
                    WebAppLog.NoPlaceholder(_logger, path);
                }
            }

            return _template;
        }
    }

    /// <summary>The page served when the app is not built: plain, bilingual, French first.</summary>
    public static readonly LocalizedText NotBuiltTitle = new(
        "Le portail web n’est pas encore construit",
        "The web portal is not built yet");

    public static readonly LocalizedText NotBuiltText = new(
        "L’API fonctionne, mais l’application web est introuvable. Dans le dossier web/, lancez « npm ci » puis « npm run build », ou démarrez le serveur avec « dotnet run » sans -p:SkipWebBuild=true.",
        "The API is running, but the web app was not found. In the web/ folder, run “npm ci” then “npm run build”, or start the server with “dotnet run” without -p:SkipWebBuild=true.");

    public static string NotBuiltPage() =>
        $"""
        <!doctype html>
        <html lang="fr-CA"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Lofts des Arts</title></head>
        <body><main>
        <h1>{NotBuiltTitle.Fr}</h1><p>{NotBuiltText.Fr}</p>
        <div lang="en-CA"><h2>{NotBuiltTitle.En}</h2><p>{NotBuiltText.En}</p></div>
        </main></body></html>
        """;

    /// <summary>Finds the built app: configured path, then wwwroot beside the app, then web/dist above the content root or the app folder.</summary>
    public static string? Locate(string? configured, string contentRoot, string appBase)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = Path.GetFullPath(configured, contentRoot);
            return File.Exists(Path.Combine(full, "index.html")) ? full : null;
        }

        foreach (var start in new[] { contentRoot, appBase })
        {
            var published = Path.Combine(start, "wwwroot");
            if (File.Exists(Path.Combine(published, "index.html")))
            {
                return published;
            }
        }

        foreach (var start in new[] { contentRoot, appBase })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var dist = Path.Combine(dir.FullName, "web", "dist");
                if (File.Exists(Path.Combine(dist, "index.html")))
                {
                    return dist;
                }
            }
        }

        return null;
    }
}
