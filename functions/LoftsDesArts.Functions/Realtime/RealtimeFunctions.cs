using LoftsDesArts.Http.Pipeline;
using LoftsDesArts.Http.Realtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Realtime;

public sealed class RealtimeFunctions(ApiPipeline pipeline)
{
    [Function("Negotiate")]
    public Task<IResult> Negotiate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "negotiate")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RealtimeRoutes.Negotiate);
}
