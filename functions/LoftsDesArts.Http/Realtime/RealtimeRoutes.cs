using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Realtime;

/// <summary>
/// The SignalR negotiate redirect, exactly as the @microsoft/signalr client reads it: <c>url</c> is where
/// to connect, <c>accessToken</c> the short-lived token to connect with.
/// </summary>
public sealed record NegotiateResponse(string Url, string AccessToken);

/// <summary>
/// Real-time pushes (DESIGN §4). The web client uses <c>/api</c> as its hub URL, so the SignalR client's
/// <c>POST /api/negotiate?negotiateVersion=1</c> lands here and is redirected to the in-process hub
/// (self-host) or to SignalR Service (Azure), with the caller's user id and groups.
/// </summary>
public static class RealtimeRoutes
{
    public static readonly ApiRoute Negotiate = ApiRoute
        .Post("Negotiate", "negotiate", NegotiateAsync)
        .Returns<NegotiateResponse>()
        .Describe("SignalR negotiate: redirects the signed-in caller to the real-time hub with a short-lived token for their groups.");

    public static IEnumerable<ApiRoute> All => [Negotiate];

    private static async Task<IResult> NegotiateAsync(ApiCall call)
    {
        var caller = call.Caller;
        var groups = RealtimeMemberships.GroupsOf(caller, call.Clock.GetUtcNow());
        NegotiateRedirect redirect;
        try
        {
            redirect = await call.Service<IRealtimeNegotiator>().NegotiateAsync(caller.UserId, groups, call.Aborted).ConfigureAwait(false);
        }
        catch (RealtimeUnavailableException ex)
        {
            throw new DomainException(ErrorKind.Unavailable, "realtime-unavailable", Texts.Errors.Unavailable)
            {
                RetryAfter = ex.RetryAfter ?? TimeSpan.FromSeconds(5),
            };
        }

        // The body holds a bearer token: no cache may keep it.
        call.Http.Response.Headers.CacheControl = "no-store";
        return ApiJson.Ok(new NegotiateResponse(redirect.Url.AbsoluteUri, redirect.AccessToken));
    }
}
