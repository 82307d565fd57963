using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Http.Identity;

/// <summary>
/// What the browser holds between the redirect to Microsoft and the callback. For an invitation
/// accepted with Microsoft, the id (hash) of its link token — never the token itself.
/// </summary>
public sealed record EntraFlowState(string State, string CodeVerifier, string Nonce, string ReturnTo, string? InvitationTokenId = null);

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
        .WithQuery("invitation")
        .Describe("Redirects to Microsoft to sign a staff member in, or with ?invitation={token} to accept a staff invitation (404 where Entra ID is not configured).");

    public static readonly ApiRoute Callback = ApiRoute
        .Get("CompleteEntraSignIn", "auth/entra/callback", CallbackAsync)
        .AllowAnonymous()
        .Redirects()
        .Describe("Microsoft's redirect back: redeems the code, checks the staff member, sets the session cookies.");

    public static IEnumerable<ApiRoute> All => [Start, Callback];

    private static async Task<IResult> StartAsync(ApiCall call)
    {
        var entra = call.Service<IEntraSignIn>();
        if (!entra.IsConfigured)
        {
            throw DomainException.NotFound("entra-not-configured", IdentityTexts.EntraNotConfigured);
        }

        // An invitation is checked before the trip to Microsoft, so a spent or expired link says so at once.
        var invitation = call.Http.Request.Query["invitation"].ToString();
        var invitationTokenId = invitation.Length is > 0 and <= 256
            ? await call.Service<StaffInvitations>().OpenForEntraAsync(invitation, call.Aborted).ConfigureAwait(false)
            : null;
        var authorization = await entra.BeginAsync(CallbackUri(call), call.Aborted).ConfigureAwait(false);
        var state = new EntraFlowState(authorization.State, authorization.CodeVerifier, authorization.Nonce, SafeReturnTo(call.Http.Request.Query["returnTo"]), invitationTokenId);
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
        var account = flow.InvitationTokenId is { } invitationTokenId
            ? await call.Service<StaffInvitations>().AcceptWithEntraAsync(invitationTokenId, identity, call.Aborted).ConfigureAwait(false)
            : await LinkedAccountAsync(call, identity).ConfigureAwait(false);
        var memberships = await call.Service<IDocumentStore>().ReadAsync<UserMemberships>(Containers.Users, account.UserId, UserMemberships.DocumentId, call.Aborted).ConfigureAwait(false);
        if (account.Kind != AccountKind.Staff || account.Status != AccountStatus.Active || memberships?.Value.Items.Any(m => m.Role.IsStaff()) != true)
        {
            throw new DomainException(ErrorKind.Forbidden, "entra-not-staff", IdentityTexts.EntraNotStaff);
        }

        var session = await call.Service<SessionService>().StartAsync(account, call.UserAgent, call.Aborted).ConfigureAwait(false);
        SessionCookies.Issue(call.Http.Response, session);
        return TypedResults.Redirect(flow.ReturnTo);
    }

    private static async Task<UserAccount> LinkedAccountAsync(ApiCall call, EntraIdentity identity)
    {
        var linkId = EntraLink.IdFor(identity.TenantId, identity.ObjectId);
        var link = await call.Service<IDocumentStore>().ReadAsync<EntraLink>(Containers.Lookups, linkId, linkId, call.Aborted).ConfigureAwait(false)
            ?? throw new DomainException(ErrorKind.Forbidden, "entra-not-staff", IdentityTexts.EntraNotStaff);
        return await call.Service<Accounts>().RequireAsync(link.Value.UserId, call.Aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// On the web's origin (<c>Portal:PublicOrigin</c>) when configured: in Azure the browser reaches the
    /// API through the Static Web App, so the redirect URI and the flow cookie belong to its address, not
    /// to the Function App's; otherwise the address the request came to (the self-host).
    /// </summary>
    private static Uri CallbackUri(ApiCall call)
    {
        var configured = call.Service<IOptions<PortalOptions>>().Value.PublicOrigin;
        var request = call.Http.Request;
        var origin = configured is { Length: > 0 } ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
        return new Uri($"{origin}/{ApiPipeline.RoutePrefix}/{Callback.Template}");
    }

    /// <summary>Only a path on this site: never an absolute or protocol-relative URL (open redirect).</summary>
    private static string SafeReturnTo(string? returnTo) =>
        returnTo is { Length: > 1 } path && path[0] == '/' && path[1] != '/' && path[1] != '\\' ? path : "/console";
}
