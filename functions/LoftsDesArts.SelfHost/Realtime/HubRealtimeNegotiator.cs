using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Infrastructure.Local.Realtime;

namespace LoftsDesArts.SelfHost.Realtime;

/// <summary>
/// Redirects negotiate to the in-process hub on the origin the browser used (scheme, host and path base
/// of the negotiate request), with a token from <see cref="RealtimeTokenService"/>.
/// </summary>
public sealed class HubRealtimeNegotiator(RealtimeTokenService tokens, IHttpContextAccessor httpContextAccessor) : IRealtimeNegotiator
{
    public async Task<NegotiateRedirect> NegotiateAsync(string userId, IReadOnlyList<string> groups, CancellationToken cancellationToken)
    {
        var request = httpContextAccessor.HttpContext?.Request
            ?? throw new InvalidOperationException("Negotiate runs inside an HTTP request.");
        var url = new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{PortalHub.Path}");
        var token = await tokens.IssueAsync(userId, groups, cancellationToken).ConfigureAwait(false);
        return new NegotiateRedirect(url, token);
    }
}
