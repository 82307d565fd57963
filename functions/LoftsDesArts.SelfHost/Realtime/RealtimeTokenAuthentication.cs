using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using LoftsDesArts.Infrastructure.Local.Realtime;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.SelfHost.Realtime;

/// <summary>
/// Authenticates hub requests with the token negotiate handed out: the <c>Authorization: Bearer</c>
/// header (the SignalR client's negotiate and long polling) or the <c>access_token</c> query value
/// (WebSockets and server-sent events, which cannot carry headers in browsers). The scheme is never a
/// default: only the hub's policy names it, so no other endpoint reads a query token.
/// </summary>
public sealed class RealtimeTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    RealtimeTokenService tokens,
    RealtimeConnectionTracker tracker)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "RealtimeToken";
    public const string PolicyName = "RealtimeHub";
    public const string QueryParameter = "access_token";
    public const string IssuedAtClaim = "lda:rt:iat";
    public const string ExpiresAtClaim = "lda:rt:exp";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var ticket = await tokens.ValidateAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (ticket is null)
        {
            return AuthenticateResult.Fail("The real-time token is not valid.");
        }

        if (tracker.IsRevoked(ticket))
        {
            return AuthenticateResult.Fail("The real-time token was revoked.");
        }

        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, ticket.UserId),
            new(IssuedAtClaim, ticket.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            new(ExpiresAtClaim, ticket.ExpiresAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
            .. ticket.Groups.Select(g => new Claim(RealtimeTokenService.GroupClaim, g)),
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private static string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Query.TryGetValue(QueryParameter, out var value) && value.Count == 1 ? value.ToString() : null;
    }
}
