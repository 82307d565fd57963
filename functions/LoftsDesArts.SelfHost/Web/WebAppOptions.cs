namespace LoftsDesArts.SelfHost.Web;

/// <summary>
/// Where the built web app is (configuration section <c>WebApp</c>). Without <c>WebApp:DistPath</c>
/// the host looks for <c>wwwroot/index.html</c> beside the app (a published self-host), then for
/// <c>web/dist/index.html</c> above the content root and the app folder (a repository checkout).
/// </summary>
public sealed class WebAppOptions
{
    public const string Section = "WebApp";

    /// <summary>Folder holding index.html and assets/ (Vite's output).</summary>
    public string? DistPath { get; set; }
}
