using LoftsDesArts.Http.Units;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Units;

/// <summary>One thin function per route of <see cref="UnitRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class UnitsFunctions(ApiPipeline pipeline)
{
    [Function("ListUnits")]
    public Task<IResult> ListUnits([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitRoutes.List);

    [Function("ImportUnits")]
    public Task<IResult> ImportUnits([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/units/import")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, UnitRoutes.Import);
}
