using LoftsDesArts.Http.Me;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Me;

/// <summary>One thin function per route of <see cref="MeRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class MeFunctions(ApiPipeline pipeline)
{
    [Function("GetMe")]
    public Task<IResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, MeRoutes.GetMe);

    [Function("SetLanguage")]
    public Task<IResult> SetLanguage([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/language")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, MeRoutes.SetLanguage);

    [Function("UpdateProfile")]
    public Task<IResult> UpdateProfile([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "me/profile")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, MeRoutes.UpdateProfile);

    [Function("ChangePassword")]
    public Task<IResult> ChangePassword([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/password")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, MeRoutes.ChangePassword);

    [Function("ChangeEmail")]
    public Task<IResult> ChangeEmail([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "me/email")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, MeRoutes.ChangeEmail);
}
