using LoftsDesArts.Http;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.SelfHost.Api;

/// <summary>Maps the shared route table under /api; each endpoint is a call into the pipeline.</summary>
internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var route in ApiRouteTable.All)
        {
            var builder = endpoints
                .MapMethods($"/{ApiPipeline.RoutePrefix}/{route.Template}", [route.Method], (HttpContext context, ApiPipeline pipeline) => pipeline.InvokeAsync(context, route))
                .WithName(route.Name)
                .WithTags(route.Tag);
            if (route.Summary is not null)
            {
                builder.WithSummary(route.Summary);
            }

            if (route.BodyType is not null)
            {
                builder.Accepts(route.BodyType, "application/json");
            }

            if (route.ResponseType is not null)
            {
                builder.Produces(StatusCodes.Status200OK, route.ResponseType);
            }

            builder.ProducesProblem(StatusCodes.Status400BadRequest);
        }

        return endpoints;
    }
}
