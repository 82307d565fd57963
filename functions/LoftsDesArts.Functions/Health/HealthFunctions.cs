using LoftsDesArts.Http.Health;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Health;

public sealed class HealthFunctions(ApiPipeline pipeline)
{
    [Function("GetHealth")]
    public Task<IResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, HealthRoutes.Live);

    [Function("GetReadiness")]
    public Task<IResult> GetReadiness([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health/ready")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, HealthRoutes.Ready);
}
