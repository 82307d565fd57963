using LoftsDesArts.Http.Public;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Public;

/// <summary>One thin function per route of <see cref="PublicRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class PublicFunctions(ApiPipeline pipeline)
{
    [Function("ListPublicBuildings")]
    public Task<IResult> ListPublicBuildings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/buildings")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PublicRoutes.ListBuildings);

    [Function("GetPublicBuilding")]
    public Task<IResult> GetPublicBuilding([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/buildings/{buildingId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PublicRoutes.GetBuilding);

    [Function("GetLegalDocument")]
    public Task<IResult> GetLegalDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/legal/{document}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PublicRoutes.GetLegal);

    [Function("GetAuthOptions")]
    public Task<IResult> GetAuthOptions([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/auth-options")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, PublicRoutes.GetAuthOptions);
}
