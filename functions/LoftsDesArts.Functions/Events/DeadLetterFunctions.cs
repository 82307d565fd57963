using LoftsDesArts.Http.Events;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Events;

public sealed class DeadLetterFunctions(ApiPipeline pipeline)
{
    [Function("ListDeadLetters")]
    public Task<IResult> List([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/dead-letters")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, DeadLetterRoutes.List);

    [Function("RetryDeadLetter")]
    public Task<IResult> Retry([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/dead-letters/{deadLetterId}/retry")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, DeadLetterRoutes.Retry);
}
