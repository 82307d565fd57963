namespace LoftsDesArts.Http.Pipeline;

/// <summary>Request-level security settings shared by both hosts (section <c>Security</c>).</summary>
public sealed class ApiSecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>The header every unsafe request must carry; a cross-site form cannot set it.</summary>
    public const string CsrfHeader = "X-Lda-Request";

    /// <summary>
    /// Origins allowed to make unsafe requests (scheme://host[:port]). Empty: the request's own origin,
    /// which suits the self-host and a Static Web App proxying /api on the same origin.
    /// </summary>
    public IList<string> AllowedOrigins { get; init; } = [];

    /// <summary>
    /// Take the client address from X-Forwarded-For (set it behind the Static Web App or a reverse proxy,
    /// never when clients reach the app directly).
    /// </summary>
    public bool TrustForwardedFor { get; set; }
}
