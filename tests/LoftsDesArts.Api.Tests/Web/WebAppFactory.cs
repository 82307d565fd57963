using LoftsDesArts.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace LoftsDesArts.Api.Tests.Web;

/// <summary>
/// The self-host serving a small built app from a temporary folder, shaped like Vite's output
/// (index.html with the nonce placeholder, hashed assets, a public file), so the serving rules are
/// tested without depending on the content of a particular build.
/// </summary>
public sealed class WebAppFactory : PortalFactory
{
    public const string AssetPath = "/assets/index-Abc123de.js";
    public const string AssetBody = "export const ready = true;\n";

    public const string IndexTemplate = """
        <!doctype html>
        <html lang="fr-CA">
          <head>
            <meta charset="UTF-8" />
            <title>Lofts des Arts</title>
            <meta property="csp-nonce" nonce="__CSP_NONCE__">
            <script type="module" crossorigin src="/assets/index-Abc123de.js" nonce="__CSP_NONCE__"></script>
            <link rel="stylesheet" crossorigin href="/assets/index-Def456gh.css" nonce="__CSP_NONCE__">
          </head>
          <body><div id="root"></div></body>
        </html>
        """;

    public string DistFolder { get; } = Path.Combine(Path.GetTempPath(), "lda-tests", "dist-" + Guid.NewGuid().ToString("N"));

    public WebAppFactory()
    {
        Directory.CreateDirectory(Path.Combine(DistFolder, "assets"));
        File.WriteAllText(Path.Combine(DistFolder, "index.html"), IndexTemplate);
        File.WriteAllText(Path.Combine(DistFolder, "assets", "index-Abc123de.js"), AssetBody);
        File.WriteAllText(Path.Combine(DistFolder, "assets", "index-Def456gh.css"), "body{margin:0}\n");
        File.WriteAllText(Path.Combine(DistFolder, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("WebApp:DistPath", DistFolder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DistFolder))
        {
            Directory.Delete(DistFolder, recursive: true);
        }
    }
}

/// <summary>The self-host pointed at a folder without a built app.</summary>
public sealed class UnbuiltWebAppFactory : PortalFactory
{
    public string EmptyFolder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lda-tests", "empty-" + Guid.NewGuid().ToString("N"))).FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("WebApp:DistPath", EmptyFolder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(EmptyFolder))
        {
            Directory.Delete(EmptyFolder, recursive: true);
        }
    }
}
