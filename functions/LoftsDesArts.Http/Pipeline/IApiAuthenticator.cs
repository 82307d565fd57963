using LoftsDesArts.Core.Access;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Pipeline;

/// <summary>
/// Reads the session from the request (cookies) and loads the caller's memberships.
/// Returns <c>null</c> for an anonymous request or an invalid/expired session.
/// </summary>
public interface IApiAuthenticator
{
    Task<CallerPrincipal?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken);
}
