using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Identity;

/// <summary>One thin function per route of <see cref="AuthRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class IdentityFunctions(ApiPipeline pipeline)
{
    [Function("SignIn")]
    public Task<IResult> SignIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.SignIn);

    [Function("SignInTotp")]
    public Task<IResult> SignInTotp([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in/totp")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.SignInTotp);

    [Function("RequestSignInCode")]
    public Task<IResult> RequestSignInCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in/code/request")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.RequestSignInCode);

    [Function("SignInWithCode")]
    public Task<IResult> SignInWithCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-in/code")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.SignInWithCode);

    [Function("RefreshSession")]
    public Task<IResult> RefreshSession([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/refresh")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.Refresh);

    [Function("SignOut")]
    public Task<IResult> SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-out")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.SignOut);

    [Function("SignOutEverywhere")]
    public Task<IResult> SignOutEverywhere([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/sign-out-everywhere")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.SignOutEverywhere);

    [Function("ListSessions")]
    public Task<IResult> ListSessions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/sessions")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.ListSessions);

    [Function("EndSession")]
    public Task<IResult> EndSession([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "auth/sessions/{sessionId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.EndSession);

    [Function("LockSession")]
    public Task<IResult> LockSession([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/lock")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.Lock);

    [Function("UnlockSession")]
    public Task<IResult> UnlockSession([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/unlock")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.Unlock);

    [Function("VerifyEmail")]
    public Task<IResult> VerifyEmail([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/verify-email")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.VerifyEmail);

    [Function("ResendVerification")]
    public Task<IResult> ResendVerification([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/verify-email/resend")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.ResendVerification);

    [Function("ForgotPassword")]
    public Task<IResult> ForgotPassword([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password/forgot")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.ForgotPassword);

    [Function("ResetPassword")]
    public Task<IResult> ResetPassword([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "auth/password/reset")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, AuthRoutes.ResetPassword);
}
