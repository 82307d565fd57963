namespace LoftsDesArts.SelfHost.Web;

internal static partial class WebAppLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Serving the web app from {DistPath}")]
    public static partial void Serving(ILogger logger, string distPath);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "The web app is not built (no index.html found); run `npm ci && npm run build` in web/ or build the self-host without -p:SkipWebBuild=true")]
    public static partial void NotBuilt(ILogger logger);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "index.html at {Path} has no CSP nonce placeholder; runtime styles will be blocked by the Content-Security-Policy")]
    public static partial void NoPlaceholder(ILogger logger, string path);
}
