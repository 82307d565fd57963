using LoftsDesArts.Core.Access;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>
/// The outcome of reading the session: a caller, or none — and if none, whether a session was
/// presented but has expired (the client should refresh) rather than absent or invalid.
/// </summary>
public sealed record ApiAuthentication(CallerPrincipal? Principal, bool SessionExpired = false)
{
    public static readonly ApiAuthentication Anonymous = new(Principal: null);
}

/// <summary>Reads the session from the request (cookies) and loads the caller's memberships.</summary>
public interface IApiAuthenticator
{
    Task<ApiAuthentication> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken);
}
