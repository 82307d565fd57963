using System.Security.Cryptography;

namespace LoftsDesArts.SelfHost.Web;

/// <summary>
/// The self-host's Content-Security-Policy: no inline script, no eval, and inline styles only with the
/// nonce of the response. Fluent UI's runtime styles (Griffel and FluentProvider's theme) are
/// <c>&lt;style&gt;</c> elements the app creates with that nonce, read from
/// <c>&lt;meta property="csp-nonce" nonce="…"&gt;</c> in index.html.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>What Vite writes in web/dist/index.html (web/vite.config.ts <c>html.cspNonce</c>).</summary>
    public const string NoncePlaceholder = "__CSP_NONCE__";

    /// <summary>128 random bits, base64: a fresh value for every page served.</summary>
    public static string NewNonce() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The policy for a page with this nonce. Choices, directive by directive:
    /// <list type="bullet">
    /// <item><c>script-src 'self'</c>: only the bundled modules; no inline script exists in index.html.</item>
    /// <item><c>style-src 'self' 'nonce-…'</c>: the one stylesheet file plus the nonced runtime style elements;
    /// style attributes are not allowed (React and Fluent set styles through the CSSOM, which CSP does not govern).</item>
    /// <item><c>img-src 'self' data: blob:</c>: the QR code of the authenticator enrollment is a data: URL;
    /// blob: for photos taken with the camera later.</item>
    /// <item><c>connect-src 'self'</c>: the API and the in-process SignalR hub are same-origin, and CSP Level 3
    /// matches same-origin ws:/wss: with 'self' (checked in Chromium). A bare <c>ws: wss:</c> would allow any host.</item>
    /// <item><c>object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'</c>: no plugins,
    /// no &lt;base&gt; hijack, no framing (clickjacking), forms post only here.</item>
    /// </list>
    /// </summary>
    public static string For(string nonce) =>
        "default-src 'self'; " +
        "script-src 'self'; " +
        $"style-src 'self' 'nonce-{nonce}'; " +
        "img-src 'self' data: blob:; " +
        "connect-src 'self'; " +
        "font-src 'self'; " +
        "manifest-src 'self'; " +
        "worker-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "frame-ancestors 'none'; " +
        "form-action 'self'";

    /// <summary>For the page shown when web/dist is missing: nothing but its own inline-free text.</summary>
    public const string Locked = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
}
