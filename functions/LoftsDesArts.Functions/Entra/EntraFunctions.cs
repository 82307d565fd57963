using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Entra;

/// <summary>One thin function per route of <see cref="EntraRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class EntraFunctions(ApiPipeline pipeline)
{
    [Function("StartEntraSignIn")]
    public Task<IResult> StartEntraSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/entra/start")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, EntraRoutes.Start);

    [Function("CompleteEntraSignIn")]
    public Task<IResult> CompleteEntraSignIn([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/entra/callback")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, EntraRoutes.Callback);
}
