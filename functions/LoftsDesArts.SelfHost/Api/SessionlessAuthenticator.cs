using LoftsDesArts.Core.Access;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.SelfHost.Api;

/// <summary>Placeholder until sessions land: every request is anonymous.</summary>
internal sealed class SessionlessAuthenticator : IApiAuthenticator
{
    public Task<CallerPrincipal?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken) =>
        Task.FromResult<CallerPrincipal?>(null);
}
