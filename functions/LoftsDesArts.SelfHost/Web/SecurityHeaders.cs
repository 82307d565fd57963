using Microsoft.Net.Http.Headers;

namespace LoftsDesArts.SelfHost.Web;

/// <summary>Headers on every response of the web app (pages and static files).</summary>
public static class SecurityHeaders
{
    /// <summary>The camera is kept for this origin (package photos, pickup QR codes later); the rest is off.</summary>
    public const string PermissionsPolicy = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";

    public static void Apply(IHeaderDictionary headers)
    {
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // Full referrer to ourselves only: email-link tokens in the address never leave the site.
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers[HeaderNames.XFrameOptions] = "DENY";
    }
}
