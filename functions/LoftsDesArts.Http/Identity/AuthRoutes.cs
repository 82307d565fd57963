using LoftsDesArts.Core.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Identity;

/// <summary>Signing in and out, sessions, email verification and password reset (issue 2, B2–B3).</summary>
public static class AuthRoutes
{
    // Anonymous endpoints that send email or check secrets get a per-address budget on top of the
    // per-account progressive delays in the use cases.
    private static readonly ThrottleRule SignInBudget = new("auth-sign-in", 60, TimeSpan.FromMinutes(10));
    private static readonly ThrottleRule EmailBudget = new("auth-email", 10, TimeSpan.FromMinutes(10));

    public static readonly ApiRoute SignIn = ApiRoute
        .Post<SignInRequest>("SignIn", "auth/sign-in", SignInAsync)
        .AllowAnonymous().Throttled(SignInBudget).Returns<SignInResponse>()
        .Describe("Signs in with email and password; staff with a second factor continue with auth/sign-in/totp.");

    public static readonly ApiRoute SignInTotp = ApiRoute
        .Post<TotpRequest>("SignInTotp", "auth/sign-in/totp", SignInTotpAsync)
        .AllowAnonymous().Throttled(SignInBudget).Returns<SignInResponse>()
        .Describe("Completes a staff sign-in with the authenticator app's code.");

    public static readonly ApiRoute RequestSignInCode = ApiRoute
        .Post<EmailRequest>("RequestSignInCode", "auth/sign-in/code/request", RequestSignInCodeAsync)
        .AllowAnonymous().Throttled(EmailBudget).Returns<AcceptedResponse>(StatusCodes.Status202Accepted)
        .Describe("Emails a one-time sign-in code (same answer whether or not the address has an account).");

    public static readonly ApiRoute SignInWithCode = ApiRoute
        .Post<CodeSignInRequest>("SignInWithCode", "auth/sign-in/code", SignInWithCodeAsync)
        .AllowAnonymous().Throttled(SignInBudget).Returns<SignInResponse>()
        .Describe("Signs in with the emailed one-time code.");

    public static readonly ApiRoute Refresh = ApiRoute
        .Post("RefreshSession", "auth/refresh", RefreshAsync)
        .AllowAnonymous().Throttled(SignInBudget)
        .Describe("Rotates the refresh token and issues a new access token.");

    public static readonly ApiRoute SignOut = ApiRoute
        .Post("SignOut", "auth/sign-out", SignOutAsync)
        .AllowAnonymous()
        .Describe("Ends this session and clears the cookies.");

    public static readonly ApiRoute SignOutEverywhere = ApiRoute
        .Post("SignOutEverywhere", "auth/sign-out-everywhere", SignOutEverywhereAsync)
        .RequireSignedIn().AllowLockedSession()
        .Describe("Ends every session of the account.");

    public static readonly ApiRoute ListSessions = ApiRoute
        .Get("ListSessions", "auth/sessions", ListSessionsAsync)
        .RequireSignedIn().Returns<IReadOnlyList<SessionResponse>>()
        .Describe("The account's active sessions.");

    public static readonly ApiRoute EndSession = ApiRoute
        .Delete("EndSession", "auth/sessions/{sessionId}", EndSessionAsync)
        .RequireSignedIn()
        .Describe("Ends one of the account's sessions.");

    public static readonly ApiRoute Lock = ApiRoute
        .Post("LockSession", "auth/lock", LockAsync)
        .RequireSignedIn().AllowLockedSession()
        .Describe("Locks this session (idle lock of a shared desk terminal).");

    public static readonly ApiRoute Unlock = ApiRoute
        .Post<UnlockRequest>("UnlockSession", "auth/unlock", UnlockAsync)
        .RequireSignedIn().AllowLockedSession().Throttled(SignInBudget)
        .Describe("Unlocks this session with the account's password.");

    public static readonly ApiRoute VerifyEmail = ApiRoute
        .Post<VerifyEmailRequest>("VerifyEmail", "auth/verify-email", VerifyEmailAsync)
        .AllowAnonymous().Throttled(SignInBudget).Returns<SignInResponse>()
        .Describe("Confirms an email address by the link's token or by the six-digit code, and signs in (staff continue with auth/sign-in/totp).");

    public static readonly ApiRoute ResendVerification = ApiRoute
        .Post<EmailRequest>("ResendVerification", "auth/verify-email/resend", ResendVerificationAsync)
        .AllowAnonymous().Throttled(EmailBudget).Returns<AcceptedResponse>(StatusCodes.Status202Accepted)
        .Describe("Sends the verification email again (same answer whatever the address).");

    public static readonly ApiRoute ForgotPassword = ApiRoute
        .Post<EmailRequest>("ForgotPassword", "auth/password/forgot", ForgotPasswordAsync)
        .AllowAnonymous().Throttled(EmailBudget).Returns<AcceptedResponse>(StatusCodes.Status202Accepted)
        .Describe("Emails a password reset link (same answer whatever the address).");

    public static readonly ApiRoute ResetPassword = ApiRoute
        .Post<ResetPasswordRequest>("ResetPassword", "auth/password/reset", ResetPasswordAsync)
        .AllowAnonymous().Throttled(SignInBudget)
        .Describe("Sets a new password from a reset link; every session ends.");

    public static IEnumerable<ApiRoute> All =>
    [
        SignIn, SignInTotp, RequestSignInCode, SignInWithCode, Refresh, SignOut, SignOutEverywhere,
        ListSessions, EndSession, Lock, Unlock, VerifyEmail, ResendVerification, ForgotPassword, ResetPassword,
    ];

    private static async Task<IResult> SignInAsync(ApiCall call, SignInRequest body)
    {
        var result = await call.Service<SignInService>().WithPasswordAsync(body.Email!, body.Password!, call.ClientAddress, call.UserAgent, call.Aborted).ConfigureAwait(false);
        return await SignInResultAsync(call, result).ConfigureAwait(false);
    }

    private static async Task<IResult> SignInTotpAsync(ApiCall call, TotpRequest body)
    {
        var challenge = call.Http.Request.Cookies[SessionCookies.TotpChallenge];
        var result = await call.Service<SignInService>().WithTotpAsync(challenge, body.Code!, call.ClientAddress, call.UserAgent, call.Aborted).ConfigureAwait(false);
        return await SignInResultAsync(call, result).ConfigureAwait(false);
    }

    private static async Task<IResult> RequestSignInCodeAsync(ApiCall call, EmailRequest body)
    {
        await call.Service<SignInService>().RequestCodeAsync(body.Email!, call.Aborted).ConfigureAwait(false);
        return ApiJson.Accepted(new AcceptedResponse("check-inbox"));
    }

    private static async Task<IResult> SignInWithCodeAsync(ApiCall call, CodeSignInRequest body)
    {
        var result = await call.Service<SignInService>().WithCodeAsync(body.Email!, body.Code!, call.ClientAddress, call.UserAgent, call.Aborted).ConfigureAwait(false);
        return await SignInResultAsync(call, result).ConfigureAwait(false);
    }

    private static async Task<IResult> RefreshAsync(ApiCall call)
    {
        var (outcome, session) = await call.Service<SessionService>().RefreshAsync(call.Http.Request.Cookies[SessionCookies.Refresh], call.Aborted).ConfigureAwait(false);
        if (outcome != RefreshOutcome.Rotated || session is null)
        {
            SessionCookies.Clear(call.Http.Response);
            throw new Core.Common.DomainException(Core.Common.ErrorKind.Unauthenticated, "session-ended", IdentityTexts.SessionExpired);
        }

        SessionCookies.Issue(call.Http.Response, session);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SignOutAsync(ApiCall call)
    {
        if (call.Principal is { } caller)
        {
            await call.Service<SessionService>().RevokeAsync(caller.UserId, caller.SessionId, "signed-out", call.Aborted).ConfigureAwait(false);
            call.Service<PrincipalCache>().Forget(caller.UserId);
        }
        else if (await call.Service<SessionTokens>().ReadRefreshTokenAsync(call.Http.Request.Cookies[SessionCookies.Refresh], call.Aborted).ConfigureAwait(false) is { } refresh)
        {
            // The access token had expired: the refresh cookie still names the session to end.
            await call.Service<SessionService>().RevokeAsync(refresh.UserId, refresh.SessionId, "signed-out", call.Aborted).ConfigureAwait(false);
        }

        SessionCookies.Clear(call.Http.Response);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SignOutEverywhereAsync(ApiCall call)
    {
        await call.Service<AccountService>().SignOutEverywhereAsync(call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        SessionCookies.Clear(call.Http.Response);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListSessionsAsync(ApiCall call)
    {
        var sessions = await call.Service<SessionService>().ListActiveAsync(call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok<IReadOnlyList<SessionResponse>>([.. sessions.Select(s => new SessionResponse(s.SessionId, s.CreatedAt, s.LastSeenAt, s.Device, s.SessionId == call.Caller.SessionId))]);
    }

    private static async Task<IResult> EndSessionAsync(ApiCall call)
    {
        // The session id comes from the route but the partition from the caller: nobody can end another account's session.
        if (!await call.Service<SessionService>().RevokeAsync(call.Caller.UserId, call.RouteValue("sessionId"), "ended-by-user", call.Aborted).ConfigureAwait(false))
        {
            throw Core.Common.DomainException.NotFound("session-not-found", IdentityTexts.SessionNotFound);
        }

        call.Service<PrincipalCache>().Forget(call.Caller.UserId);
        if (call.RouteValue("sessionId") == call.Caller.SessionId)
        {
            SessionCookies.Clear(call.Http.Response);
        }

        return TypedResults.NoContent();
    }

    private static async Task<IResult> LockAsync(ApiCall call)
    {
        await call.Service<SessionService>().LockAsync(call.Caller.UserId, call.Caller.SessionId, call.Aborted).ConfigureAwait(false);
        call.Service<PrincipalCache>().Forget(call.Caller.UserId);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> UnlockAsync(ApiCall call, UnlockRequest body)
    {
        await call.Service<AccountService>().UnlockAsync(call.Caller.UserId, call.Caller.SessionId, body.Password!, call.ClientAddress, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> VerifyEmailAsync(ApiCall call, VerifyEmailRequest body)
    {
        var accounts = call.Service<AccountService>();
        var account = string.IsNullOrWhiteSpace(body.Token)
            ? await accounts.VerifyEmailWithCodeAsync(body.Email!, body.Code!, call.ClientAddress, call.Aborted).ConfigureAwait(false)
            : await accounts.VerifyEmailWithTokenAsync(body.Token, call.Aborted).ConfigureAwait(false);

        // The address is one factor: staff still owe their TOTP code before a session exists.
        var result = await call.Service<SignInService>().ContinueAfterFirstFactorAsync(account, call.UserAgent, call.Aborted).ConfigureAwait(false);
        return await SignInResultAsync(call, result).ConfigureAwait(false);
    }

    private static async Task<IResult> ResendVerificationAsync(ApiCall call, EmailRequest body)
    {
        await call.Service<AccountService>().ResendVerificationAsync(body.Email!, call.Aborted).ConfigureAwait(false);
        return ApiJson.Accepted(new AcceptedResponse("check-inbox"));
    }

    private static async Task<IResult> ForgotPasswordAsync(ApiCall call, EmailRequest body)
    {
        await call.Service<AccountService>().RequestPasswordResetAsync(body.Email!, call.Aborted).ConfigureAwait(false);
        return ApiJson.Accepted(new AcceptedResponse("check-inbox"));
    }

    private static async Task<IResult> ResetPasswordAsync(ApiCall call, ResetPasswordRequest body)
    {
        await call.Service<AccountService>().ResetPasswordAsync(body.Token!, body.NewPassword!, call.Aborted).ConfigureAwait(false);
        SessionCookies.Clear(call.Http.Response);
        return TypedResults.NoContent();
    }

    /// <summary>Sets the cookies (or the TOTP challenge) and answers with the person.</summary>
    internal static async Task<IResult> SignInResultAsync(ApiCall call, SignInResult result)
    {
        if (result.Status == SignInStatus.TotpRequired)
        {
            SessionCookies.IssueTotpChallenge(call.Http.Response, result.TotpChallenge!, call.Clock.GetUtcNow() + TotpService.ChallengeLifetime);
            return ApiJson.Ok(new SignInResponse("totp-required", null));
        }

        SessionCookies.Issue(call.Http.Response, result.Session!);
        var me = await call.Service<MeReader>().ReadAsync(result.Account, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(new SignInResponse("signed-in", me));
    }
}
