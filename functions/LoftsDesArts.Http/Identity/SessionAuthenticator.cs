using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Identity;

/// <summary>
/// Establishes the caller from the access cookie: the token's signature and lifetime, then the
/// account, memberships and session as last read (at most 5 s old). A revoked session, a deactivated
/// account or an expired membership stop working within those 5 s on every instance.
/// </summary>
public sealed class SessionAuthenticator(SessionTokens tokens, PrincipalCache principals, TimeProvider clock) : IApiAuthenticator
{
    public async Task<ApiAuthentication> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var cookies = context.Request.Cookies;
        if (cookies[SessionCookies.Access] is not { Length: > 0 } token)
        {
            return cookies.ContainsKey(SessionCookies.Refresh) ? new ApiAuthentication(null, SessionExpired: true) : ApiAuthentication.Anonymous;
        }

        var (state, claims) = await tokens.ValidateAccessTokenAsync(token, cancellationToken).ConfigureAwait(false);
        if (state == AccessTokenState.Expired)
        {
            return new ApiAuthentication(null, SessionExpired: true);
        }

        if (claims is null)
        {
            return ApiAuthentication.Anonymous;
        }

        var snapshot = await principals.GetAsync(claims.UserId, claims.SessionId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (snapshot is null || snapshot.Session.RevokedAt is not null || snapshot.Session.ExpiresAt <= now || snapshot.Account.Status != AccountStatus.Active)
        {
            return ApiAuthentication.Anonymous;
        }

        var account = snapshot.Account;
        var principal = new CallerPrincipal(
            account.UserId,
            claims.SessionId,
            account.Kind,
            account.EmailVerified,
            account.Language,
            [.. snapshot.Memberships.Where(m => m.IsActiveAt(now))])
        {
            SessionLocked = snapshot.Session.LockedAt is not null,
        };
        return new ApiAuthentication(principal);
    }
}
