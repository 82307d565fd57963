using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Identity;

/// <summary>What the browser holds between the redirect to Microsoft and the callback.</summary>
public sealed record EntraFlowState(string State, string CodeVerifier, string Nonce, string ReturnTo);

/// <summary>
/// Staff sign-in through Entra ID (DESIGN §5): a server-side authorization-code flow with PKCE whose
/// callback issues the portal's own cookies. Staff are keyed by (tenant id, object id) and get their
/// roles from our memberships, never from the token.
/// </summary>
public static class EntraRoutes
{
    private const string FlowCookie = "__Host-lda-entra";
    private const string SealPurpose = "entra-flow";
    private static readonly TimeSpan FlowLifetime = TimeSpan.FromMinutes(10);

    public static readonly ApiRoute Start = ApiRoute
        .Get("StartEntraSignIn", "auth/entra/start", StartAsync)
        .AllowAnonymous()
        .Redirects()
        .WithQuery("returnTo")
        .Describe("Redirects to Microsoft to sign a staff member in (404 where Entra ID is not configured).");

    public static readonly ApiRoute Callback = ApiRoute
        .Get("CompleteEntraSignIn", "auth/entra/callback", CallbackAsync)
        .AllowAnonymous()
        .Redirects()
        .Describe("Microsoft's redirect back: redeems the code, checks the staff member, sets the session cookies.");

    public static IEnumerable<ApiRoute> All => [Start, Callback];

    private static async Task<IResult> StartAsync(ApiCall call)
    {
        var entra = call.Service<IEntraSignIn>();
        var authorization = await entra.BeginAsync(CallbackUri(call), call.Aborted).ConfigureAwait(false);
        var state = new EntraFlowState(authorization.State, authorization.CodeVerifier, authorization.Nonce, SafeReturnTo(call.Http.Request.Query["returnTo"]));
        var sealedState = await call.Service<StateSealer>().SealAsync(SealPurpose, state, FlowLifetime, call.Aborted).ConfigureAwait(false);

        // Lax, not Strict: the cookie must come back on Microsoft's top-level redirect to the callback.
        call.Http.Response.Cookies.Append(FlowCookie, sealedState, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = FlowLifetime, IsEssential = true });
        return TypedResults.Redirect(authorization.AuthorizeUrl.ToString());
    }

    private static async Task<IResult> CallbackAsync(ApiCall call)
    {
        var query = call.Http.Request.Query;
        var flow = await call.Service<StateSealer>().UnsealAsync<EntraFlowState>(SealPurpose, call.Http.Request.Cookies[FlowCookie], call.Aborted).ConfigureAwait(false);
        call.Http.Response.Cookies.Delete(FlowCookie, new CookieOptions { Secure = true, Path = "/", SameSite = SameSiteMode.Lax });
        if (flow is null || query["state"] != flow.State || string.IsNullOrEmpty(query["code"]))
        {
            throw new DomainException(ErrorKind.Validation, "entra-failed", IdentityTexts.EntraFailed);
        }

        var identity = await call.Service<IEntraSignIn>().CompleteAsync(query["code"]!, flow.CodeVerifier, flow.Nonce, CallbackUri(call), call.Aborted).ConfigureAwait(false);
        var store = call.Service<IDocumentStore>();
        var linkId = EntraLink.IdFor(identity.TenantId, identity.ObjectId);
        var link = await store.ReadAsync<EntraLink>(Containers.Lookups, linkId, linkId, call.Aborted).ConfigureAwait(false)
            ?? throw new DomainException(ErrorKind.Forbidden, "entra-not-staff", IdentityTexts.EntraNotStaff);
        var account = await call.Service<Accounts>().RequireAsync(link.Value.UserId, call.Aborted).ConfigureAwait(false);
        if (account.Kind != AccountKind.Staff || account.Status != AccountStatus.Active)
        {
            throw new DomainException(ErrorKind.Forbidden, "entra-not-staff", IdentityTexts.EntraNotStaff);
        }

        var session = await call.Service<SessionService>().StartAsync(account, call.UserAgent, call.Aborted).ConfigureAwait(false);
        SessionCookies.Issue(call.Http.Response, session);
        return TypedResults.Redirect(flow.ReturnTo);
    }

    private static Uri CallbackUri(ApiCall call)
    {
        var request = call.Http.Request;
        return new Uri($"{request.Scheme}://{request.Host}/{ApiPipeline.RoutePrefix}/{Callback.Template}");
    }

    /// <summary>Only a path on this site: never an absolute or protocol-relative URL (open redirect).</summary>
    private static string SafeReturnTo(string? returnTo) =>
        returnTo is { Length: > 1 } path && path[0] == '/' && path[1] != '/' && path[1] != '\\' ? path : "/console";
}
