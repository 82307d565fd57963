using LoftsDesArts.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Identity;

/// <summary>
/// The session cookies (DESIGN §5): HttpOnly, Secure, SameSite=Strict, <c>__Host-</c> prefixed so no
/// sibling subdomain can set or scope them. The browser holds them; script never sees a token.
/// </summary>
public static class SessionCookies
{
    public const string Access = "__Host-lda-at";
    public const string Refresh = "__Host-lda-rt";

    /// <summary>Carries a correct password to the TOTP step for five minutes.</summary>
    public const string TotpChallenge = "__Host-lda-mfa";

    public static void Issue(HttpResponse response, IssuedSession session)
    {
        response.Cookies.Append(Access, session.AccessToken, Options(session.RefreshExpiresAt));
        response.Cookies.Append(Refresh, session.RefreshToken, Options(session.RefreshExpiresAt));
        response.Cookies.Delete(TotpChallenge, Options(null));
        NoStore(response);
    }

    public static void Clear(HttpResponse response)
    {
        response.Cookies.Delete(Access, Options(null));
        response.Cookies.Delete(Refresh, Options(null));
        response.Cookies.Delete(TotpChallenge, Options(null));
        NoStore(response);
    }

    public static void IssueTotpChallenge(HttpResponse response, string challenge, DateTimeOffset expiresAt) =>
        response.Cookies.Append(TotpChallenge, challenge, Options(expiresAt));

    /// <summary>Responses that set or clear credentials are never cached.</summary>
    private static void NoStore(HttpResponse response) => response.Headers.CacheControl = "no-store";

    // The access cookie lives as long as the refresh cookie: an expired access token is how the server
    // tells the client to refresh (401 session-expired), rather than the cookie silently vanishing.
    private static CookieOptions Options(DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };
}
