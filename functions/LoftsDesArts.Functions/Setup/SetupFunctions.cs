using LoftsDesArts.Http.Setup;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Setup;

/// <summary>One thin function per route of <see cref="SetupRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class SetupFunctions(ApiPipeline pipeline)
{
    [Function("BeginFirstAdmin")]
    public Task<IResult> BeginFirstAdmin([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "setup/first-admin")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, SetupRoutes.Begin);

    [Function("CompleteFirstAdmin")]
    public Task<IResult> CompleteFirstAdmin([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "setup/first-admin/totp")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, SetupRoutes.Complete);
}
